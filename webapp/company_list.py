"""What the company question lists: the companies chosen so far, then the companies that
match a search, or objector's own companies from A to Z when there is none. Works without
JavaScript (the Search button posts the page with every answer); with it, app.js filters the
listed companies as one types and announces how many match."""
from __future__ import annotations

import json
from dataclasses import dataclass

from babel import Locale
from flask_babel import get_locale, get_translations, gettext as _

from letters import records
from letters.errors import LetterError
from letters.model import Company
from letters.search import alphabetical, compact, find_companies, search_terms
from webapp.answers import Answers

#: Matches shown for a search; more would be a list nobody reads. Type more to narrow it.
SHOWN = 50


@dataclass(frozen=True)
class CompanyList:
    query: str
    companies: tuple[Company, ...]
    chosen: frozenset[str]
    matches: int | None
    community: int

    @property
    def status(self) -> str:
        """What a search found, for the live region; nothing before a search."""
        if self.matches is None:
            return ""
        if not self.matches:
            return _("No company matches your search. Check the spelling, or choose from "
                     "the companies below.")
        found = count_message(self.matches) % {"num": self.matches}
        if self.matches > SHOWN:
            found += " " + _("Showing the first %(num)d: type more of the name to narrow "
                             "them down.", num=SHOWN)
        return found


def company_list(answers: Answers, query: str) -> CompanyList:
    found = records.load()
    try:
        where = found.jurisdiction(answers.residence).code
    except LetterError:
        where = None
    query = " ".join(query.split())[:100]
    matches = find_companies(found, query, where) if compact(query) else None
    if matches:
        listed = matches[:SHOWN]
    else:
        listed = alphabetical((c for c in found.curated_companies
                               if not where or found.serves(c, where)), str(get_locale()))
    shown = {company.id for company in listed}
    chosen = [found.companies[slug] for slug in answers.company
              if slug in found.companies and slug not in shown]
    return CompanyList(query=query, companies=(*chosen, *listed),
                       chosen=frozenset(answers.company),
                       matches=None if matches is None else len(matches),
                       community=len(found.companies) - len(found.curated_companies))


def search_data(company: Company) -> str:
    """What app.js matches a typed name against: every name, compacted as the core does."""
    return "|".join(dict.fromkeys(compact(term) for term in search_terms(company)))


def count_messages(language: str) -> str:
    """The match count in every plural form of the language, for app.js (Intl.PluralRules)."""
    plural_form = Locale.parse(language).plural_form
    samples: dict[str, int] = {}
    for number in range(200):
        samples.setdefault(plural_form(number), number)
    messages = {tag: count_message(number).replace("%(num)d", "{count}")
                for tag, number in samples.items()}
    messages["none"] = _("No company in this list matches. Check the spelling, or press "
                         "“Search” to look through every company objector knows.")
    return json.dumps(messages, ensure_ascii=False)


def count_message(number: int) -> str:
    """How many companies match, in the plural form for ``number``; "%(num)d" not filled in."""
    return get_translations().ungettext("%(num)d company matches.", "%(num)d companies match.",
                                        number)
