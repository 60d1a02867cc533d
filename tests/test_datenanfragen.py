"""Importing the Datenanfragen database: real records read, checked against its schema, mapped
onto objector's companies in a local overlay, marked as community data; curated records win;
and a letter can be written to an imported controller from the core, the CLI and the web."""
from __future__ import annotations

import email
import json
from datetime import date
from email import policy

import pytest

from letters import community, compose_letter, records
from letters.datenanfragen import company_record, country_of, import_database
from letters.errors import InvalidSource, RecordInvalid
from letters.render.email import email_for
from tests.conftest import (
    DATENANFRAGEN, SENT_ON, copy_datenanfragen, pdf_words,
)
from tests.test_cli import objector

BAHN_URL = "https://github.com/datenanfragen/data/blob/master/companies/deutsche-bahn.json"


def test_real_records_are_imported_into_the_overlay(overlay):
    assert (overlay.read, overlay.imported, overlay.skipped) == (5, 5, ())
    assert overlay.overlay == community.directory() / "datenanfragen.json"
    found = records.load()
    bahn = found.company("deutsche-bahn")
    assert bahn.name == "DB Vertrieb GmbH" and bahn.brands == ()
    assert {"bahn.de", "BahnCard", "DB Navigator"} <= set(bahn.aliases)
    (controller,) = bahn.controllers
    assert controller.address == ("Europa-Allee 78-84", "60486 Frankfurt", "Germany")
    assert controller.country == "DE" and controller.serves == ("*",)
    assert controller.email == "p.d-datenschutz@deutschebahn.com"
    assert bahn.community.record == BAHN_URL and bahn.community.imported == date.today()
    assert bahn.sources[0] == BAHN_URL and all(s.startswith("https://") for s in bahn.sources)
    assert bahn.verified is None and bahn.guides == () and bahn.user_accounts is None


def test_relevant_countries_become_the_places_a_controller_serves(overlay):
    found = records.load()
    assert found.company("1und1").controllers[0].serves == ("DE", "AT", "IT")
    assert found.serves(found.company("1und1"), "AT")
    assert not found.serves(found.company("zalando"), "FR")
    assert found.company("23andme").controllers[0].country == "US"


def test_curated_records_win_over_the_community_records_they_stand_for(overlay, tmp_path):
    found = records.load()
    assert "facebook" not in found.companies        # objector's Meta cites that record
    assert found.company("meta").community is None
    assert len(found.companies) == len(found.curated_companies) + 4


def test_a_community_record_with_a_curated_id_is_left_out(tmp_path, monkeypatch):
    checkout = copy_datenanfragen(tmp_path / "checkout", "deutsche-bahn")
    entry = json.loads((checkout / "companies" / "deutsche-bahn.json").read_text())
    (checkout / "companies" / "meta.json").write_text(json.dumps({**entry, "slug": "meta"}))
    folder = tmp_path / "overlay"
    import_database(checkout, folder)
    found = community.add_overlay(records.load_from(records.DATA_DIR), folder)
    assert found.company("meta").name == "Meta" and "deutsche-bahn" in found.companies


def test_invalid_records_are_skipped_and_counted(tmp_path):
    checkout = copy_datenanfragen(tmp_path / "checkout", "deutsche-bahn", "zalando")
    folder = checkout / "companies"
    entry = json.loads((folder / "zalando.json").read_text())
    broken = {k: v for k, v in entry.items() if k != "address"} | {"slug": "no-address"}
    (folder / "no-address.json").write_text(json.dumps(broken))
    (folder / "wrong-slug.json").write_text(json.dumps(entry))
    (folder / "not-json.json").write_text("{ this is not JSON")
    nowhere = {**entry, "slug": "nowhere", "address": "Somewhere 1\n12345 Atlantis"}
    (folder / "nowhere.json").write_text(json.dumps(nowhere))
    (folder / "README").write_text("not a record")
    summary = import_database(checkout, tmp_path / "overlay")
    assert (summary.read, summary.imported) == (6, 2)
    reasons = {skipped.file: skipped.reason for skipped in summary.skipped}
    assert set(reasons) == {"no-address.json", "wrong-slug.json", "not-json.json",
                            "nowhere.json"}
    assert "'address' is a required property" in reasons["no-address.json"]
    assert "differs from the file name" in reasons["wrong-slug.json"]
    assert "does not end with a country" in reasons["nowhere.json"]


def test_every_record_of_the_real_database_is_read(tmp_path):
    if DATENANFRAGEN is None:
        pytest.skip("no copy of the Datenanfragen database")
    summary = import_database(DATENANFRAGEN, tmp_path / "overlay")
    assert summary.read > 3000 and summary.imported + len(summary.skipped) == summary.read
    assert summary.imported / summary.read > 0.99, summary.skipped[:5]
    found = community.add_overlay(records.load_from(records.DATA_DIR), tmp_path / "overlay")
    assert len(found.companies) > 3000


@pytest.mark.parametrize("line, code", [
    ("Deutschland", "DE"), ("Germany", "DE"), ("Österreich", "AT"), ("ÖSTERREICH", "AT"),
    ("The Netherlands", "NL"), ("Nederland", "NL"), ("United States of America", "US"),
    ("España", "ES"), ("Czech Republic", "CZ"), ("Atlantis", None), ("", None),
])
def test_the_country_is_read_from_the_address_in_its_languages(line, code):
    assert country_of(line) == code


