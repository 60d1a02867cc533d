"""Languages, catalogs and locale-aware formatting, always for an explicit language.

Letters are often written in another language than the interface shows, so nothing here
touches process-wide locale state: every call names the language it works in.
"""
from __future__ import annotations

import functools
import importlib.resources
from datetime import date
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.support import NullTranslations, Translations

SOURCE_LANGUAGE = "en"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where the language is known."""
    return message


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


def normalize_language(code: str | None) -> str | None:
    """Map a language tag such as ``de-AT``, ``pt-br`` or ``pt_BR`` onto a supported language."""
    if not code:
        return None
    try:
        wanted = Locale.parse(code.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    supported = languages()
    full = f"{wanted.language}_{wanted.territory}" if wanted.territory else wanted.language
    if full in supported:
        return full
    if wanted.language in supported:
        return wanted.language
    return None


@functools.cache
def translations(language: str) -> NullTranslations:
    """The catalog of one language; the source language needs none."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    found = Translations.load(str(locales_dir()), [language], DOMAIN)
    if not isinstance(found, Translations):
        raise LookupError(f"no compiled catalog for {language!r}: run 'make catalogs'")
    return found


def translate(language: str, message: str, **params: object) -> str:
    """``message`` in ``language``, with %(name)s parameters filled in."""
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
