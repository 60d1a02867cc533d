"""The data records: valid against their schemas, sourced, dated, and consistent."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pycountry
import pytest

from letters.errors import RecordInvalid, UnknownRecord
from letters.records import DATA_DIR, load_from, read_yaml, record_files, validate
from letters.staleness import sourced_parts

RECORD_FILES = list(record_files())
EU = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
      "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
EEA_ONLY = ["IS", "LI", "NO"]


@pytest.mark.parametrize("kind, path", RECORD_FILES, ids=[p.name for _, p in RECORD_FILES])
def test_every_record_file_follows_its_schema(kind, path):
    validate(kind, read_yaml(path), path.name)


@pytest.mark.parametrize("kind, path", RECORD_FILES, ids=[p.name for _, p in RECORD_FILES])
def test_every_fact_is_sourced_and_dated(kind, path):
    """Each sourced part has https sources and a verified date that is not in the future;
    only what a company does with AI may take its record's date."""
    parts = list(sourced_parts(read_yaml(path)))
    assert parts, f"{path.name} has no sources"
    for where, part in parts:
        assert part["sources"] and all(url.startswith("https://") for url in part["sources"]), where
        verified = part.get("verified")
        if verified is None:
            assert where.startswith("ai_use/"), f"{path.name}: {where or 'the record'} is undated"
        else:
            assert isinstance(verified, date) and verified <= date.today(), where


def test_companies_controllers_and_guides_each_carry_their_own_sources(records):
    for company in records.curated_companies:
        assert company.community is None and company.verified, company.id
        for controller in company.controllers:
            assert controller.sources and controller.verified, controller.name
        for guide in company.guides:
            assert guide.sources and guide.verified, guide.id


@pytest.mark.parametrize("code", EU)
def test_the_gdpr_applies_in_every_eu_country(records, code):
    assert records.jurisdiction(code).law.id == "gdpr"


@pytest.mark.parametrize("code", EEA_ONLY)
def test_the_gdpr_applies_in_the_eea_countries_outside_the_eu(records, code):
    assert records.jurisdiction(code).law.id == "gdpr"


def test_the_uk_has_the_uk_gdpr(records):
    assert records.jurisdiction("GB").law.id == "uk-gdpr"


def test_every_other_country_has_no_statutory_right_known(records):
    recorded = set(EU + EEA_ONLY + ["GB"])
    others = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in recorded]
    assert len(others) == len(pycountry.countries) - 31
    for code in others:
        law = records.jurisdiction(code).law
        assert law.id == "none" and not law.statutory and not law.provisions, code


def test_a_state_without_a_law_of_its_own_gets_its_countrys(records):
    ohio = records.jurisdiction("US-OH")
    assert ohio.code == "US-OH" and ohio.law.id == "none"


@pytest.mark.parametrize("code", ["", "XX", "DE-XX", "EU", "12", "<script>"])
def test_unknown_country_codes_are_refused(records, code):
    with pytest.raises(UnknownRecord):
        records.jurisdiction(code)


def test_country_codes_are_case_insensitive(records):
    assert records.jurisdiction(" de ").code == "DE"


@pytest.mark.parametrize("country, entity", [
    ("DE", "Meta Platforms Ireland Limited"),
    ("NO", "Meta Platforms Ireland Limited"),
    ("GB", "Meta Platforms, Inc."),
    ("US", "Meta Platforms, Inc."),
    ("US-OH", "Meta Platforms, Inc."),
    ("BR", "Meta Platforms, Inc."),
])
def test_meta_is_addressed_as_the_entity_responsible_where_the_person_lives(records, country,
                                                                           entity):
    assert records.controller_for(records.company("meta"), country).name == entity


def test_meta_has_its_products_and_postal_addresses(records):
    meta = records.company("meta")
    assert set(meta.brands) == {"Facebook", "Instagram", "Threads", "Messenger"}
    ireland = records.controller_for(meta, "DE")
    assert "Merrion Road" in ireland.address and "D04 X2K5" in ireland.address
    assert ireland.web_form or ireland.email


@pytest.mark.parametrize("country, expected, absent", [
    ("DE", {"facebook-ai-objection", "instagram-ai-objection"}, {"meta-no-objection-route"}),
    ("GB", {"facebook-ai-objection", "instagram-ai-objection"}, {"meta-no-objection-route"}),
    ("US", {"meta-no-objection-route"}, {"facebook-ai-objection", "instagram-ai-objection"}),
])
def test_metas_guides_are_offered_where_their_routes_are_open(records, country, expected, absent):
    guides = {guide.id for guide in records.guides_for(records.company("meta"), country)}
    assert expected <= guides and not absent & guides


def test_guide_steps_with_links_point_to_https_pages(records):
    for company in records.companies.values():
        for guide in company.guides:
            assert guide.steps
            for step in guide.steps:
                assert step.url is None or step.url.startswith("https://")


def test_law_citations_exist_in_english_and_for_every_provision(records):
    for law in records.laws.values():
        for provision in law.provisions:
            assert law.cite(provision, "en")


def _copy_data(tmp_path: Path) -> Path:
    import shutil
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_loading_refuses_a_record_that_breaks_its_schema(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "companies" / "meta.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nverified: 2026-11-26\n" in text
    path.write_text(text.replace("\nverified: 2026-11-26\n", "\n"), encoding="utf-8")
    with pytest.raises(RecordInvalid, match="verified"):
        load_from(data)


def test_loading_refuses_a_request_citing_a_provision_the_law_lacks(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "requests" / "object-ai-training.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "cites: [object,", "cites: [art-999, object,", 1), encoding="utf-8")
    with pytest.raises(RecordInvalid, match="art-999"):
        load_from(data)


def test_loading_refuses_duplicate_keys(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "laws" / "none.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "statutory: true\n", encoding="utf-8")
    with pytest.raises(Exception, match="duplicate"):
        load_from(data)


def test_loading_refuses_an_unknown_country_code(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "jurisdictions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("where: [GB]", "where: [QQ]"),
                    encoding="utf-8")
    with pytest.raises(RecordInvalid, match="QQ"):
        load_from(data)
