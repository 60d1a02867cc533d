"""Hostile answers in every field: never a server error; either a clear message at the
field, with the other answers kept, or the very text typed, shown as text in the page, the
PDF, the plain text and the e-mail, and never run as template, markup or header."""
from __future__ import annotations

import email
import re
from email import policy
from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from letters.person import LIMITS, MULTILINE, clean
from tests.conftest import ANSWERS, poppler_text
from tests.test_ssrf import (OTHER_TEXT_FIELDS, SEARCH_FIELD, TEXT_FIELDS, chosen_letter,
                             download, offered, pdfs_in, reach)  # noqa: F401 (reach: a fixture)
from tests.test_web_follow_up import follow  # noqa: F401 (a fixture)

#: One character from every Unicode plane: letters of several scripts in plane 0, emoji and
#: Gothic (1), CJK extensions (2, 3), unassigned code points (4-13), a variation selector
#: (14), private use (15, 16).
EVERY_PLANE = ("A ß Ω ж ע ع 中 \U0001F600 \U00010348 \U00020000 \U00030000 "
               + " ".join(chr(plane << 16) for plane in range(4, 14))
               + " a\U000E0100 \U000F0000 \U00100000")

PAYLOADS = {
    "template": "{{7*7}} {% raw %} ${7*7} #{7*7} %(email)s {0} {{ config }}",
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "header": "Erika\r\nBcc: victim@example.org",
    "bidi": "\u202eevil\u202c text",
    "every plane": EVERY_PLANE,
    "10,000 characters": "x" * 10_000,
    "control character": "a\x00b\x1bc",
}
REFUSED_EVERYWHERE = {"10,000 characters", "control character"}


def outcome(field: str, payload: str) -> str:
    """What a person gets: ``"message"`` at the field, or the text ``"as typed"``."""
    if payload in REFUSED_EVERYWHERE or field == "email":
        return "message"
    if payload == "bidi" and field not in MULTILINE:
        return "message"
    return "as typed"


def flat(text: str) -> str:
    return "".join(text.split())


def printable(text: str) -> str:
    """Without plane 14 (tags, variation selectors): they change how a character looks and
    have no glyph of their own, so a PDF's text never gives them back."""
    return "".join(char for char in text if not 0xE0000 <= ord(char) <= 0xEFFFF)


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOADS)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_a_hostile_answer_gets_a_message_or_is_shown_as_typed(walk, field, payload):
    text = PAYLOADS[payload]
    page = walk(until="check", **{field: text})
    assert page.status == 200
    if outcome(field, payload) == "message":
        assert page.title.startswith("Error:")
        assert page.field_error(field), page.errors()
        kept = [name for name in TEXT_FIELDS if name != field]
        assert all(page.value(name) == ANSWERS[name] for name in kept if name in ANSWERS)
        assert page.value("country") == "DE"
    else:
        assert page.errors() == []
        assert " ".join(clean(field, text).split()) in page.text()
        assert_only_our_markup(page.soup)


def assert_only_our_markup(soup) -> None:
    """Nothing typed became an element, an attribute or template output."""
    scripts = [tag.get("src") for tag in soup.find_all("script")]
    assert scripts == ["/static/app.js"]
    assert not soup.find("img") and not soup.find("style")
    for tag in soup.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag


@pytest.mark.parametrize("payload", [name for name in PAYLOADS if outcome("name", name)
                                     == "as typed"])
def test_hostile_answers_are_literal_text_in_every_output(walk, payload):
    text = PAYLOADS[payload]
    typed = {name: text for name in TEXT_FIELDS if outcome(name, payload) == "as typed"}
    page = walk(**typed)
    assert page.status == 200 and page.errors() == []
    assert_only_our_markup(page.soup)
    preview = " ".join(page.soup.select_one(".paper").get_text(" ").split())
    assert "49" not in preview
    outputs = {"page": preview,
               "pdf": poppler_text(download(page, "letter.pdf").data),
               "text": download(page, "letter.txt").get_data(as_text=True)}
    for field in typed:
        expected = flat(clean(field, text))
        for output, content in outputs.items():
            shown = printable(expected) if output == "pdf" else expected
            assert shown in flat(content), (field, output)

    message = email.message_from_bytes(download(page, "letter.eml").data,
                                       policy=policy.default)
    assert set(message.keys()) == {"From", "Subject", "Date", "X-Unsent", "MIME-Version",
                                   "Content-Type"}
    assert message["From"].addresses[0].display_name == clean("name", text)
    body = message.get_body(("plain",)).get_content()
    assert flat(clean("reason", text)) in flat(body)


