"""Private by construction: a sentinel typed into every field, through every page, error and
download, never reaches a log, a cookie, a URL, a file or anything the process keeps."""
from __future__ import annotations

import gc
import logging
import os
import sys
import uuid

import pytest
from bs4 import BeautifulSoup

from letters import Person, compose_letter
from letters.render.html import document, letter_html
from letters.render.pdf import render_pdf
from tests.conftest import ANSWERS
from tests.test_hardening import SLOW_REASON
from tests.test_ssrf import (OTHER_TEXT_FIELDS, SEARCH_FIELD, TEXT_FIELDS, chosen_letter,
                             download, offered)
from tests.test_web_follow_up import follow  # noqa: F401 (a fixture)

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def sentinel() -> str:
    """A fresh marker no file, log or module can already hold."""
    return "Sentinel" + uuid.uuid4().hex[:12]


def typed(marker: str) -> dict[str, str]:
    """The marker in every free-text answer, the e-mail address included (the company
    search gets it too, in ``visit_everything``)."""
    return {name: f"{marker} {ANSWERS.get(name, '')}".strip() for name in TEXT_FIELDS
            if name != "email"} | {"email": f"{marker.lower()}@example.org"}


def visit_everything(walk, follow, marker: str) -> list:
    """Every page, error and file a person can reach with the marker in what they type."""
    answers = typed(marker)
    pages = [walk(lang=lang, **answers) for lang in ("en", "de")]
    result = pages[0]
    batch = walk(company=["meta", "google"], **answers)
    follow_ups = [follow(follow_up=kind, **answers) for kind in ("reminder", "complaint")]
    pages += [result.submit("Deutsch"), result.submit("Change your answers"), batch,
              *follow_ups, walk(until="company").submit("Search", **{SEARCH_FIELD: marker}),
              walk(until="check", **{**answers, "email": marker}),  # refused answers
              follow(until="sent").submit(**{name: marker for name in OTHER_TEXT_FIELDS})]
    responses = [page.response for page in pages]
    for page in (result, batch, *follow_ups):
        responses += [download(page, name, letter_for=chosen_letter(page))
                      for name in offered(page)]
    slow = walk(**{**answers, "reason": f"{marker}\n{SLOW_REASON}"[:len(SLOW_REASON)]})
    config = result.client.application.config
    config["RENDER_TIMEOUT"] = 0.2  # a cut-off render (only the letter: pages may be slow too)
    responses.append(download(slow, "letter.pdf"))
    config["RENDER_TIMEOUT"] = 10
    return pages, responses


def test_nothing_typed_reaches_a_log_a_cookie_a_url_or_a_written_file(app, walk, follow,
                                                                      audit, caplog):
    marker = sentinel()
    with caplog.at_level(logging.DEBUG), audit:
        pages, responses = visit_everything(walk, follow, marker)
    statuses = sorted({response.status_code for response in responses})
    assert statuses == [200, 503]
    pages_shown = [r for r in responses if r.status_code == 200 and r.mimetype == "text/html"]
    assert all(marker in response.get_data(as_text=True) for response in pages_shown)
    calendars = [r for r in responses if r.mimetype == "text/calendar"]
    assert calendars and not [r for r in calendars if marker.encode() in r.data]

    logged = [record.getMessage() + repr(record.args) + str(record.exc_info)
              for record in caplog.records]
    assert not [line for line in logged if marker.lower() in line.lower()]

    urls = [url for page in pages for url in page.history]
    urls += [response.headers.get("Location", "") for response in responses]
    headers = [str(response.headers) for response in responses]
    assert not [text for text in urls + headers if marker.lower() in text.lower()]

    cookies = list(pages[0].client._cookies.values())
    assert [cookie.key for cookie in cookies] == ["session"]
    session = app.session_interface.get_signing_serializer(app).loads(cookies[0].value)
    assert set(session) == {"csrf_token"} and marker not in cookies[0].value

    written = [args for event, args in audit.events if event == "open"
               and (isinstance(args[1], str) and set(args[1]) & set("wax+")
                    or isinstance(args[2], int) and args[2] & WRITE_FLAGS)]
    assert written == []


def test_weasyprints_messages_quote_nothing_from_the_document(records, caplog):
    marker = sentinel()
    # 中 has no glyph in the fonts of a bare machine: WeasyPrint warns, quoting it.
    writer = Person.from_input(name=f"{marker} 中文", email="erika@example.org",
                               account="x")
    letter = compose_letter(records, country="DE", company="meta",
                            request="object-ai-training", person=writer, language="en")
    html = document(letter_html(letter), language="en", title=letter.subject)
    with caplog.at_level(logging.DEBUG, logger="weasyprint"):
        render_pdf(html + f'<img src="{marker}.png">')
    weasyprint = [record for record in caplog.records if record.name.startswith("weasyprint")]
    assert weasyprint  # it did speak: about the image at least
    for record in weasyprint:
        assert record.args is None and record.exc_info is None
        assert marker not in record.getMessage() and "中" not in record.getMessage()
    assert logging.getLogger("weasyprint").level == logging.ERROR


def test_nothing_typed_stays_in_memory_once_the_response_is_sent(app, walk, follow):
    marker = sentinel()
    pages, responses = visit_everything(walk, follow, marker)
    del pages, responses
    gc.collect()
    assert holders_of(marker, [app, *sys.modules.values()]) == []


def holders_of(marker: str, roots: list) -> list[str]:
    """Types of the objects that hold a string containing ``marker``, among everything the
    roots refer to, directly or not: module globals, caches, the app and its templates."""
    holders, seen = [], set()
    stack = [(root, "root") for root in roots]
    while stack:
        found, holder = stack.pop()
        if id(found) in seen:
            continue
        seen.add(id(found))
        if isinstance(found, (str, bytes)):
            text = found if isinstance(found, str) else found.decode("latin-1")
            if marker in text and found is not marker:
                holders.append(holder)
            continue
        stack.extend((referent, type(found).__name__) for referent in gc.get_referents(found))
    return holders


@pytest.mark.parametrize("lang, headings", [
    ("en", ["On the way to objector", "On objector’s server", "In your browser",
            "When you send your letter"]),
    ("de", ["Auf dem Weg zu objector", "Auf dem Server von objector", "In Ihrem Browser",
            "Wenn Sie Ihren Brief senden"]),
])
def test_the_privacy_page_tells_people_in_their_language_what_happens(client, lang,
                                                                      headings):
    page = BeautifulSoup(client.get(f"/{lang}/privacy").get_data(as_text=True),
                         "html.parser")
    assert [h2.get_text() for h2 in page.find_all("h2")] == headings
    assert len(page.find_all("li")) >= 10


#: What the privacy page says the log records, for each field of gunicorn's access log.
LOGGED = {"t": "the time", "m": "the kind of request", "U": "the page address",
          "s": "the result", "B": "its size", "M": "how long it took",
          "p": "which server process answered"}


def test_the_privacy_page_names_exactly_what_the_access_log_records(client, monkeypatch):
    from tests.test_hardening import gunicorn_settings
    log_format = gunicorn_settings(monkeypatch)["access_log_format"]
    atoms = {part.split(")")[0] for part in log_format.split("%(")[1:]}
    assert atoms == set(LOGGED)
    text = " ".join(client.get("/en/privacy").get_data(as_text=True).split())
    for said in LOGGED.values():
        assert said in text
