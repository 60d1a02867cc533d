"""What next in a real Chromium, with JavaScript off and the keyboard alone: the calendar
entry downloaded from the result page, and "I already sent a letter" to a complaint whose
PDF is downloaded."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from letters import records
from letters.deadlines import deadline_for
from tests.conftest import ANSWERS, pdf_words

SENT = date.today() - timedelta(days=60)


@pytest.fixture
def page(open_context):
    """A page without JavaScript that accepts downloads."""
    return open_context(java_script_enabled=False, accept_downloads=True).new_page()


def answer_by_keyboard(page, label: str, value: str) -> None:
    """Focus a field by its label, type or pick the value, and send the page with Enter."""
    field = page.get_by_label(label, exact=True)
    if field.evaluate("element => element.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").press("Enter")


def where_you_live(page):
    answer_by_keyboard(page, "Where do you live?", "DE")
    answer_by_keyboard(page, "Which federal state do you live in?", "DE-BY")
    page.get_by_label("Meta").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").press("Enter")
    page.get_by_label("Object to AI training").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").press("Enter")


def your_details(page) -> None:
    for label, key in (("Full name", "name"), ("E-mail address", "email"),
                       ("Account name or profile link", "account")):
        page.get_by_label(label, exact=True).fill(ANSWERS[key])
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").press("Enter")
    # The letter's language: the interface's, as suggested.
    assert page.locator("h1").inner_text() == "Which language should your letter be in?"
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").press("Enter")
    with page.expect_navigation():
        page.get_by_role("button", name="Make my letter").press("Enter")


def test_the_calendar_entry_downloads_from_the_result_page(page, server):
    page.goto(f"{server}/en/request")
    where_you_live(page)
    your_details(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the calendar entry (.ics)").press("Enter")
    assert "Erika" not in download.value.url
    event = Calendar.from_ical(open(download.value.path(), "rb").read()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == deadline_for(records.load().laws["gdpr"], date.today())


def test_a_complaint_from_the_start_page_by_keyboard_without_javascript(page, server):
    page.goto(f"{server}/en/")
    page.get_by_role("link", name="I already sent a letter").press("Enter")
    page.wait_for_url("**/en/follow-up")
    where_you_live(page)
    assert page.locator("h1").inner_text() == "When did you send your letter?"
    for part, value in (("Day", SENT.day), ("Month", SENT.month), ("Year", SENT.year)):
        page.get_by_label(part, exact=True).fill(str(value))
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").press("Enter")
    page.get_by_label("Complain to Bavarian Data Protection Authority (private sector): Meta "
                      "has not answered").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").press("Enter")
    your_details(page)
    assert "Your complaint to Bavarian Data Protection Authority" in page.locator("h1").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the letter (PDF)").press("Enter")
    assert download.value.suggested_filename == f"complaint-meta-{date.today().isoformat()}.pdf"
    words = pdf_words(open(download.value.path(), "rb").read())
    assert "Bayerisches Landesamt für Datenschutzaufsicht (BayLDA) Promenade 27" in words
    assert "Complaint under Art. 77 GDPR against Meta Platforms Ireland Limited" in words
