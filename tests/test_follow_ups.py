"""After a request: reminders to the company and complaints to the competent authority, each
citing the original request, the day it was sent and the provisions the law records."""
from __future__ import annotations

import re
from datetime import date

import pytest

from letters import Person
from letters.complaints import CLOSED, FORM, LETTER, NONE, PHONE, SUBDIVISION, complaint_route
from letters.errors import InvalidInput, NotPossible
from letters.follow_ups import compose_follow_up
from letters.model import Jurisdiction
from letters.render.html import document, letter_html
from letters.render.pdf import render_pdf
from letters.render.text import letter_text
from tests.conftest import pdf_words

SENT = date(2026, 9, 1)
TODAY = date(2026, 11, 26)
LAW_WORDS = re.compile(r"\bArt\.|\bArticle\b|\bGDPR\b|\bDSGVO\b|§|Regulation|Verordnung")


def follow_up(records, person, kind, country, language="en", **kwargs):
    arguments = {"sent_on": SENT, "today": TODAY, **kwargs}
    return compose_follow_up(records, kind=kind, country=country, company="meta",
                             person=person, language=language, **arguments)


# -- where complaints go --------------------------------------------------------------------
@pytest.mark.parametrize("code, kind, authority", [
    ("DE", SUBDIVISION, None),
    ("DE-BY", LETTER, "de-by-lda"),
    ("FR", LETTER, "fr-cnil"),
    ("IE", LETTER, "ie-dpc"),
    ("ES", FORM, "es-aepd"),
    ("IS", FORM, "is-personuvernd"),
    ("GB", LETTER, "gb-ico"),
    ("CH", LETTER, "ch-fdpic"),
    ("BR", FORM, "br-anpd"),
    ("CA-ON", LETTER, "ca-opc"),
    ("CA-QC", FORM, "ca-qc-cai"),
    ("US-CA", FORM, "us-ca-cppa"),
    ("US-TX", FORM, "us-tx-ag"),
    ("US-CO", CLOSED, "us-co-ag"),
    ("JP", PHONE, "jp-ppc"),
    ("US-FL", NONE, None),
    ("US-OH", NONE, None),
    ("US", NONE, None),
])
def test_a_complaint_goes_to_the_authority_where_the_person_lives(records, code, kind,
                                                                  authority):
    route = complaint_route(records, records.jurisdiction(code))
    assert route.kind == kind
    assert (route.authority.id if route.authority else None) == authority


def test_every_place_with_a_law_has_its_authority_unless_none_is_on_record(records):
    """Only US states whose regulator has no official page recorded lack one."""
    without = {code for code in records.places()
               if records.jurisdiction(code).law.statutory
               and complaint_route(records, records.jurisdiction(code)).kind == NONE}
    assert without == {"US-FL", "US-IA", "US-IN", "US-KY", "US-MD", "US-MN", "US-MT",
                       "US-NE", "US-NJ", "US-RI", "US-TN", "US-UT"}


@pytest.mark.parametrize("country, original, message", [
    ("JP", "erasure", "Personal Information Protection Commission (Japan) takes complaints "
                      "only by telephone, at 03-6457-9849, so objector cannot write one"),
    ("US-CO", "object-profiling", "objector knows no way to send a complaint to Colorado "
                                  "Attorney General (Colorado Department of Law). Its website "
                                  "may say more: https://coag.gov/uoom/"),
    ("US-FL", None, "objector knows no authority that takes complaints from people in"),
    ("US-CA", "do-not-train", "Your request rests on no law, so there is nothing to complain "
                              "about to an authority."),
    ("US-OH", None, "objector knows of no law where you live that lets you complain"),
    ("DE", None, "Complaints in Germany go to the authority of your state: choose it, for "
                 "example DE-BB."),
])
def test_no_complaint_is_written_where_none_can_reach_an_authority(records, person, country,
                                                                  original, message):
    if country == "US-FL":
        original = records.offered(records.jurisdiction("US-FL"))[0].id
    with pytest.raises(NotPossible) as refused:
        follow_up(records, person, "complaint", country, original=original)
    assert message in refused.value.translated("en")


def test_an_authority_not_yet_open_says_so(records):
    """India's Board exists but takes no complaints yet (no law of India's offers one now)."""
    pretend = Jurisdiction(code="IN", law=records.laws["gdpr"],
                           sources=("https://x.invalid",), verified=TODAY)
    with pytest.raises(NotPossible, match="Data Protection Board of India does not take "
                                          "complaints yet."):
        complaint_route(records, pretend).require_writable("en")


def test_the_italian_pec_address_is_shown_but_not_used_for_ordinary_e_mail(records):
    route = complaint_route(records, records.jurisdiction("IT"))
    assert route.addressee().email is None and route.addressee().by_post
    assert any("protocollo@pec.gpdp.it" in notice and "PEC" in notice
               for notice in route.notices("en"))


