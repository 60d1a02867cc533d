"""A person writes a letter in a real browser: with the keyboard alone, finding every field by
its label and every control by its role, with JavaScript and without, to the downloaded PDF
and e-mail; the copy button; the printed page."""
from __future__ import annotations

import email
import re
from email import policy
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from letters import Person, compose_letter
from letters.i18n import country_name, translate
from letters.render.email import email_for
from tests.browser.keyboard import choose, has_focus, press, tab_to
from tests.browser.layout import screenshot
from tests.browser.visits import ANSWERS, PERSON, VISITS
from tests.conftest import pdf_words

CHECK, RESULT = (next(visit for visit in VISITS if visit.name == name)
                 for name in ("check", "result"))
#: The details page, label by label, in the order people meet the fields.
DETAILS = [("Full name", "name"), ("E-mail address", "email"),
           ("Postal address (optional)", "address"), ("Town or city (optional)", "place"),
           ("Account name or profile link", "account"),
           ("Your particular situation (optional)", "reason")]


@pytest.fixture
def expected(records):
    """The letter the core writes from the same answers, to compare the browser's files with."""
    def letter(lang: str):
        return compose_letter(records, country=ANSWERS["region"], company=ANSWERS["company"],
                              request=ANSWERS["request"], person=Person.from_input(**PERSON),
                              language=lang)
    return letter


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_person_writes_a_letter_with_the_keyboard_alone(open_context, records, expected,
                                                          lang, javascript):
    t = partial(translate, lang)
    page = open_context(java_script_enabled=javascript, accept_downloads=True).new_page()
    page.goto(f"/{lang}/")

    # The first Tab offers to skip the header.
    page.keyboard.press("Tab")
    assert has_focus(page.get_by_role("link", name=t("Skip to main content")))
    page.keyboard.press("Enter")
    assert has_focus(page.get_by_role("main"))
    press(page, page.get_by_role("link", name=t("Start now")))

    # Where do you live? Typing a country's name chooses it.
    assert page.get_by_role("heading", level=1).inner_text() == t("Where do you live?")
    tab_to(page, page.get_by_role("combobox", name=t("Where do you live?")))
    page.keyboard.type(country_name("DE", lang))
    expect(page.get_by_role("combobox", name=t("Where do you live?"))).to_have_value("DE")
    press(page, page.get_by_role("button", name=t("Continue"), exact=True))

    # In Germany the federal state decides which authority supervises: the next question.
    states = records.subdivisions_of("DE")
    state = page.get_by_role("combobox", name=t(states.question))
    tab_to(page, state)
    page.keyboard.type(t(states.names[ANSWERS["region"]]))
    expect(state).to_have_value(ANSWERS["region"])
    press(page, page.get_by_role("button", name=t("Continue"), exact=True))

    # Continue without choosing: the error summary takes the focus and leads to the question.
    press(page, page.get_by_role("button", name=t("Continue"), exact=True))
    assert page.title().startswith(t("Error:"))
    assert has_focus(page.get_by_role("alert"))
    page.keyboard.press("Tab")
    error = page.get_by_role("link", name=t("Select at least one company you want to write to."))
    assert has_focus(error)
    page.keyboard.press("Enter")
    assert has_focus(page.get_by_role("checkbox").first)

    # Find the company by one of its brands: Enter in the search field asks the server.
    tab_to(page, page.get_by_label(t("Find a company by name, brand or product")))
    page.keyboard.type("Instagram")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    meta = page.get_by_role("checkbox", name="Meta", exact=True)
    tab_to(page, meta)
    page.keyboard.press("Space")
    expect(meta).to_be_checked()
    press(page, page.get_by_role("button", name=t("Continue"), exact=True))

    kind = records.request(ANSWERS["request"])
    choose(page, page.get_by_role("radio", name=t(kind.title), exact=True))
    press(page, page.get_by_role("button", name=t("Continue"), exact=True))

    # Your details, one labelled field after another, with a typing mistake in the e-mail.
    typed = {**PERSON, "email": "erika@"}
    for label, name in DETAILS:
        field = page.get_by_label(t(label), exact=True)
        tab_to(page, field)
        page.keyboard.type(typed[name])
    page.keyboard.press("Shift+Tab")
    assert has_focus(page.get_by_label(t("Account name or profile link"), exact=True))
    with page.expect_navigation():
        page.keyboard.press("Enter")        # in a text field: Continue, as in any form
    assert has_focus(page.get_by_role("alert"))
    page.keyboard.press("Tab")
    problem = page.evaluate("document.activeElement.textContent").strip()
    page.keyboard.press("Enter")
    email_field = page.get_by_label(t("E-mail address"), exact=True)
    assert has_focus(email_field)
    expect(email_field).to_have_attribute("aria-invalid", "true")
    expect(email_field).to_have_accessible_description(re.compile(re.escape(problem)))
    assert page.get_by_label(t("Full name"), exact=True).input_value() == PERSON["name"]
    page.keyboard.press("Control+A")
    page.keyboard.type(PERSON["email"])
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The letter's language: the interface's until the person picks another.
    question = t("Which language should your letter be in?")
    assert page.get_by_role("heading", level=1).inner_text() == question
    expect(page.get_by_role("combobox", name=question)).to_have_value(lang)
    expect(page.get_by_role("checkbox")).not_to_be_checked()
    press(page, page.get_by_role("button", name=t("Continue"), exact=True))

    # Check your answers: every answer shown, each with its own Change control.
    assert page.get_by_role("heading", level=1).inner_text() == t("Check your answers")
    summary = page.locator(".summary")
    for name in ("name", "email", "place", "account", "reason"):
        expect(summary).to_contain_text(PERSON[name])
    press(page, page.get_by_role("button", name=f"{t('Change')} {t('E-mail address')}"),
          key="Space")
    assert has_focus(page.get_by_label(t("E-mail address"), exact=True))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == t("Check your answers")
    press(page, page.get_by_role("button", name=t("Make my letter")))

    # The result: the copy button only where a script can copy; the files by keyboard.
    letter = expected(lang)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meta")
    expect(page.get_by_role("button", name=t("Copy the text"))).to_be_visible(visible=javascript)
    message = email.message_from_bytes(download(page, t("Download the e-mail with the PDF "
                                                         "attached (.eml)")),
                                       policy=policy.default)
    assert message["From"].addresses[0].addr_spec == PERSON["email"]
    assert message["Subject"] == letter.subject
    body = message.get_body(("plain",)).get_content()
    assert body.splitlines() == letter.text.splitlines()    # sent with CR LF, as mail is
    attached = next(message.iter_attachments())
    assert attached.get_content_type() == "application/pdf"
    assert PERSON["name"] in pdf_words(attached.get_content())

    words = pdf_words(download(page, t("Download the letter (PDF)")))
    cited = letter.law.cite("object", lang)
    for expected_words in (PERSON["name"], "Meta Platforms Ireland Limited", cited,
                           letter.format_date(letter.deadline)):
        assert expected_words in words


