"""The community overlay: company records imported from community databases, offered beside
objector's own (curated) records so that people can write to thousands more controllers.

The overlay is a local directory, never part of the package, and holds company data only,
never anything about a person: ``$OBJECTOR_COMMUNITY_DIR`` when set, else
``$XDG_DATA_HOME/objector/community`` (by default ``~/.local/share/objector/community``).
Each database is one JSON file there, written whole by its importer (see
``letters.datenanfragen``) and read once per process by ``letters.records.load()``. The
importer checks every record against the company schema and stores a digest of what it
checked; reading checks again only when the records or the schema have changed since, which
keeps a process with 3,000 community records from spending seconds on it at every start.

Curated records win: a community record is left out when a curated company has its id or
cites that very record among its sources.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Iterable

from letters.errors import RecordInvalid
from letters.model import Company
from letters.records import Records, company_from, schema, validate

ENVIRONMENT = "OBJECTOR_COMMUNITY_DIR"
FORMAT = 1


def directory() -> Path:
    """Where the overlay lives: the environment's choice, else the XDG data directory."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "objector" / "community"


def write(folder: Path, database: str, companies: list[dict], imported: date) -> Path:
    """Replace one database's file in the overlay, all at once (never half written).

    The importer has checked each of ``companies`` against the company schema.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{database}.json"
    content = {"format": FORMAT, "database": database, "imported": imported.isoformat(),
               "checked": _digest(companies), "companies": companies}
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{database}-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(content, stream, ensure_ascii=False, indent=1)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def read(folder: Path) -> list[tuple[str, dict]]:
    """(file name, record) of every company in the overlay, checked against the schema."""
    found: list[tuple[str, dict]] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise RecordInvalid(f"community overlay {path}: unreadable ({error})") from None
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            raise RecordInvalid(f"community overlay {path}: not format {FORMAT}; import again")
        companies = content.get("companies", [])
        if content.get("checked") != _digest(companies):
            for record in companies:
                validate("company", record, f"{path.name}: {record.get('id', '?')}")
        found += [(path.name, record) for record in companies]
    return found


def _digest(companies: list[dict]) -> str:
    """What the records and the schema they were checked against were, in a few bytes."""
    canonical = json.dumps([schema("company"), companies], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def add_overlay(records: Records, folder: Path) -> Records:
    """``records`` with the overlay's companies that no curated record stands for."""
    entries = read(folder)
    if not entries:
        return records
    covered = {_record_key(url) for url in cited(records.curated_companies)}
    added: dict[str, Company] = {}
    for origin, record in entries:
        if "community" not in record:
            raise RecordInvalid(f"{origin}: {record['id']}: not marked as community data")
        company = company_from(record)
        if company.id in records.companies or company.id in added:
            continue
        if _record_key(company.community.record) in covered:
            continue
        added[company.id] = company
    return dataclasses.replace(records, companies={**records.companies, **added})


def cited(companies: Iterable[Company]) -> set[str]:
    """Every source URL of the companies and their controllers."""
    return {url for company in companies
            for url in (*company.sources,
                        *(url for c in company.controllers for url in c.sources))}


def _record_key(url: str) -> str:
    """A record's URL whatever branch or commit it names (``blob/master``, ``blob/0a29c3d``)."""
    return re.sub(r"/blob/[^/]+/", "/blob/-/", url.strip())
