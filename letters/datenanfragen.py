"""Importing the Datenanfragen company database into the community overlay.

Datenanfragen (https://github.com/datenanfragen/data, CC0) keeps one JSON record per company
in ``companies/``. Each is checked against a copy of its schema
(``schemas/datenanfragen-company.schema.json``), mapped onto objector's company schema and
checked again; the usable ones replace the overlay's ``datenanfragen.json`` (see
``letters.community``). Its ``supervisory-authorities/`` are not read.

The mapping: ``name`` is the company and its controller; ``runs`` become search aliases
(never letter text); ``address`` lines, ``email`` and an https ``webform`` are the contact;
``relevant-countries`` become the places it serves (``all`` is everywhere); the country of the
controller is read from the address's last line, as the Datenanfragen schema asks it to be.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jsonschema
import pycountry
from babel import Locale

from letters import community
from letters.errors import InvalidSource, RecordInvalid
from letters.i18n import N_
from letters.records import SCHEMA_DIR, validate
from letters.search import fold

DATABASE = "datenanfragen"
RECORD_URL = "https://github.com/datenanfragen/data/blob/master/companies/{slug}.json"
#: Languages of the countries Datenanfragen records name, for reading country names.
ADDRESS_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv", "da", "fi", "cs",
                     "ro", "hu", "el", "bg", "hr", "sk", "sl", "lt", "lv", "et", "ga", "mt",
                     "nb", "is")


class Unusable(ValueError):
    """A valid Datenanfragen record that objector cannot turn into a letter's addressee."""


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass(frozen=True)
class ImportSummary:
    read: int
    imported: int
    skipped: tuple[Skipped, ...]
    overlay: Path


@functools.cache
def _validator() -> jsonschema.Draft7Validator:
    text = (SCHEMA_DIR / "datenanfragen-company.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft7Validator(json.loads(text),
                                      format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def import_database(source: Path, overlay: Path, imported: date | None = None) -> ImportSummary:
    """Read every record in ``source`` (a checkout, or its companies folder) into ``overlay``."""
    folder = source / "companies" if (source / "companies").is_dir() else source
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise InvalidSource(N_("%(folder)s holds no Datenanfragen records: give a checkout "
                               "of datenanfragen/data or its companies folder."),
                            folder=str(source))
    imported = imported or date.today()
    companies: list[dict] = []
    skipped: list[Skipped] = []
    for path in files:
        try:
            companies.append(_company(path, imported))
        except (Unusable, RecordInvalid) as error:
            skipped.append(Skipped(path.name, str(error)))
    target = community.write(overlay, DATABASE, companies, imported)
    return ImportSummary(read=len(files), imported=len(companies), skipped=tuple(skipped),
                         overlay=target)


def _company(path: Path, imported: date) -> dict:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise Unusable(f"not a JSON file ({error})") from None
    error = jsonschema.exceptions.best_match(_validator().iter_errors(entry))
    if error is not None:
        where = "/".join(str(part) for part in error.path) or "(top)"
        raise Unusable(f"{where}: {error.message}")
    if entry["slug"] != path.stem:
        raise Unusable(f"slug {entry['slug']!r} differs from the file name")
    record = company_record(entry, imported)
    validate("company", record, path.name)
    return record


def company_record(entry: dict, imported: date) -> dict:
    """A Datenanfragen record, checked against its schema, in objector's company format."""
    lines = [line.strip() for line in entry["address"].splitlines() if line.strip()]
    country = country_of(lines[-1]) if lines else None
    if country is None:
        raise Unusable("the address does not end with a country")
    record_url = RECORD_URL.format(slug=entry["slug"])
    sources = list(dict.fromkeys(
        [record_url, *(url for url in entry["sources"] if url.startswith("https://"))]))
    controller: dict = {"name": entry["name"], "serves": serves(entry["relevant-countries"]),
                        "country": country, "sources": sources}
    if len(lines) >= 2:
        controller["address"] = lines
    if entry.get("email"):
        controller["email"] = entry["email"]
    if entry.get("webform", "").startswith("https://"):
        controller["web_form"] = entry["webform"]
    if not {"address", "email", "web_form"} & set(controller):
        raise Unusable("neither a postal address, an e-mail address nor an https web form")
    record = {"id": entry["slug"], "name": entry["name"], "controllers": [controller],
              "sources": sources,
              "community": {"database": DATABASE, "record": record_url,
                            "quality": entry["quality"], "imported": imported.isoformat()}}
    if entry.get("runs"):
        record["aliases"] = list(entry["runs"])
    if entry.get("web", "").startswith("https://"):
        record["website"] = entry["web"]
    if entry.get("request-language"):
        record["request_languages"] = [entry["request-language"]]
    return record


def serves(relevant: list[str]) -> list[str]:
    return ["*"] if "all" in relevant else [code.upper() for code in relevant]


def country_of(line: str) -> str | None:
    """The ISO code of a country named in any of the address languages, or ``None``."""
    key = fold(line).strip(" .")
    return _country_names().get(key) or _country_names().get(key.removeprefix("the "))


@functools.cache
def _country_names() -> dict[str, str]:
    codes = {country.alpha_2 for country in pycountry.countries}
    names: dict[str, str] = {}
    for language in ADDRESS_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in codes:
                names.setdefault(fold(name), code)
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            if hasattr(country, attribute):
                names.setdefault(fold(getattr(country, attribute)), country.alpha_2)
    return names