def test_hostile_answers_are_literal_text_in_letters_to_several_companies(walk):
    text = " ".join(PAYLOADS[name] for name in ("template", "script", "attribute", "header",
                                                "every plane"))
    typed = {name: text for name in TEXT_FIELDS if name not in ("email", "place")}
    page = walk(company=["meta", "google"], **typed)
    assert page.status == 200 and page.errors() == []
    assert_only_our_markup(page.soup)
    zipped = pdfs_in(download(page, "letters.zip"))
    assert len(zipped) == 2
    for field in typed:
        expected = flat(clean(field, text))
        assert expected in flat(page.soup.find("main").get_text())
        for pdf in zipped:
            assert printable(expected) in flat(poppler_text(pdf)), field


@pytest.mark.parametrize("journey", ["reminder", "complaint"])
def test_hostile_answers_are_literal_text_in_reminders_and_complaints(reach, journey):
    text = " ".join(PAYLOADS[name] for name in ("template", "script", "attribute"))
    page = reach(journey, name=text, reason=text)
    assert page.status == 200 and page.errors() == []
    assert_only_our_markup(page.soup)
    assert flat(clean("name", text)) in flat(page.soup.find("main").get_text())
    letters = [pdf for name in offered(page) if name != "guide.pdf"
               for pdf in pdfs_in(download(page, name, letter_for=chosen_letter(page)))]
    assert letters
    for pdf in letters:
        assert flat(clean("name", text)) in flat(poppler_text(pdf))


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOADS)
@pytest.mark.parametrize("field", OTHER_TEXT_FIELDS)
def test_a_hostile_date_gets_a_message_and_is_shown_again(follow, field, payload):
    text = PAYLOADS[payload]
    day = {"sent_day": "3", "sent_month": "10", "sent_year": "2026", field: text}
    page = follow(until="sent").submit(**day)
    assert page.status == 200 and page.title.startswith("Error:")
    assert page.errors() and page.soup.find(attrs={"name": field}) is not None
    assert_only_our_markup(page.soup)


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOADS)
def test_a_hostile_search_is_shown_as_typed(walk, payload):
    text = PAYLOADS[payload]
    page = walk(until="company").submit("Search", **{SEARCH_FIELD: text})
    assert page.status == 200

    def shown(value: str) -> str:  # an HTML parser reads NUL as U+FFFD
        return value.replace("\x00", "").replace("\ufffd", "")
    # A search is one line of at most 100 characters.
    assert shown(page.value(SEARCH_FIELD)) == shown(" ".join(text.split())[:100])
    assert_only_our_markup(page.soup)


def test_line_breaks_in_one_line_answers_become_spaces_and_never_headers(walk):
    page = walk(name="Erika\r\nBcc: victim@example.org")
    message = email.message_from_bytes(download(page, "letter.eml").data,
                                       policy=policy.default)
    assert message["Bcc"] is None
    assert message["From"].addresses[0].display_name == "Erika Bcc: victim@example.org"
    compose = {}
    for link in page.soup.find_all("a", href=re.compile("^(mailto:|https://)")):
        parts = urlsplit(link["href"])
        keys = [key for key, _ in parse_qsl(parts.query, keep_blank_values=True)]
        if parts.scheme == "mailto" or parts.path.startswith("/mail/"):  # e-mail, not calendar
            compose[parts.scheme + ":" + parts.netloc] = keys
        else:  # calendar entries and the company's pages carry nothing typed
            assert "Erika" not in link["href"] and "victim" not in link["href"]
    assert compose == {"https:mail.google.com": ["view", "fs", "to", "su", "body"],
                       "https:outlook.live.com": ["to", "subject", "body"],
                       **({"mailto:": ["subject", "body"]} if "mailto:" in compose else {})}


def test_an_answer_at_its_limit_is_accepted_and_one_more_character_is_explained(walk):
    at_limit = {name: "x" * LIMITS[name] for name in TEXT_FIELDS if name != "email"}
    assert walk(until="check", **at_limit).errors() == []
    for name in at_limit:
        page = walk(until="check", **{name: "x" * (LIMITS[name] + 1)})
        assert f"{LIMITS[name]} characters or fewer" in page.field_error(name)


def test_bytes_that_are_not_utf8_are_refused_kindly(client):
    page = client.get("/en/request").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    for body in (b"\xff\xfe", b"%ED%A0%80", b"%FF%00"):
        response = client.post("/en/request", data=b"csrf_token=" + token.encode()
                               + b"&step=details&action=continue&name=" + body
                               + b"&email=erika%40example.org",
                               content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 400)
        assert "Traceback" not in response.get_data(as_text=True)


def test_repeated_and_unknown_fields_change_nothing(walk):
    page = walk(until="details")
    values = MultiDict(page.form_values(page.soup.find("form", id="flow")))
    values.update({**ANSWERS, "action": "continue"})
    values.add("name", "Mallory")
    values.add("is_admin", "1")
    values.add("step", "result")
    response = page.client.post("/en/request", data=values)
    assert response.status_code == 200
    assert "Mallory" not in response.get_data(as_text=True)
