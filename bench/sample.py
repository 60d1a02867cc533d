"""The letter every benchmark writes: a German objection to Meta with a postal address."""
from __future__ import annotations

from datetime import date

from letters import Person, compose_letter, records
from letters.render.html import letter_document as document_of

LANGUAGE = "de"
SENT_ON = date(2026, 11, 26)

#: What a person answers in the web flow, field by field.
ANSWERS = {
    "country": "DE",
    "region": "DE-BE",
    "company": "meta",
    "request": "object-ai-training",
    "name": "Erika Mustermann",
    "email": "erika@example.org",
    "address": "Musterstraße 1\n10115 Berlin",
    "place": "Berlin",
    "account": "erika.mustermann",
    "letter_language": "de",
    "bilingual": [],  # the German letter alone
    "reason": "Ich arbeite als Fotografin; meine Bilder zeigen Menschen, die nicht "
              "zugestimmt haben, dass damit KI trainiert wird.",
}
DETAILS = ("name", "email", "address", "place", "account", "reason")


def letter_document() -> str:
    """The whole HTML document the PDF is printed from, as the web app makes it."""
    person = Person.from_input(**{name: ANSWERS[name] for name in DETAILS})
    letter = compose_letter(records.load(), country=ANSWERS["country"],
                            company=ANSWERS["company"], request=ANSWERS["request"],
                            person=person, language=LANGUAGE, sent_on=SENT_ON)
    return document_of(letter)
