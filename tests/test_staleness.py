"""Staying true: which records were last verified too long ago, listed by `objector stale`."""
from __future__ import annotations

import json
from datetime import date

import pytest
import yaml

from letters.records import read_yaml
from letters.staleness import cutoff_for, dated_parts, stale_parts
from tests.conftest import data_with, fixture_company
from tests.test_cli import objector

TODAY = date(2026, 11, 26)


def write_yaml(path, document) -> None:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


@pytest.fixture
def aged_data(tmp_path):
    """objector's records and a fixture company, some parts verified long ago."""
    old = fixture_company("altdaten", "Altdaten", europe="Altdaten Europe B.V.")
    old["verified"] = date(2025, 1, 10)
    old["controllers"][0]["verified"] = date(2026, 5, 25)    # Europe: a day before the cutoff
    old["controllers"][1]["verified"] = date(2026, 5, 26)    # elsewhere: on it, not stale
    data = data_with(tmp_path, old)
    law = read_yaml(data / "laws" / "gdpr.yaml")
    law["verified"] = date(2024, 5, 1)
    write_yaml(data / "laws" / "gdpr.yaml", law)
    meta = read_yaml(data / "companies" / "meta.yaml")
    meta["guides"][0]["verified"] = date(2026, 3, 1)
    write_yaml(data / "companies" / "meta.yaml", meta)
    return data


def test_parts_verified_before_six_months_ago_are_stale_oldest_first(aged_data):
    found = [(p.file, p.part, p.verified) for p in stale_parts(aged_data, today=TODAY)]
    assert found == [
        ("laws/gdpr.yaml", "", date(2024, 5, 1)),
        ("companies/altdaten.yaml", "", date(2025, 1, 10)),
        ("companies/meta.yaml", "guides/facebook-ai-objection", date(2026, 3, 1)),
        ("companies/altdaten.yaml", "controllers/Altdaten Europe B.V.", date(2026, 5, 25)),
    ]


@pytest.mark.parametrize("months, count", [(1, 5), (6, 4), (9, 2), (12, 2), (24, 1), (36, 0)])
def test_the_number_of_months_is_up_to_the_maintainer(aged_data, months, count):
    assert len(stale_parts(aged_data, months=months, today=TODAY)) == count


def test_month_ends_are_counted_like_a_calendar():
    assert cutoff_for(6, date(2026, 8, 31)) == date(2026, 2, 28)


def test_every_dated_part_of_every_record_file_is_considered(aged_data):
    files = {part.file for part in dated_parts(aged_data)}
    assert {"regions.yaml", "jurisdictions.yaml", "subdivisions.yaml", "laws/gdpr.yaml",
            "laws/us-ca-ccpa.yaml", "requests/object-ai-training.yaml",
            "companies/meta.yaml"} <= files
    kinds = {part.part.split("/")[0] for part in dated_parts(aged_data)}
    assert {"", "controllers", "guides", "jurisdictions", "fallback", "US", "DE"} <= kinds


def test_a_copy_of_older_records_without_a_later_file_is_read_too(aged_data):
    (aged_data / "subdivisions.yaml").unlink()
    result = objector("stale", "--data", str(aged_data), "--json", "--months", "12")
    assert json.loads(result.stdout)[0]["file"] == "laws/gdpr.yaml"


def test_the_stale_command_lists_them_as_json_with_exit_status_0(aged_data):
    result = objector("stale", "--data", str(aged_data), "--json", "--months", "12")
    rows = json.loads(result.stdout)
    assert rows[:2] == [{"file": "laws/gdpr.yaml", "part": "", "verified": "2024-05-01"},
                        {"file": "companies/altdaten.yaml", "part": "",
                         "verified": "2025-01-10"}]
    assert all(date.fromisoformat(row["verified"]) < cutoff_for(12) for row in rows)


def test_the_stale_command_as_text(aged_data):
    lines = objector("stale", "--data", str(aged_data), "--lang", "de").stdout.decode().splitlines()
    assert lines[0].startswith("Vor dem ") and "erneut zu prüfen:" in lines[0]
    assert "2024-05-01\tlaws/gdpr.yaml" in lines[1:]
    assert "2025-01-10\tcompanies/altdaten.yaml" in lines[1:]


def test_nothing_stale_is_said_plainly(tmp_path):
    fresh = fixture_company("frisch", "Frisch")
    fresh["verified"] = date.today()
    data = data_with(tmp_path, fresh)
    result = objector("stale", "--data", str(data), "--months", "600")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Every record was verified on or after")


@pytest.mark.parametrize("arguments, message", [
    (("--months", "0"), "not a number of months"),
    (("--months", "six"), "not a number of months"),
    (("--data", "/nonexistent"), "no records in /nonexistent"),
])
def test_bad_stale_arguments_end_with_exit_status_2(arguments, message):
    result = objector("stale", *arguments, check=False)
    assert result.returncode == 2 and message in result.stderr.decode()
