"""After a request: reminders to the company and complaints to the competent authority, each
citing the original request, the day it was sent and the provisions the law records."""
from __future__ import annotations

import re
from datetime import date

import pytest

from letters import Person
from letters.complaints import CLOSED, FORM, LETTER, NONE, PHONE, SUBDIVISION, complaint_route
from letters.errors import InvalidInput, NotOffered
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
def _pretend_gdpr(records, code):
    """A place as if the GDPR applied there: to reach routes no current law leads to."""
    return Jurisdiction(code=code, law=records.laws["gdpr"], sources=("https://x.invalid",),
                        verified=TODAY)


@pytest.mark.parametrize("code, kind, authority", [
    ("DE", SUBDIVISION, None),
    ("DE-BY", LETTER, "de-by-lda"),
    ("FR", LETTER, "fr-cnil"),
    ("IE", LETTER, "ie-dpc"),
    ("ES", FORM, "es-aepd"),
    ("IS", FORM, "is-personuvernd"),
    ("GB", LETTER, "gb-ico"),
    ("US", NONE, None),
    ("US-OH", NONE, None),
])
def test_a_complaint_goes_to_the_authority_where_the_person_lives(records, code, kind,
                                                                  authority):
    route = complaint_route(records, records.jurisdiction(code))
    assert route.kind == kind
    assert (route.authority.id if route.authority else None) == authority


@pytest.mark.parametrize("code, kind, message", [
    ("JP", PHONE, "takes complaints only by telephone, at 03-6457-9849"),
    ("IN", CLOSED, "Data Protection Board of India does not take complaints yet."),
    ("US-CO", CLOSED, "objector knows no way to send a complaint to Colorado Attorney General"),
    ("US-TX", FORM, None),
])
def test_authorities_that_take_no_letters_are_explained_not_written_to(records, code, kind,
                                                                       message):
    route = complaint_route(records, _pretend_gdpr(records, code))
    assert route.kind == kind
    if message is None:
        route.require_writable("en")
    else:
        with pytest.raises(NotOffered) as refused:
            route.require_writable("en")
        assert message in refused.value.translated("en")


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
    with pytest.raises(NotOffered) as refused:
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
    with pytest.raises(NotOffered) as refused:
        follow_up(records, person, "complaint", country)
    assert message in refused.value.translated("en")


def test_a_complaint_about_a_missing_answer_waits_for_the_deadline(records, person):
    with pytest.raises(NotOffered, match="You can complain about a missing answer after"):
        follow_up(records, person, "complaint", "IE", today=date(2026, 9, 20))


def test_the_complaint_pdf_is_addressed_to_the_authority(records, person):
    letter = follow_up(records, person, "complaint", "DE-BY", "de")
    words = pdf_words(render_pdf(document(letter_html(letter), language="de",
                                          title=letter.subject), "de"))
    for expected in ["Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)", "Promenade 27",
                     "91522 Ansbach", "Beschwerde gemäß Art. 77 DSGVO gegen Meta Platforms "
                     "Ireland Limited", "Merrion Road", "1. September 2026",
                     "Art. 12 Abs. 3 DSGVO", "Berlin, 26. November 2026", "Erika Mustermann"]:
        assert expected in words, expected
