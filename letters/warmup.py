"""Everything a process otherwise loads while writing its first letters, loaded at once.

A server's master process calls ``warm_up()`` before it forks its workers: records,
catalogs, compiled templates, CLDR data, stylesheets, fonts and hyphenation of every
language are then shared by the workers instead of being loaded in a person's request.
"""
from __future__ import annotations

from typing import Iterable

from letters import compose_letter, records
from letters.compose import Letter
from letters.guides import GuideSheet, guide_sheet
from letters.i18n import languages, translations
from letters.person import Person
from letters.records import Records
from letters.render.email import email_for, eml_bytes
from letters.render.html import document, guide_html
from letters.render.pdf import letter_pdf, render_pdf
from letters.render.text import guide_text, letter_text

#: Nobody's details: a sender with every field filled in, so that every line is laid out.
SAMPLE = Person.from_input(name="Alex Sample", email="alex@example.org",
                           address="1 Sample Street\n12345 Sample Town", place="Sample Town",
                           account="alex.sample", reason="My work depends on my photos.")


def example_places(found: Records) -> dict[str, str]:
    """One place where each law applies, e.g. ``{"gdpr": "AT", "none": "AD"}``."""
    places: dict[str, str] = {}
    for code in sorted(found.jurisdictions):
        places.setdefault(found.jurisdictions[code].law.id, code)
    elsewhere = next(code for code in found.countries() if code not in found.jurisdictions)
    places.setdefault(found.fallback.law.id, elsewhere)
    return places


def warm_up(wanted: Iterable[str] | None = None) -> tuple[str, ...]:
    """Write every kind of letter and guide in every language once; the languages warmed.

    Each language's text templates are compiled for every law and request kind; one
    letter and one guide per language are printed, which loads the fonts of its script.
    """
    found = records.load()
    company = min(found.companies)  # templates are per law and kind, not per company
    warmed = tuple(wanted or languages())
    for language in warmed:
        translations(language)
        letter, sheet = None, None
        for place in example_places(found).values():
            for kind in found.offered(found.jurisdiction(place)):
                letter = compose_letter(found, country=place, company=company,
                                        request=kind.id, person=SAMPLE, language=language)
                letter_text(letter)
            sheet = guide_sheet(found, company=company, country=place, language=language)
            guide_text(sheet)
        _print(letter, sheet)
    return warmed


def _print(letter: Letter | None, sheet: GuideSheet | None) -> None:
    if letter is not None:
        pdf = letter_pdf(letter)
        eml_bytes(email_for(letter), attachment=pdf, filename="letter.pdf")
    if sheet is not None:
        render_pdf(document(guide_html(sheet), language=sheet.language,
                            title=sheet.company.name))
