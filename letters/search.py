"""Finding companies by name, brand, product or legal entity, ignoring case and accents.

"instagram" finds Meta (a brand), "société générale" finds "Societe Generale", "character ai"
finds "Character.AI". Best matches come first: a whole name, then the start of a name, then
the start of a word, then anywhere; curated companies before community records.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable

from letters.i18n import SOURCE_LANGUAGE, sort_key
from letters.model import Company
from letters.records import Records


def fold(text: str) -> str:
    """Lower case without accents: "Å" sorts and matches like "a", "ß" like "ss"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def compact(text: str) -> str:
    """Only letters and digits of the folded text, so "Character.AI" is "characterai"."""
    return re.sub(r"[\W_]+", "", fold(text))


def search_terms(company: Company) -> tuple[str, ...]:
    """Every name a company can be found by."""
    return (company.name, company.id, *company.brands, *company.aliases,
            *(controller.name for controller in company.controllers))


@functools.lru_cache(maxsize=65536)
def _keys(term: str) -> tuple[str, tuple[str, ...]]:
    """A term compacted whole and word by word; cached, as the same names are searched often."""
    return compact(term), tuple(compact(word) for word in fold(term).split())


def match_rank(company: Company, query: str) -> int | None:
    """How well ``query`` names ``company`` (0 best), or ``None`` when it does not."""
    wanted = compact(query)
    if not wanted:
        return None
    best = None
    for term in search_terms(company):
        whole, words = _keys(term)
        if wanted not in whole:
            continue
        if whole == wanted:
            rank = 0
        elif whole.startswith(wanted):
            rank = 1
        elif any(word.startswith(wanted) for word in words):
            rank = 2
        else:
            rank = 3
        best = rank if best is None else min(best, rank)
    return best


def find_companies(records: Records, query: str, country: str | None = None) -> list[Company]:
    """Companies matching ``query``, best first; only those with a contact for ``country``."""
    found = []
    for company in records.companies.values():
        rank = match_rank(company, query)
        if rank is None or (country and not records.serves(company, country)):
            continue
        found.append((rank, company.community is not None, fold(company.name), company))
    return [company for *_, company in sorted(found, key=lambda item: item[:3])]


def alphabetical(companies: Iterable[Company], language: str = SOURCE_LANGUAGE) -> list[Company]:
    """By name, as a dictionary in ``language`` orders them (CLDR collation)."""
    by_name = sort_key(language)
    return sorted(companies, key=lambda company: by_name(company.name))
