"""Finding a company by name, brand or product: in the core, on the command line, and on the
company question with and without JavaScript."""
from __future__ import annotations

import pytest

from letters.search import alphabetical, find_companies, fold, match_rank
from tests.test_cli import objector


# -- the core ---------------------------------------------------------------------------------
@pytest.mark.parametrize("query, first", [
    ("Meta", "meta"),
    ("Instagram", "meta"),              # a brand
    ("instagram", "meta"),              # any case
    ("ÍNSTÄGRÂM", "meta"),              # any accents
    ("  insta ", "meta"),               # the start of a brand, spaces around
    ("Meta Platforms Ireland", "meta"), # a controller's legal name
    ("pixelgarten", "bildwerk"),
    ("Bildwerk Studio", "bildwerk"),
    ("datenhaus holding", "datenhaus"), # an alias
    ("BILDWERK-EUROPE", "bildwerk"),    # punctuation ignored
])
def test_a_company_is_found_by_name_brand_product_or_entity(fixture_records, query, first):
    found = find_companies(fixture_records, query)
    assert found and found[0].id == first


@pytest.mark.parametrize("query", ["", "   ", "—", "zzqx"])
def test_nothing_is_found_for_nothing_or_an_unknown_name(fixture_records, query):
    assert find_companies(fixture_records, query) == []


@pytest.mark.parametrize("query, rank", [
    ("Bildwerk", 0),        # a whole name
    ("Bild", 1),            # the start of a name
    ("Studio", 2),          # the start of a word in one ("Bildwerk Studio")
    ("garten", 3),          # anywhere ("Pixelgarten")
    ("Datenhaus", None),    # not one of its names
])
def test_how_well_a_query_names_a_company(fixture_records, query, rank):
    assert match_rank(fixture_records.company("bildwerk"), query) == rank


def test_better_matches_come_first(fixture_records):
    assert find_companies(fixture_records, "Meta")[0].id == "meta"
    assert find_companies(fixture_records, "datenhaus")[0].id == "datenhaus"


def test_folding_ignores_case_and_accents():
    assert fold("Åkerström Straße") == fold("akerstrom STRASSE")


def test_community_records_come_after_curated_ones_and_only_where_they_serve(overlay):
    from letters import records
    found = records.load()
    bahn = [c.id for c in find_companies(found, "bahncard", "DE")]
    assert bahn == ["deutsche-bahn"]
    assert [c.id for c in find_companies(found, "zalando", "DE")] == ["zalando"]
    assert find_companies(found, "zalando", "FR") == []          # Datenanfragen: Germany only
    assert [c.id for c in find_companies(found, "facebook", "DE")] == ["meta"]


# -- the command line -------------------------------------------------------------------------
def test_list_companies_search_finds_meta_by_its_brand():
    lines = objector("list", "companies", "--search", "Instagram").stdout.decode().splitlines()
    assert lines[0].split("\t")[:2] == ["meta", "Meta"]


def test_list_companies_search_as_json_marks_community_records(overlay):
    import json
    rows = json.loads(objector("list", "companies", "--search", "Bahn", "--country", "DE",
                               "--json").stdout)
    assert {"id": "deutsche-bahn", "source": "datenanfragen"}.items() <= rows[0].items()
    assert "BahnCard" in rows[0]["aliases"]


def test_search_only_goes_with_companies():
    result = objector("list", "countries", "--search", "x", check=False)
    assert result.returncode == 2 and b"--search works with 'list companies'" in result.stderr


# -- the web, without JavaScript --------------------------------------------------------------
def listed(page) -> list[str]:
    return [box["value"] for box in page.soup.select("input[type=checkbox][name=company]")]


def a_to_z(found) -> list[str]:
    return [company.id for company in alphabetical(found.curated_companies)]


def test_without_a_search_objectors_companies_are_listed_from_a_to_z(walk, fixture_records):
    page = walk(until="company")
    assert listed(page) == a_to_z(fixture_records)
    assert {"bildwerk", "datenhaus", "meta"} <= set(listed(page))
    assert "A to Z" in page.soup.select_one(".list-caption").get_text()
    assert page.soup.select_one("#company-status").get_text(strip=True) == ""