def test_notices_speak_the_persons_language(records):
    route = complaint_route(records, records.jurisdiction("FR"))
    assert route.notices("de") == [
        "Commission nationale de l'informatique et des libertés nimmt Beschwerden nur in "
        "diesen Sprachen an: Französisch."]


# -- reminders ------------------------------------------------------------------------------
@pytest.mark.parametrize("country, language, expected", [
    ("DE", "de", ["Art. 12 Abs. 3 DSGVO", "1. Oktober 2026", "Art. 77 DSGVO",
                  "Am 1. September 2026 habe ich Ihnen meinen Antrag „Widerspruch gemäß "
                  "Art. 21 Abs. 1 DSGVO"]),
    ("DE-BY", "en", ["Art. 12(3) GDPR", "1 October 2026", "Art. 77 GDPR",
                     "On 1 September 2026 I sent you my request “Objection under Art. 21(1) "
                     "GDPR"]),
    ("FR", "en", ["Art. 12(3) GDPR", "Art. 77 GDPR"]),
    ("IE", "en", ["Art. 12(3) GDPR", "Art. 77 GDPR"]),
    ("GB", "en", ["Art. 12A UK GDPR", "competent supervisory authority.",
                  "“Objection under Art. 21(1) UK GDPR"]),
])
def test_a_reminder_cites_the_request_its_date_and_the_deadline_provision(records, person,
                                                                          country, language,
                                                                          expected):
    letter = follow_up(records, person, "reminder", country, language)
    text = letter_text(letter)
    assert letter.addressee == letter.controller.addressee
    assert letter.sent_on == TODAY and letter.follow_up.original.sent_on == SENT
    for phrase in expected:
        assert phrase in text, phrase
    law = letter.law
    assert set(letter.cited) == {law.deadline.provision} | ({law.complaint} - {None})


def test_a_reminder_where_no_law_is_known_asks_again_and_claims_none(records, person):
    letter = follow_up(records, person, "reminder", "US-OH")
    text = letter.text
    assert letter.addressee.name == "Meta Platforms, Inc." and letter.cited == ()
    assert "On September 1, 2026 I sent you my request “Request not to use my personal data" \
        in text
    assert not LAW_WORDS.search(text) and "complaint" not in text


def test_a_reminder_is_refused_before_the_deadline_has_passed(records, person):
    with pytest.raises(NotPossible) as refused:
        follow_up(records, person, "reminder", "DE", today=date(2026, 10, 1))
    assert refused.value.translated("en") == (
        "Meta has until 1 October 2026 to answer. You can send a reminder after that day.")
    assert follow_up(records, person, "reminder", "DE", today=date(2026, 10, 2))


@pytest.mark.parametrize("sent_on, message", [
    (None, "Enter the date you sent your letter."),
    (date(2026, 11, 27), "The date you sent your letter must be today or in the past."),
])
def test_the_sending_date_must_be_given_and_not_in_the_future(records, person, sent_on,
                                                              message):
    with pytest.raises(InvalidInput) as refused:
        follow_up(records, person, "reminder", "DE", sent_on=sent_on)
    assert refused.value.translated("en") == message and refused.value.field == "sent_on"


# -- complaints -----------------------------------------------------------------------------
@pytest.mark.parametrize("country, language, authority, address, cites", [
    ("DE-BY", "de", "Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)", "Promenade 27",
     ["Beschwerde gemäß Art. 77 DSGVO gegen Meta Platforms Ireland Limited",
      "Gemäß Art. 12 Abs. 3 DSGVO", "am 1. Oktober 2026"]),
    ("FR", "en", "Commission nationale de l'informatique et des libertés", "TSA 80715",
     ["Complaint under Art. 77 GDPR against Meta Platforms Ireland Limited",
      "Under Art. 12(3) GDPR", "ended on 1 October 2026"]),
    ("IE", "en", "Data Protection Commission (Ireland)", "21 Fitzwilliam Square South",
     ["Complaint under Art. 77 GDPR against Meta Platforms Ireland Limited"]),
    ("GB", "en", "Information Commissioner's Office (ICO)", "Wycliffe House",
     ["Complaint against Meta Platforms, Inc.", "Under Art. 12A UK GDPR"]),
])
def test_a_complaint_goes_to_the_authority_and_cites_request_date_and_provisions(
        records, person, country, language, authority, address, cites):
    letter = follow_up(records, person, "complaint", country, language)
    text = letter_text(letter)
    recipient = text.split("\n\n")[1].splitlines()
    assert recipient[0] == authority and address in recipient
    assert "\n".join([letter.controller.name, *letter.controller.address]) in letter.text
    for phrase in cites:
        assert phrase in text, phrase
    original = letter.follow_up.original
    assert any(f"{opening}{original.subject}{closing}" in text
               for opening, closing in (("“", "”"), ("„", "“")))
    assert original.format_date(SENT) in text
    law = letter.law
    assert set(letter.cited) == {law.deadline.provision} | ({law.complaint} - {None})


