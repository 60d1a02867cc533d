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
    recorded = set(EU + EEA_ONLY + ["GB", "CH", "BR", "CA", "AU", "JP", "KR", "IN"])
    others = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in recorded]
    assert len(others) == len(pycountry.countries) - 38
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


@pytest.mark.parametrize("record, old, new, message", [
    ("jurisdictions.yaml", "where: [GB]", "where: [QQ]", "QQ"),
    ("subdivisions.yaml", "    US-OH: Ohio\n", "", "US-OH"),
    ("requests/opt-out-sale-sharing.yaml", "deadline: opt-out", "deadline: opt-in", "opt-in"),
], ids=["unknown country code", "subdivisions differ from ISO 3166-2",
        "a deadline the law does not have"])
def test_loading_refuses_a_record_that_points_at_nothing(tmp_path, record, old, new, message):
    data = _copy_data(tmp_path)
    path = data / record
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RecordInvalid, match=message):
        load_from(data)


# -- the legal matrix -----------------------------------------------------------------------
EU_LANGUAGES = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu",
                "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"]

#: Every US state with a comprehensive privacy law in force on 2026-11-26.
US_STATE_LAWS = {
    "US-CA": "us-ca-ccpa", "US-VA": "us-va-vcdpa", "US-CO": "us-co-cpa",
    "US-CT": "us-ct-ctdpa", "US-UT": "us-ut-ucpa", "US-TX": "us-tx-tdpsa",
    "US-OR": "us-or-ocpa", "US-FL": "us-fl-fdbr", "US-MT": "us-mt-mcdpa",
    "US-IA": "us-ia-icdpa", "US-DE": "us-de-dpdpa", "US-NH": "us-nh-nhdpa",
    "US-NE": "us-ne-ndpa", "US-NJ": "us-nj-njdpa", "US-TN": "us-tn-tipa",
    "US-MN": "us-mn-mcdpa", "US-MD": "us-md-modpa", "US-IN": "us-in-incdpa",
    "US-KY": "us-ky-kcdpa", "US-RI": "us-ri-ridtppa",
}


def test_the_gdpr_has_its_name_and_citation_style_in_every_eu_language(records):
    gdpr = records.laws["gdpr"]
    assert set(EU_LANGUAGES + ["nb", "is"]) <= set(gdpr.names)
    assert set(EU_LANGUAGES + ["nb"]) <= set(gdpr.citation)
    assert set(EU_LANGUAGES + ["nb"]) <= set(gdpr.provisions["object"].titles)
    assert gdpr.provisions["object"].titles["de"] == "Widerspruchsrecht"


@pytest.mark.parametrize("language, provision, cited", [
    ("en", "erase-after-objection", "Art. 17(1)(c) GDPR"),
    ("de", "erase-after-objection", "Art. 17 Abs. 1 lit. c DSGVO"),
    ("fr", "object", "article 21, paragraphe 1, du RGPD"),
    ("es", "object", "artículo 21, apartado 1, del RGPD"),
    ("nl", "legitimate-interests", "artikel 6, lid 1, onder f, van de AVG"),
    ("pl", "legitimate-interests", "art. 6 ust. 1 lit. f RODO"),
    ("it", "object", "art. 21, par. 1 GDPR"),
    ("sv", "erase-after-objection", "artikel 17.1 c i GDPR"),
    ("nb", "object", "GDPR artikkel 21 nr. 1"),
    ("el", "erase-after-objection",
     "άρθρο 17 παράγραφος 1 στοιχείο γ) του Κανονισμού (ΕΕ) 2016/679"),
    ("bg", "legitimate-interests",
     "член 6, параграф 1, буква е) от Регламент (ЕС) 2016/679"),
    ("pt", "object", "artigo 21.º, n.º 1, do Regulamento (UE) 2016/679"),
    ("ro", "object", "articolul 21 alineatul (1) din RGPD"),
    ("is", "object", "Art. 21(1) GDPR"),   # no Icelandic citation form sourced yet
])
def test_the_gdpr_is_cited_as_each_language_writes_it(records, language, provision, cited):
    assert records.laws["gdpr"].cite(provision, language) == cited


@pytest.mark.parametrize("code, law", sorted(US_STATE_LAWS.items()))
def test_every_us_state_law_in_force_applies_in_its_state(records, code, law):
    assert records.jurisdiction(code).law.id == law


@pytest.mark.parametrize("code", ["US-OK", "US-LA", "US-AL", "US-VT", "US-NY", "US-WA", "US"])
def test_states_without_a_law_in_force_have_no_statutory_right_known(records, code):
    assert records.jurisdiction(code).law.id == "none"


@pytest.mark.parametrize("code, law", [
    ("CH", "ch-dsg"), ("BR", "br-lgpd"), ("CA", "ca-pipeda"), ("CA-ON", "ca-pipeda"),
    ("CA-QC", "ca-qc-private-sector"), ("AU", "au-privacy-act"), ("JP", "jp-appi"),
    ("KR", "kr-pipa"), ("IN", "in-dpdp"), ("DE-BY", "gdpr"),
])
def test_each_country_and_province_has_its_own_law(records, code, law):
    assert records.jurisdiction(code).law.id == law


def test_india_offers_only_the_request_that_claims_no_right(records):
    india = records.jurisdiction("IN")
    assert not india.law.statutory and "May 2027" in india.law.notice
    assert [kind.id for kind in records.offered(india)] == ["do-not-train"]


def test_switzerland_offers_no_right_to_object_it_does_not_have(records):
    swiss = records.laws["ch-dsg"]
    assert "no general right to object" in swiss.notice
    spec = records.requests["object-ai-training"].spec_for(swiss)
    assert spec.deadline_rule(swiss) is None and "against-express-wish" in spec.cites


def test_places_are_every_country_and_the_states_the_form_asks_for(records):
    places = records.places()
    assert len(places) == len(pycountry.countries) + 57 + 13 + 16
    for country in ("US", "CA", "DE"):
        official = {s.code for s in pycountry.subdivisions.get(country_code=country)}
        assert set(records.subdivisions[country].names) == official
        assert official <= set(places)
    assert records.subdivisions_of("FR") is None


def test_every_law_is_used_somewhere_and_offers_a_request(records):
    used = {j.law.id for j in records.jurisdictions.values()} | {records.fallback.law.id}
    assert used == set(records.laws)
    for law in records.laws.values():
        assert any(kind.spec_for(law) for kind in records.requests.values()), law.id


def test_every_provision_is_citable_in_every_language_of_its_law(records):
    for law in records.laws.values():
        for language in law.citation:
            for provision in law.provisions:
                cited = law.cite(provision, language)
                assert cited and "{" not in cited and "None" not in cited, (law.id, provision)


def test_every_offered_request_has_its_letter_template(records):
    from letters.environment import environment
    env = environment("en", html=False)
    for law in records.laws.values():
        for kind in records.requests.values():
            if kind.spec_for(law):
                assert env.select_template(kind.template_names(law)), (law.id, kind.id)


def test_a_request_that_claims_no_law_cites_nothing_and_sets_no_deadline(records):
    for law in records.laws.values():
        spec = records.requests["do-not-train"].spec_for(law)
        if spec:
            assert not spec.claims_law(law) and spec.cites == ()
            assert spec.deadline_rule(law) is None
