"""Translations: every string a person reads is in the catalogs, and every catalog is complete,
for every language with a catalog (a new locales/<lang>/LC_MESSAGES/messages.po is checked
as soon as it exists)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from letters.catalog import extract, record_strings
from letters.i18n import languages, locales_dir

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
TAG = re.compile(r"</?\w+>")
TRANSLATED = [lang for lang in languages() if lang != "en"]
GLOSSARIES = sorted(locales_dir().glob("*/glossary.yaml"))


def catalog(language: str):
    with (locales_dir() / language / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        return read_po(stream, locale=language)


def forms(message) -> tuple[str, ...]:
    """The translation's forms: one, or one per plural category of the language."""
    return message.string if isinstance(message.string, tuple) else (message.string,)


def source_forms(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def translated_messages(language: str):
    return [m for m in catalog(language) if m.id and any(forms(m))]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Extract the strings anew from the sources, as `make translations` does."""
    target = tmp_path_factory.mktemp("pot") / "messages.pot"
    extract(target, ROOT)
    with target.open("rb") as stream:
        return read_po(stream)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_german_and_arabic_are_supported_languages(language):
    assert language in languages()


def test_every_catalog_is_compiled_and_named_as_cldr_knows_it():
    built = {path.parent.parent.name for path in locales_dir().glob("*/LC_MESSAGES/*.po")}
    assert built <= set(languages()), "run 'make catalogs'"
    for language in built:
        Locale.parse(language)  # pt_BR, not pt-br or pt_br


def test_the_committed_template_matches_the_sources(template):
    with (locales_dir() / "messages.pot").open("rb") as stream:
        committed = read_po(stream)
    assert {m.id for m in template if m.id} == {m.id for m in committed if m.id}, \
        "run 'make translations' and commit locales/"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_without_fuzzy_entries(template, language):
    translations = catalog(language)
    missing = [m.id for m in template if m.id and not (
        translations.get(m.id) and all(forms(translations.get(m.id))))]
    fuzzy = [m.id for m in translations if m.id and m.fuzzy]
    assert not missing, f"{language}: untranslated {missing[:5]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_messages_have_every_form_the_language_has(language):
    translations = catalog(language)
    expected = get_plural(language).num_plurals   # Arabic: zero, one, two, few, many, other
    assert translations.num_plurals == expected, "Plural-Forms header: use 'pybabel init'"
    for message in translations:
        if isinstance(message.id, tuple):
            assert len(forms(message)) == expected, message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_match_between_message_and_translation(language):
    """Singular messages keep every placeholder; a plural form may leave out the number
    (Arabic says "one character", not "1 character"), but the general form keeps all. A
    stray % in a message with placeholders would break it: literal ones are written %%."""
    for message in translated_messages(language):
        wanted = sorted(set(PLACEHOLDER.findall(source_forms(message)[-1])))
        translated = forms(message)
        assert sorted(set(PLACEHOLDER.findall(translated[-1]))) == wanted, message.id
        for form in translated:
            assert set(PLACEHOLDER.findall(form)) <= set(wanted), message.id
            if wanted:
                assert "%" not in PLACEHOLDER.sub("", form).replace("%%", ""), message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_record_string_has_a_translation(language):
    translations = catalog(language)
    for path, line, text in record_strings():
        entry = translations.get(text)
        assert entry is not None and entry.string, f"{path.name}:{line}: {text[:60]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_html_in_translations_is_only_what_the_message_has(language):
    for message in translated_messages(language):
        for form in forms(message):
            assert TAG.findall(source_forms(message)[-1]) == TAG.findall(form), message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_page_numbers_come_before_the_page_count(language):
    """page.css prints the page number, then the count, between the translated words."""
    label = catalog(language).get("Page %(page)s of %(pages)s").string
    assert label.index("%(page)s") < label.index("%(pages)s")


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_add_no_bidi_controls(language):
    """Isolates are objector's own, added where text needs them, never part of a message.
    A translation may use the marks LRM and RLM: "\u200e@yourname" keeps the @ in front in
    Arabic text."""
    controls = re.compile("[\u202a-\u202e\u2066-\u2069]")
    for message in translated_messages(language):
        assert not any(controls.search(form) for form in forms(message)), message.id


# -- glossaries: the terms a translation uses, checked against the catalog -------------------
def glossary_terms():
    for path in GLOSSARIES:
        glossary = yaml.safe_load(path.read_text(encoding="utf-8"))
        for term in glossary["terms"]:
            yield pytest.param(path.parent.name, term, id=f"{path.parent.name}:{term['en']}")


def test_every_glossary_belongs_to_a_catalog():
    for path in GLOSSARIES:
        assert path.parent.name in TRANSLATED, path


@pytest.mark.parametrize("language, term", list(glossary_terms()))
def test_a_glossary_term_is_translated_the_same_way_everywhere(language, term):
    """Wherever an English message uses the term, its translation uses one of its forms."""
    english = re.compile(r"\b" + re.escape(term["en"]) + r"\b", re.IGNORECASE)
    allowed = [form.casefold() for form in term["forms"]]
    inconsistent = [
        message.id for message in translated_messages(language)
        if english.search(PLACEHOLDER.sub("", source_forms(message)[-1]))
        and not any(form in forms(message)[-1].casefold() for form in allowed)]
    assert not inconsistent, f"{term['en']!r} not as {term['use']!r} in {inconsistent[:3]}"