def test_the_uk_complaint_cites_no_article_77(records, person):
    text = follow_up(records, person, "complaint", "GB").text
    assert "Art. 77" not in text and "another supervisory authority" not in text


def test_a_complaint_after_an_unsatisfying_answer_says_what_happened(records):
    writer = Person.from_input(name="Jo Doe", email="jo@example.org",
                               reason="Meta sent only an automatic reply.")
    letter = follow_up(records, writer, "complaint", "IE", answered=True,
                       today=date(2026, 9, 10))
    assert "The controller answered, but did not do what I asked." in letter.text
    assert "Meta sent only an automatic reply." in letter.text
    assert letter.cited == ("complaint",)


@pytest.mark.parametrize("country, message", [
    ("DE", "Complaints in Germany go to the authority of your state: choose it, for example "
           "DE-BB."),
    ("US-OH", "objector knows of no law where you live that lets you complain to an "
              "authority about this"),
])
def test_a_complaint_is_refused_where_objector_cannot_write_one(records, person, country,
                                                               message):
    with pytest.raises(NotPossible) as refused:
        follow_up(records, person, "complaint", country)
    assert message in refused.value.translated("en")


def test_a_complaint_about_a_missing_answer_waits_for_the_deadline(records, person):
    with pytest.raises(NotPossible, match="You can complain about a missing answer after"):
        follow_up(records, person, "complaint", "IE", today=date(2026, 9, 20))


def test_the_complaint_pdf_is_addressed_to_the_authority(records, person):
    letter = follow_up(records, person, "complaint", "DE-BY", "de")
    words = pdf_words(render_pdf(document(letter_html(letter), language="de",
                                          title=letter.subject)))
    for expected in ["Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)", "Promenade 27",
                     "91522 Ansbach", "Beschwerde gemäß Art. 77 DSGVO gegen Meta Platforms "
                     "Ireland Limited", "Merrion Road", "1. September 2026",
                     "Art. 12 Abs. 3 DSGVO", "Berlin, 26. November 2026", "Erika Mustermann"]:
        assert expected in words, expected


# -- every law objector knows ---------------------------------------------------------------
from tests.test_matrix import PLACE_OF_LAW, RECORDS, found, foreign_marks  # noqa: E402

#: Long enough before TODAY for every period objector knows (Iowa's is 90 days).
LONG_AGO = date(2026, 6, 1)
MATRIX = [(code, kind.id) for code in PLACE_OF_LAW.values()
          for kind in RECORDS.offered(RECORDS.jurisdiction(code))]


@pytest.mark.parametrize("code, original", MATRIX)
def test_every_offered_request_gets_its_reminder_and_complaint(person, code, original):
    """For one place of each law and each request offered there, in English and German: the
    reminder, and the complaint wherever a letter reaches an authority, cite the request,
    its date, the period it set and the complaint provision, and no other law."""
    jurisdiction = RECORDS.jurisdiction(code)
    law = jurisdiction.law
    spec = RECORDS.request(original).spec_for(law)
    route = complaint_route(RECORDS, jurisdiction, claims_law=spec.claims_law(law))
    rule = spec.deadline_rule(law)
    for language in ("en", "de"):
        reminder = follow_up(RECORDS, person, "reminder", code, language, original=original,
                             sent_on=LONG_AGO)
        request = reminder.follow_up.original
        assert reminder.addressee == request.controller.addressee
        assert request.subject in reminder.text and request.format_date(LONG_AGO) in reminder.text
        threat = {law.complaint} if law.complaint and route.available else set()
        assert set(reminder.cited) == ({rule.provision} if rule else set()) | threat
        for mark in foreign_marks(law.id, language):
            assert not found(mark, reminder.text.replace(request.subject, "")), mark
        if not route.writable:
            with pytest.raises(NotPossible):
                follow_up(RECORDS, person, "complaint", code, language, original=original,
                          sent_on=LONG_AGO)
            continue
        complaint = follow_up(RECORDS, person, "complaint", code, language, original=original,
                              sent_on=LONG_AGO)
        assert complaint.addressee.name == route.authority.official_name
        assert complaint.controller.name in complaint.text
        assert request.subject in complaint.text
        assert set(complaint.cited) == ({rule.provision} if rule else set()) | (
            {law.complaint} if law.complaint else set())
