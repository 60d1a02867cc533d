"""Records that may be out of date: every part whose ``verified`` date is older than a few
months. Companies move, rename and change their forms, and laws change: ``objector stale``
lists what to check again against its sources."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from dateutil.relativedelta import relativedelta

from letters.records import DATA_DIR, read_yaml, record_files

DEFAULT_MONTHS = 6


@dataclass(frozen=True)
class DatedPart:
    """A sourced part of a record file: the record itself, a controller, a guide, ..."""

    file: str
    part: str
    verified: date


def sourced_parts(document: Any, where: str = "") -> Iterator[tuple[str, dict]]:
    """Every mapping in a record that carries ``sources``, with a readable path to it
    (``guides/facebook-ai-objection``, ``controllers/Meta Platforms, Inc.``; "" for the top)."""
    if isinstance(document, dict):
        if "sources" in document:
            yield where, document
        for key, value in document.items():
            yield from sourced_parts(value, "/".join(filter(None, (where, str(key)))))
    elif isinstance(document, list):
        for index, value in enumerate(document, 1):
            yield from sourced_parts(value, "/".join(filter(None, (where, _label(value, index)))))


def _label(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "name", "country"):
            if isinstance(item.get(key), str):
                return item[key]
        if isinstance(item.get("where"), list):
            return ", ".join(map(str, item["where"]))
    return str(index)


def dated_parts(data_dir: Path = DATA_DIR) -> list[DatedPart]:
    """Every dated part of the record files there are: a copy of the records from an older
    objector may lack a file that later ones have (``subdivisions.yaml``)."""
    return [DatedPart(str(path.relative_to(data_dir)), part, verified)
            for _, path in record_files(data_dir) if path.is_file()
            for part, found in sourced_parts(read_yaml(path))
            if isinstance(verified := found.get("verified"), date)]


def stale_parts(data_dir: Path = DATA_DIR, *, months: int = DEFAULT_MONTHS,
                today: date | None = None) -> list[DatedPart]:
    """Parts last verified before ``months`` months ago, the oldest first."""
    cutoff = cutoff_for(months, today)
    return sorted((part for part in dated_parts(data_dir) if part.verified < cutoff),
                  key=lambda part: (part.verified, part.file, part.part))


def cutoff_for(months: int, today: date | None = None) -> date:
    """The day ``months`` months before ``today``: what was verified before it is stale."""
    return (today or date.today()) - relativedelta(months=months)
