"""Languages, catalogs and locale-aware formatting, always for an explicit language.

Letters are often written in another language than the interface shows, so nothing here
touches process-wide locale state: every call names the language it works in.
"""
from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Collection

import icu
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.support import NullTranslations, Translations

SOURCE_LANGUAGE = "en"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where the language is known."""
    return message


@dataclass(frozen=True)
class Plural:
    """A message with a number in it: its forms are chosen by the language's plural rules."""

    singular: str
    plural: str
    count: str  # the parameter that holds the number


def NP_(singular: str, plural: str, count: str = "count") -> Plural:
    """Mark a message with singular and plural forms, translated later like ``N_``."""
    return Plural(singular, plural, count)


def locales_dir() -> Path:
    return Path(str(importlib.resources.files("locales")))


@functools.cache
def languages() -> tuple[str, ...]:
    """Languages with a compiled catalog, the source language first."""
    built = sorted(
        path.parent.parent.name
        for path in locales_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    )
    return (SOURCE_LANGUAGE, *[lang for lang in built if lang != SOURCE_LANGUAGE])


def normalize_language(code: str | None,
                       supported: Collection[str] | None = None) -> str | None:
    """Map a language tag onto a supported language, or None.

    ``pt-BR``, ``pt_br`` and ``pt_BR`` are ``pt_BR``; a regional variant without a catalog
    of its own gets its language's (``de-AT`` is ``de``); a bare language whose only
    catalog is regional gets that one (``pt`` is ``pt_BR`` while there is no ``pt``).
    """
    if not code:
        return None
    supported = languages() if supported is None else supported
    try:
        wanted = Locale.parse(code.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    full = f"{wanted.language}_{wanted.territory}" if wanted.territory else wanted.language
    if full in supported:
        return full
    if wanted.language in supported:
        return wanted.language
    variants = [lang for lang in supported if lang.split("_")[0] == wanted.language]
    return variants[0] if len(variants) == 1 and not wanted.territory else None


@functools.cache
def translations(language: str) -> NullTranslations:
    """The catalog of one language; the source language needs none."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    found = Translations.load(str(locales_dir()), [language], DOMAIN)
    if not isinstance(found, Translations):
        raise LookupError(f"no compiled catalog for {language!r}: run 'make catalogs'")
    return found


def translate(language: str, message: str | Plural, /, **params: object) -> str:
    """``message`` in ``language``, with %(name)s parameters filled in.

    A ``Plural`` takes the form the language's plural rules give its count (Arabic has six).
    """
    if isinstance(message, Plural):
        text = translations(language).ngettext(message.singular, message.plural,
                                               int(params[message.count]))
    else:
        text = translations(language).gettext(message)
    return text % params if params else text


def locale_for(language: str, country: str | None = None) -> Locale:
    """The CLDR locale for formatting: the language as spoken in the country when CLDR has it.

    A letter in English from Germany gets ``en_DE`` (26 November 2026), one from Ohio
    ``en_US`` (November 26, 2026).
    """
    if country:
        try:
            return Locale.parse(f"{language}_{country.split('-')[0]}")
        except (ValueError, UnknownLocaleError):
            pass
    return Locale.parse(language)


def long_date(day: date, language: str, country: str | None = None) -> str:
    return format_date(day, format="long", locale=locale_for(language, country))


def country_name(code: str, language: str) -> str:
    """The CLDR name of a country, or of a subdivision's country when CLDR has no name for it."""
    territories = Locale.parse(language).territories
    return territories.get(code) or territories.get(code.split("-")[0], code)


def language_name(code: str, in_language: str | None = None) -> str:
    """The name of a language, in its own language unless another is asked for."""
    name = Locale.parse(code).get_display_name(Locale.parse(in_language or code)) or code
    return name[:1].upper() + name[1:]


def text_direction(language: str) -> str:
    return Locale.parse(language).character_order == "right-to-left" and "rtl" or "ltr"


@functools.cache
def collator(language: str) -> icu.Collator:
    """ICU's collator for ``language``: CLDR's order (Swedish Ö after Z, German Ö with O)."""
    return icu.Collator.createInstance(icu.Locale(language))


def sort_key(language: str) -> Callable[[str], bytes]:
    """A key for ``sorted`` that orders words as a dictionary in ``language`` does."""
    return collator(language).getSortKey
