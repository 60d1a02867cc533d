"""Translations: every string a person reads is in the catalogs, and every catalog is complete."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from letters.catalog import record_strings
from letters.i18n import languages, locales_dir

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
TRANSLATED = [lang for lang in languages() if lang != "en"]


def catalog(language: str):
    with (locales_dir() / language / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        return read_po(stream, locale=language)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Extract the strings anew from the sources, as `make translations` does."""
    target = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([Path(sys.executable).with_name("pybabel"), "extract", "--mapping-file",
                    "babel.cfg", "--output-file", str(target), "--no-wrap", "-k", "_l",
                    "-k", "N_", "-k", "translate:2", "."],
                   cwd=ROOT, check=True, capture_output=True)
    with target.open("rb") as stream:
        return read_po(stream)


def pairs(message) -> list[tuple[str, str]]:
    """(source, translation) of a message; each plural form pairs with the plural source."""
    if isinstance(message.id, str):
        return [(message.id, message.string or "")]
    return [(message.id[1], form or "") for form in message.string]


def translated(entry) -> bool:
    return entry is not None and all(text for _, text in pairs(entry))


def test_german_is_a_supported_language():
    assert "de" in languages()


def test_the_committed_template_matches_the_sources(template):
    with (locales_dir() / "messages.pot").open("rb") as stream:
        committed = read_po(stream)
    assert {m.id for m in template if m.id} == {m.id for m in committed if m.id}, \
        "run 'make translations' and commit locales/"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_without_fuzzy_entries(template, language):
    translations = catalog(language)
    missing = [m.id for m in template if m.id and not translated(translations.get(m.id))]
    fuzzy = [m.id for m in translations if m.id and m.fuzzy]
    assert not missing, f"{language}: untranslated {missing[:5]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_match_between_message_and_translation(language):
    for message in catalog(language):
        for source, text in pairs(message) if message.id else ():
            if text:
                assert sorted(PLACEHOLDER.findall(source)) == \
                    sorted(PLACEHOLDER.findall(text)), message.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_record_string_has_a_translation(language):
    translations = catalog(language)
    for path, line, text in record_strings():
        entry = translations.get(text)
        assert entry is not None and entry.string, f"{path.name}:{line}: {text[:60]}"


def test_html_in_translations_is_only_what_the_message_has(template):
    for language in TRANSLATED:
        for message in catalog(language):
            for source, text in pairs(message) if message.id else ():
                if text:
                    assert re.findall(r"</?\w+>", source) == \
                        re.findall(r"</?\w+>", text), message.id
