"""Opt-out guides: a company's own routes, as far as they are open where the person lives."""
from __future__ import annotations

from dataclasses import dataclass

from letters.compose import check_language
from letters.model import AIUse, Company, Controller, Guide
from letters.records import Records


@dataclass(frozen=True)
class GuideSheet:
    """Everything a person in ``country`` needs to use ``company``'s own opt-out routes."""

    language: str
    country: str
    company: Company
    controller: Controller
    guides: tuple[Guide, ...]
    ai_use: tuple[AIUse, ...]


def guide_sheet(records: Records, *, company: str, country: str, language: str) -> GuideSheet:
    jurisdiction = records.jurisdiction(country)
    firm = records.company(company)
    places = records.places_of(jurisdiction.code)
    return GuideSheet(
        language=check_language(language), country=jurisdiction.code, company=firm,
        controller=records.controller_for(firm, jurisdiction.code),
        guides=tuple(records.guides_for(firm, jurisdiction.code)),
        ai_use=tuple(use for use in firm.ai_use if not use.where or places & set(use.where)),
    )
