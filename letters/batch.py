"""Letters to several companies from one set of details, and the zip that holds their PDFs."""
from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date
from typing import Iterable, Sequence

from letters.compose import Letter, compose_letter, second_language
from letters.errors import InvalidInput
from letters.i18n import N_, NP_
from letters.model import Company
from letters.person import Person
from letters.records import Records
from letters.render.pdf import letter_pdf

#: Enough for a round of data brokers; each letter is a PDF printed within the request.
MAX_COMPANIES = 30


def chosen_companies(companies: Iterable[str]) -> list[str]:
    """Company ids as given, cleaned, each once, in their order; at least one, not too many."""
    chosen = list(dict.fromkeys(slug.strip().lower() for slug in companies if slug.strip()))
    if not chosen:
        raise InvalidInput(N_("Select at least one company you want to write to."),
                           field="company")
    if len(chosen) > MAX_COMPANIES:
        raise InvalidInput(NP_("You can write to at most %(max)s company at once.",
                               "You can write to at most %(max)s companies at once.", "max"),
                           field="company", max=MAX_COMPANIES)
    return chosen


def compose_letters(records: Records, *, country: str, companies: Sequence[str], request: str,
                    person: Person, language: str, sent_on: date | None = None,
                    bilingual: bool = False, also: str | None = None) -> tuple[Letter, ...]:
    """One letter per company, each to the entity responsible where the person lives; a
    bilingual one adds each company's language (or ``also``) after the person's."""
    chosen = chosen_companies(companies)
    sent_on = sent_on or date.today()
    several = len(chosen) > 1
    return tuple(
        compose_letter(records, country=country, company=slug, request=request,
                       person=sender_for(person, records.company(slug)) if several else person,
                       language=language, sent_on=sent_on,
                       also_in=second_language(records.company(slug), bilingual, also))
        for slug in chosen)


def sender_for(person: Person, company: Company) -> Person:
    """In a batch, an account name goes only to companies where people can have accounts."""
    if company.user_accounts is False:
        return dataclasses.replace(person, account="")
    return person


def letters_zip(letters: Iterable[Letter]) -> bytes:
    """Every letter's PDF in one zip, made in memory: nothing personal touches a disk."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            archive.writestr(f"{letter.file_stem}.pdf", letter_pdf(letter))
    return buffer.getvalue()
