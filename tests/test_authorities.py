"""Supervisory authorities and regulators: one for every place with a law and a complaint
route, found from where the person lives, and every complaint channel backed by its contact."""
from __future__ import annotations

import pycountry
import pytest

from letters.errors import RecordInvalid
from letters.records import load_from
from tests.test_records import EEA_ONLY, EU, _copy_data

GERMAN_STATES = sorted(s.code for s in pycountry.subdivisions.get(country_code="DE"))


@pytest.mark.parametrize("code", [c for c in EU + EEA_ONLY if c != "DE"])
def test_every_eu_and_eea_country_has_its_national_authority(records, code):
    authority = records.authority_for(code)
    assert authority is not None and code in authority.competent_for
    assert authority.channels, authority.id


def test_germany_has_no_single_authority_but_one_per_state(records):
    assert records.authority_for("DE") is None
    assert records.authority_subdivisions("DE") == GERMAN_STATES
    assert len({records.authority_for(state).id for state in GERMAN_STATES}) == 16


@pytest.mark.parametrize("code, authority, official_name", [
    ("DE-BY", "de-by-lda", "Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)"),
    ("DE-BE", "de-be-bbdi", "Berliner Beauftragte für Datenschutz und Informationsfreiheit"),
    ("DE-NW", "de-nw-ldi",
     "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen"),
    ("FR", "fr-cnil", "Commission nationale de l'informatique et des libertés"),
    ("IE", "ie-dpc", "Data Protection Commission (Ireland)"),
    ("GB", "gb-ico", "Information Commissioner's Office (ICO)"),
    ("CH", "ch-fdpic", "Eidgenössischer Datenschutz- und Öffentlichkeitsbeauftragter (EDÖB)"),
    ("BR", "br-anpd", "Agência Nacional de Proteção de Dados (ANPD)"),
    ("CA", "ca-opc", "Commissariat à la protection de la vie privée du Canada"),
    ("CA-ON", "ca-opc", "Commissariat à la protection de la vie privée du Canada"),
    ("CA-QC", "ca-qc-cai", "Commission d'accès à l'information du Québec"),
    ("AU", "au-oaic", "Office of the Australian Information Commissioner (OAIC)"),
    ("JP", "jp-ppc", "個人情報保護委員会"),
    ("KR", "kr-pipc", "개인정보보호위원회"),
    ("IN", "in-dpb", "Data Protection Board of India"),
    ("US-CA", "us-ca-cppa", "California Privacy Protection Agency (CalPrivacy)"),
    ("US-TX", "us-tx-ag", "Office of the Texas Attorney General, Consumer Protection Division"),
])
def test_the_authority_is_the_one_for_where_the_person_lives(records, code, authority,
                                                             official_name):
    found = records.authority_for(code)
    assert found.id == authority and found.official_name == official_name


@pytest.mark.parametrize("code", ["US", "US-OH", "CN", "AQ"])
def test_places_without_a_recorded_authority_have_none(records, code):
    assert records.authority_for(code) is None


def test_us_regulators_are_recorded_only_with_an_official_page(records):
    us = [a for a in records.authorities.values() if a.competent_for[0].startswith("US-")]
    assert {a.competent_for[0] for a in us} == {
        "US-CA", "US-CO", "US-CT", "US-DE", "US-NH", "US-OR", "US-TX", "US-VA"}
    for authority in us:
        assert authority.website.startswith("https://") and "report-only" in authority.limits


@pytest.mark.parametrize("authority, limit", [
    ("es-aepd", "own-form"), ("it-garante", "email-pec-only"),
    ("in-dpb", "not-yet-open"), ("ch-fdpic", "report-only"), ("fr-cnil", "language-required"),
])
def test_the_limits_the_research_found_are_recorded(records, authority, limit):
    assert limit in records.authorities[authority].limits


def test_japan_takes_complaints_by_telephone_only(records):
    ppc = records.authorities["jp-ppc"]
    assert ppc.channels == ("phone",) and ppc.phone and not ppc.address


def test_names_in_a_letters_language_fall_back_to_the_official_name(records):
    cnil = records.authorities["fr-cnil"]
    assert cnil.name("en") == "French Data Protection Authority (CNIL)"
    assert cnil.name("de") == cnil.official_name


def test_loading_refuses_two_authorities_for_one_place(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "authorities" / "de-be-bbdi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[DE-BE]", "[DE-BY]"),
                    encoding="utf-8")
    with pytest.raises(RecordInvalid, match="DE-BY"):
        load_from(data)


def test_loading_refuses_a_complaint_channel_without_its_contact(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "authorities" / "jp-ppc.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("channels: [phone]",
                                                             "channels: [phone, post]"),
                    encoding="utf-8")
    with pytest.raises(RecordInvalid, match="jp-ppc takes complaints by post"):
        load_from(data)