def download(page: Page, button: str) -> bytes:
    """Tab to a download button, press Enter, and read the file the browser saves."""
    tab_to(page, page.get_by_role("button", name=button))
    with page.expect_download() as saved:
        page.keyboard.press("Enter")
    return Path(saved.value.path()).read_bytes()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_copy_button_puts_the_exact_email_on_the_clipboard(open_context, expected, lang):
    t = partial(translate, lang)
    page = open_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    RESULT.open(page, lang)
    status = page.get_by_role("status")
    expect(status).to_be_empty()
    tab_to(page, page.get_by_role("button", name=t("Copy the text")))
    page.keyboard.press("Space")
    expect(status).to_have_text(t("Copied"))
    assert page.evaluate("navigator.clipboard.readText()") == email_for(expected(lang)).body


def test_a_printed_result_page_is_the_letter_without_the_controls(page):
    RESULT.open(page, "en")
    page.emulate_media(media="print")
    screenshot(page, "en-result-print")
    expect(page.get_by_role("heading", level=3, name="Objection")).to_be_visible()
    for hidden in (page.get_by_role("button", name="Download the letter (PDF)"),
                   page.get_by_role("banner"), page.get_by_role("contentinfo"),
                   page.get_by_label("Text of your e-mail")):
        expect(hidden).to_be_hidden()


@pytest.mark.parametrize("answer, focused", [
    ("Where you live", lambda page: page.get_by_role("combobox", name="Where do you live?")),
    ("State or province",
     lambda page: page.get_by_role("combobox", name="Which federal state do you live in?")),
    ("Company", lambda page: page.get_by_role("checkbox", name="Meta", exact=True)),
    ("Town or city", lambda page: page.get_by_label("Town or city (optional)")),
    ("Your particular situation",
     lambda page: page.get_by_label("Your particular situation (optional)")),
])
def test_change_on_the_check_page_opens_the_question_at_that_answer(page, answer, focused):
    CHECK.open(page, "en")
    press(page, page.get_by_role("button", name=f"Change {answer}"), key="Space")
    assert has_focus(focused(page))
