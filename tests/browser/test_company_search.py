"""The company question in a real Chromium: filtering as one types, with the count announced,
and searching with the Enter key when JavaScript is off. These run against fixture
companies, so the app runs in this process rather than under gunicorn."""
from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect

from werkzeug.serving import make_server

from letters.search import compact
from webapp import create_app


@pytest.fixture(scope="module")
def server():
    """The app in this process (werkzeug in a thread), so that it sees ``fixture_records``."""
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test"})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def company_question(open_context, javascript=True):
    page = open_context(java_script_enabled=javascript).new_page()
    page.goto("/en/request")
    page.select_option("#country", "DE")
    page.get_by_role("button", name="Continue").click()
    page.select_option("#region", "DE-BY")     # Germany asks for the federal state first
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("#company-search")
    return page


def visible(page) -> list[str]:
    return [box.get_attribute("value")
            for box in page.locator("input[name=company]").all() if box.is_visible()]


def matching(page, query: str) -> list[str]:
    """The listed companies one of whose names contains ``query``, as the server folds them."""
    return [item.locator("input").get_attribute("value")
            for item in page.locator("[data-search-terms]").all()
            if compact(query) in item.get_attribute("data-search-terms")]


def test_typing_filters_the_companies_and_announces_how_many_match(open_context,
                                                                   fixture_records):
    page = company_question(open_context)
    everything = visible(page)
    assert {"bildwerk", "datenhaus", "meta"} <= set(everything)
    page.check("input[name=company][value=datenhaus]")      # stays shown when filtered
    page.fill("#company-search", "pixelgarten")
    status = page.locator("#company-status")
    expect(status).to_have_text("1 company matches.")
    assert visible(page) == ["bildwerk", "datenhaus"]
    page.fill("#company-search", "a")
    several = matching(page, "a")
    expect(status).to_have_text(f"{len(several)} companies match.")
    assert set(visible(page)) == set(several) | {"datenhaus"}
    page.fill("#company-search", "zzqx")
    expect(status).to_contain_text("No company in this list matches")
    assert visible(page) == ["datenhaus"]
    page.fill("#company-search", "")
    expect(status).to_have_text("")
    assert visible(page) == everything


def test_the_count_is_announced_in_german_too(open_context, fixture_records):
    page = company_question(open_context)
    page.get_by_role("button", name="Deutsch").click()
    page.fill("#company-search", "INSTÁGRAM")
    expect(page.locator("#company-status")).to_have_text("1 Unternehmen passt.")
    assert visible(page) == ["meta"] == matching(page, "instagram")


def test_without_javascript_enter_searches_and_keeps_the_answers(open_context,
                                                                 fixture_records):
    page = company_question(open_context, javascript=False)
    page.fill("#company-search", "Instagram")
    with page.expect_navigation():
        page.press("#company-search", "Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#company-status").inner_text() == "1 company matches."
    assert visible(page) == ["meta"]                       # the server's search
    assert page.locator("input[name=country]").get_attribute("value") == "DE"
    assert page.locator("input[name=region]").get_attribute("value") == "DE-BY"
    page.check("#company-0")
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "What do you want to ask for?"
