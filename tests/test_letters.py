"""Composing letters: the right law, entity, language and citations for each person."""
from __future__ import annotations

import re

import pytest

from letters import Person, compose_letter
from letters.errors import InvalidInput, UnknownRecord
from letters.render.text import letter_text
from tests.conftest import SENT_ON

LAW_WORDS = re.compile(r"\bArt\.|\bArticle\b|\bGDPR\b|\bDSGVO\b|§|Regulation|Verordnung|\bCCPA\b")


def letter(records, person, country="DE", language="de", request="object-ai-training"):
    return compose_letter(records, country=country, company="meta", request=request,
                          person=person, language=language, sent_on=SENT_ON)


def test_a_german_letter_to_meta_objects_under_article_21_dsgvo(records, person):
    text = letter_text(letter(records, person))
    assert "Meta Platforms Ireland Limited" in text
    assert "Art. 21 Abs. 1 DSGVO" in text
    assert "Datenschutz-Grundverordnung" in text
    assert "Art. 18 Abs. 1 lit. d DSGVO" in text
    assert "Art. 17 Abs. 1 lit. c DSGVO" in text
    assert "Art. 12 Abs. 3 DSGVO" in text
    assert "26. Dezember 2026" in text
    assert "Sehr geehrte Damen und Herren" in text
    assert "Berlin, 26. November 2026" in text
    assert "GDPR" not in text


def test_an_english_letter_from_germany_cites_the_gdpr_in_english(records, person):
    text = letter_text(letter(records, person, language="en"))
    assert "Art. 21(1) GDPR" in text and "General Data Protection Regulation" in text
    assert "26 December 2026" in text
    assert "DSGVO" not in text


@pytest.mark.parametrize("language, country, objection, words", [
    ("pl", "PL", "art. 21 ust. 1 RODO",
     ["Szanowni Państwo", "wnoszę sprzeciw", "prawnie uzasadnione interesy",
      "ustaleniu, dochodzeniu lub obronie roszczeń", "organu nadzorczego", "26 grudnia 2026"]),
    ("cs", "CZ", "čl. 21 odst. 1 (obecné nařízení o ochraně osobních údajů)",
     ["Vážené dámy, vážení pánové", "právo vznést námitku", "oprávněné zájmy",
      "určení, výkonu nebo obhajobě právních nároků", "dozorového úřadu",
      "26. prosince 2026"]),
    ("sk", "SK", "článok 21 ods. 1 (všeobecné nariadenie o ochrane údajov)",
     ["Vážené dámy, vážení páni", "právo namietať", "oprávnené záujmy",
      "preukazovanie, uplatňovanie alebo obhajovanie právnych nárokov", "dozornému orgánu",
      "26. decembra 2026"]),
    ("sl", "SI", "člen 21(1) (Splošna uredba o varstvu podatkov)",
     ["Spoštovani", "pravico do ugovora", "zakonite interese",
      "uveljavljanje, izvajanje ali obrambo pravnih zahtevkov", "nadzornem organu",
      "26. december 2026"]),
])
def test_a_letter_objects_in_the_official_words_of_its_language(records, person, language,
                                                                country, objection, words):
    composed = letter(records, person, country=country, language=language)
    text = letter_text(composed)
    assert composed.law.cite("object", language) == objection and objection in text
    assert [word for word in words if word not in text] == []
    assert "Art. 21" not in text and "GDPR" not in text


def test_a_letter_from_the_united_states_claims_no_law(records, person):
    composed = letter(records, person, country="US-OH", language="en", request="do-not-train")
    text = letter_text(composed)
    assert composed.controller.name == "Meta Platforms, Inc."
    assert composed.cited == () and composed.deadline is None
    assert not LAW_WORDS.search(text), LAW_WORDS.search(text)
    assert "I am not aware of a law where I live" in text


def test_a_letter_from_the_uk_cites_the_uk_gdpr_and_its_time_limits(records, person):
    text = letter_text(letter(records, person, country="GB", language="en"))
    assert "Art. 21(1) UK GDPR" in text and "Art. 12A UK GDPR" in text
    assert "Meta Platforms, Inc." in text
    assert "Art. 77" not in text