def test_plain_http_links_are_not_carried_over():
    entry = {"slug": "example", "name": "Example GmbH", "relevant-countries": ["de"],
             "address": "Beispielweg 1\n12345 Beispielstadt\nDeutschland",
             "webform": "http://example.org/form", "web": "http://example.org",
             "sources": ["http://example.org/privacy", "https://example.org/imprint"],
             "quality": "verified"}
    record = company_record(entry, SENT_ON)
    assert "web_form" not in record["controllers"][0] and "website" not in record
    assert record["sources"] == [entry_url("example"), "https://example.org/imprint"]


def entry_url(slug: str) -> str:
    return f"https://github.com/datenanfragen/data/blob/master/companies/{slug}.json"


# -- where the overlay lives and what it holds -------------------------------------------------
def test_the_overlay_defaults_to_the_xdg_data_directory(monkeypatch, tmp_path):
    monkeypatch.delenv(community.ENVIRONMENT)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert community.directory() == tmp_path / "objector" / "community"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert community.directory() == tmp_path / ".local" / "share" / "objector" / "community"


def test_the_overlay_holds_company_data_only(overlay):
    content = json.loads(overlay.overlay.read_text(encoding="utf-8"))
    assert set(content) == {"format", "database", "imported", "checked", "companies"}
    assert [c["id"] for c in content["companies"]] == ["1und1", "23andme", "deutsche-bahn",
                                                       "facebook", "zalando"]


def test_an_overlay_changed_by_hand_is_checked_again(overlay):
    content = json.loads(overlay.overlay.read_text(encoding="utf-8"))
    content["companies"][0]["controllers"][0]["web_form"] = "javascript:alert(1)"
    overlay.overlay.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(RecordInvalid, match="web_form"):
        community.read(overlay.overlay.parent)


def test_a_folder_without_records_is_refused(tmp_path):
    with pytest.raises(InvalidSource, match="holds no Datenanfragen records"):
        import_database(tmp_path, tmp_path / "overlay")
    assert not (tmp_path / "overlay").exists()


# -- a letter to an imported controller ---------------------------------------------------------
def test_the_core_writes_a_letter_to_an_imported_controller(overlay, person):
    letter = compose_letter(records.load(), country="DE", company="deutsche-bahn",
                            request="object-ai-training", person=person, language="de",
                            sent_on=SENT_ON)
    assert letter.controller.name == "DB Vertrieb GmbH"
    assert "Art. 21 Abs. 1 DSGVO" in letter.text
    assert email_for(letter).to == "p.d-datenschutz@deutschebahn.com"


def test_the_command_line_imports_and_writes_to_an_imported_controller(tmp_path, monkeypatch):
    checkout = copy_datenanfragen(tmp_path / "checkout", "deutsche-bahn", "zalando")
    (checkout / "companies" / "broken.json").write_text("{}")
    monkeypatch.setenv(community.ENVIRONMENT, str(tmp_path / "overlay"))
    result = objector("import-datenanfragen", str(checkout), "--lang", "de")
    assert result.stdout.decode().strip() == (
        f"2 von 3 Datensätzen von Datenanfragen nach {tmp_path / 'overlay' / 'datenanfragen.json'}"
        " importiert. Als ungültig übersprungen: 1.")
    eml = objector("letter", "--country", "DE", "--company", "deutsche-bahn", "--request",
                   "object-ai-training", "--name", "Erika Mustermann", "--email",
                   "erika@example.org", "--format", "eml").stdout
    message = email.message_from_bytes(eml, policy=policy.default)
    assert message["To"] == "p.d-datenschutz@deutschebahn.com"
    assert "DB Vertrieb GmbH" in pdf_words(next(message.iter_attachments()).get_content())


@pytest.mark.parametrize("folder, message", [
    ("does-not-exist", "not a folder"), (".", "holds no Datenanfragen records"),
])
def test_the_importer_refuses_what_is_not_a_database(tmp_path, monkeypatch, folder, message):
    monkeypatch.setenv(community.ENVIRONMENT, str(tmp_path / "overlay"))
    result = objector("import-datenanfragen", str(tmp_path / folder), check=False)
    assert result.returncode == 2 and message in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1


def test_the_web_flow_writes_to_an_imported_controller(walk, overlay):
    page = walk(company="deutsche-bahn")
    assert page.h1 == "Your letter to DB Vertrieb GmbH is ready"
    notice = page.soup.select_one(".notice-community")
    assert "Datenanfragen" in notice.get_text() and "not checked" in notice.get_text()
    assert notice.find("a")["href"] == BAHN_URL
    assert "p.d-datenschutz@deutschebahn.com" in page.soup.select_one(".email-fields").get_text()
    assert "Europa-Allee 78-84" in page.soup.select_one(".postal").get_text()
    assert "knows of no opt-out route" in page.text()
    pdf = page.submit("Download the letter (PDF)")
    assert "DB Vertrieb GmbH" in pdf_words(pdf.response.data)


def test_an_imported_company_does_not_demand_an_account_name(walk, overlay):
    details = walk(company="zalando", until="details")
    assert "(optional)" in details.soup.find("label", attrs={"for": "account"}).get_text()
    page = details.submit(**{"name": "Erika Mustermann", "email": "erika@example.org"})
    assert "Which language" in page.h1
    page = page.submit()
    assert "Check your answers" in page.h1