def test_searching_for_instagram_lists_meta_and_keeps_every_other_answer(walk, fixture_records):
    page = walk(until="company").submit("Search", company_search="Instagram")
    assert page.status == 200 and page.errors() == []
    assert listed(page) == ["meta"]
    assert page.soup.select_one("#company-status").get_text(strip=True) == "1 company matches."
    assert page.value("company_search") == "Instagram" and page.value("country") == "DE"
    request = page.submit(company="meta")
    assert "What do you want to ask for?" in request.h1 and request.values("company") == ["meta"]


def test_a_search_keeps_the_companies_already_chosen(walk, fixture_records):
    page = walk(until="company").submit("Search", company=["bildwerk"], company_search="meta")
    assert listed(page)[:2] == ["bildwerk", "meta"]     # chosen first, then the matches
    assert page.values("company") == ["bildwerk"]       # still ticked
    page = page.submit("Search", company_search="")
    assert listed(page) == a_to_z(fixture_records)
    assert page.values("company") == ["bildwerk"]


def test_a_search_that_finds_nothing_says_so_and_offers_the_list(walk, fixture_records):
    page = walk(until="company", lang="de").submit("Suchen", company_search="zzqx")
    assert "Kein Unternehmen" in page.soup.select_one("#company-status").get_text()
    assert listed(page) == a_to_z(fixture_records)


def test_searching_finds_community_records_the_a_to_z_list_leaves_out(walk, overlay):
    from letters import records
    page = walk(until="company")
    assert listed(page) == a_to_z(records.load()) and "deutsche-bahn" not in listed(page)
    assert "Datenanfragen" in page.soup.find(id="company-search-hint").get_text()
    page = page.submit("Search", company_search="bahn")
    assert listed(page)[0] == "deutsche-bahn"
    assert "not checked by objector" in page.soup.select_one(".checkbox-hint").get_text()


def test_the_enter_key_searches_on_the_company_question(walk):
    """Enter in a text field presses the form's default button: the first in the page."""
    page = walk(until="company")
    default = page.soup.find("button", attrs={"form": "flow"})
    assert default.get("value") == "search" and "default-button" in default["class"]
    assert page.soup.find_all("button")[0] is default
    details = walk(until="details")
    assert details.soup.find_all("button")[0].get("value") == "continue"


def test_the_search_field_and_live_region_are_wired_for_the_script(walk):
    page = walk(until="company")
    field = page.soup.find(id="company-search")
    assert field["type"] == "search" and page.soup.find("label", attrs={"for": "company-search"})
    status = page.soup.find(id="company-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    import json
    messages = json.loads(status["data-messages"])
    assert {"one", "other", "none"} <= set(messages) and "{count}" in messages["other"]
    terms = [item["data-search-terms"].split("|") for item in page.soup.select(".checkbox")]
    assert len(terms) == len(listed(page)) and ["instagram" in t for t in terms].count(True) == 1


def test_the_check_page_lists_every_company_chosen(walk, fixture_records):
    page = walk(company=["meta", "bildwerk"], until="check")
    row = next(r for r in page.soup.select(".summary-row") if "Companies" in r.dt.get_text())
    assert row.select_one(".summary-value").get_text() == "Meta\nBildwerk"
    assert "Make my letters" in page.text()


@pytest.mark.parametrize("chosen, message", [
    (["acme"], "objector has no company called “acme”."),
    ([f"c{n}" for n in range(31)], "You can write to at most 30 companies at once."),
])
def test_unknown_or_too_many_companies_are_explained(walk, chosen, message):
    page = walk(until="company").submit(company=chosen)
    assert any(message in error for error in page.errors()), page.errors()


def test_a_company_without_a_contact_where_the_person_lives_is_refused(walk, overlay):
    page = walk(country="FR", until="company").submit(company=["zalando"])
    assert page.errors() == ["objector has no contact at Zalando SE for people where you live "
                             "(FR)."]