@pytest.mark.parametrize("country", ["DE", "FR", "NO", "GB", "CH", "BR", "KR"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_a_letter_cites_exactly_the_provisions_recorded_for_its_law(records, person, country,
                                                                    language):
    composed = letter(records, person, country=country, language=language)
    spec = composed.request.spec_for(composed.law)
    assert set(composed.cited) == set(spec.cites)
    text = letter_text(composed)
    for provision in spec.cites:
        assert composed.law.cite(provision, language) in text


def test_the_letter_names_the_account_and_the_persons_reasons(records):
    writer = Person.from_input(name="Jo Doe", email="jo@example.org", account="@jodoe",
                               reason="I work as a therapist.\nMy clients must stay private.")
    text = letter_text(letter(records, writer, language="en"))
    assert "“@jodoe”" in text
    assert "I work as a therapist.\nMy clients must stay private." in text
    assert "grounds relating to my particular situation" in text


def test_without_reasons_the_letter_says_nothing_about_them(records, person):
    text = letter_text(letter(records, person, language="en"))
    assert "particular situation" not in text


def test_the_email_body_runs_from_salutation_to_signature(records, person):
    composed = letter(records, person, language="en")
    assert composed.text.startswith("Dear Sir or Madam,")
    assert composed.text.rstrip().endswith("10115 Berlin")
    assert composed.subject not in composed.text


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Enter your full name."),
    ("name", "   ", "Enter your full name."),
    ("name", "\u00a0\u3000", "Enter your full name."),       # no-break and ideographic spaces
    ("name", "\u200b\u200d\ufeff", "Enter your full name."),  # only zero-width characters
    ("name", "x" * 201, "Your name must be 200 characters or fewer."),
    ("name", "Erika\u202eMustermann", "Your name contains invisible control characters"),
    ("name", "Erika\x00", "Your name contains invisible control characters"),
    ("email", "", "Enter your e-mail address."),
    ("email", "erika", "Enter an e-mail address in the correct format"),
    ("email", "erika@example.org\r\nBcc: x@example.org", "Enter an e-mail address in the correct"),
    ("address", "\n".join(["line"] * 9), "Your postal address must fit on 8 lines."),
    ("reason", "x" * 4001, "Your reasons must be 4000 characters or fewer."),
])
def test_bad_details_are_refused_with_a_clear_message(field, value, message):
    values = {"name": "Erika Mustermann", "email": "erika@example.org", field: value}
    with pytest.raises(InvalidInput) as raised:
        Person.from_input(**values)
    assert raised.value.field == field
    assert message in raised.value.translated("en")


def test_details_are_normalised():
    writer = Person.from_input(name="  Zoe\u0301   Smith ", email="Zoe@Example.ORG",
                               address="Street 1\r\n\r\n\r\n\r\nTown ", reason="a\tb")
    assert writer.name == "Zoé Smith"          # NFC, white space folded
    assert writer.email == "Zoe@example.org"   # the domain is case-insensitive
    assert writer.address == "Street 1\n\nTown"
    assert writer.reason == "a b"
    spaced = Person.from_input(name="山田\u3000太郎\u00a0", email="a@example.org",
                               account="\u200b")
    assert spaced.name == "山田 太郎" and spaced.account == ""


def test_bidi_controls_are_allowed_in_multi_line_text_but_not_in_names():
    assert Person.from_input(name="A", email="a@example.org", reason="\u2067abc\u2069")
    with pytest.raises(InvalidInput):
        Person.from_input(name="A", email="a@example.org", account="\u2067abc\u2069")


@pytest.mark.parametrize("changes, field", [
    ({"country": "XX"}, "country"),
    ({"company": "acme-unknown"}, "company"),
    ({"request": "object-everything"}, "request"),
    ({"language": "xx"}, "language"),
])
def test_unknown_choices_are_refused(records, person, changes, field):
    arguments = {"country": "DE", "company": "meta", "request": "object-ai-training",
                 "language": "en", **changes}
    with pytest.raises(UnknownRecord) as raised:
        compose_letter(records, person=person, sent_on=SENT_ON, **arguments)
    assert raised.value.field == field


def test_user_text_is_never_read_as_template_code(records):
    writer = Person.from_input(name="{{ 7*7 }} {% raw %}", email="a@example.org",
                               reason="{{ config }} %(name)s {0}")
    text = letter_text(letter(records, writer, language="en"))
    assert "{{ 7*7 }} {% raw %}" in text and "{{ config }} %(name)s {0}" in text
    assert "49" not in text
