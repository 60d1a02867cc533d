"""The PDF engine reaches nothing: not the network, not the server's files, whatever a
document or a person's answers ask for. A real listener on 127.0.0.1 counts connections,
and the runtime's audit events show every socket, host lookup and opened file."""
from __future__ import annotations

import email
import io
import sys
import zipfile
from email import policy
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.urls import URLFetchingError
from werkzeug.datastructures import MultiDict
from wtforms import StringField, TextAreaField

import letters
import webapp
from letters.i18n import locales_dir
from letters.person import LIMITS, clean
from letters.render.pdf import render_pdf
from webapp.answers import STEPS
from webapp.flow import DOWNLOADS
from webapp.forms import FORMS
from tests.conftest import poppler_text
from tests.test_web_follow_up import follow  # noqa: F401 (a fixture)

#: Where a URL can hide in HTML, CSS and SVG; ``{url}`` is the target.
VECTORS = {
    "img": '<img src="{url}" alt="">',
    "stylesheet link": '<link rel="stylesheet" href="{url}">',
    "@import": '<style>@import url("{url}");</style>',
    "@font-face": '<style>@font-face {{ font-family: Hostile; src: url("{url}"); }} '
                  'p {{ font-family: Hostile; }}</style>',
    "background url()": '<style>p {{ background: url("{url}"); }}</style>',
    "@page background": '<style>@page {{ background: url("{url}"); }}</style>',
    "content url()": '<style>p::before {{ content: url("{url}"); }}</style>',
    "list-style-image": '<style>li {{ list-style-image: url("{url}"); }}</style>'
                        '<ul><li>item</li></ul>',
    "@color-profile": '<style>@color-profile --hostile {{ src: url("{url}"); }}</style>',
    "link rel=attachment": '<link rel="attachment" href="{url}">',
    "a rel=attachment": '<a rel="attachment" href="{url}">attached</a>',
    "object": '<object data="{url}" type="image/svg+xml"></object>',
    "embed": '<embed src="{url}" type="image/svg+xml">',
    "iframe": '<iframe src="{url}"></iframe>',
    "svg image": '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
                 '<image href="{url}" width="20" height="20"/></svg>',
    "svg use": '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
               '<use href="{url}#shape"/></svg>',
    "svg style": '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
                 '<style>@import url("{url}");</style><rect width="5" height="5"/></svg>',
    "svg in data url": '<img alt="" src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org'
                       '/2000/svg%22%3E%3Cimage href=%22{url}%22/%3E%3C/svg%3E">',
    "base href": '<base href="{url}/"><img src="relative.png" alt="">',
}

#: Where a fetch could go: this machine's listener, its files, a cloud metadata service.
TARGETS = {
    "loopback": "{listener}/hostile",
    "file": "file:///etc/passwd",
    "metadata service": "http://169.254.169.254/latest/meta-data/",
    "ftp": "ftp://127.0.0.1:{port}/x",
    "asset escape": "objector-asset:../../../../etc/passwd",
    "asset as file": "objector-asset:/etc/passwd",
}


def hostile_document(vector: str, url: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><title>t</title>{vector}</head>'
            f'<body><p>objector</p>{vector}</body></html>').format(url=url)


def allowed_files() -> tuple[str, ...]:
    """objector's own packaged files (templates, stylesheets, catalogs), Python's (modules
    imported on first use) and the system's time zones (for calendar entries)."""
    return (str(Path(letters.__file__).parent), str(Path(webapp.__file__).parent),
            str(locales_dir()), sys.prefix, sys.base_prefix, sys.exec_prefix,
            "/usr/share/zoneinfo/")


def assert_nothing_reached(listener, audit, pdf: bytes | None) -> None:
    assert listener.connections == 0
    assert audit.network() == []
    assert audit.processes() == []
    outside = [path for path in audit.opened()
               if not str(Path(path).resolve()).startswith(allowed_files())]
    assert outside == []
    if pdf is None:
        return
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    for page in reader.pages:
        annotations = [a.get_object().get("/Subtype") for a in page.get("/Annots") or []]
        assert "/FileAttachment" not in annotations
    assert "root:x:0:0" not in poppler_text(pdf)


@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
@pytest.mark.parametrize("vector", VECTORS.values(), ids=VECTORS.keys())
def test_no_markup_makes_the_pdf_engine_fetch_anything(listener, audit, vector, target):
    url = target.format(listener=listener.url, port=listener.port)
    with audit:
        try:
            pdf = render_pdf(hostile_document(vector, url))
        except URLFetchingError:  # a refused @color-profile ends the render: also fine
            pdf = None
    assert_nothing_reached(listener, audit, pdf)
    if pdf is None:
        assert "@color-profile" in vector
    else:
        assert "objector" in poppler_text(pdf)


def test_the_instruments_notice_a_fetch(listener, audit):
    """WeasyPrint's own default fetcher does connect: the listener and audit log see it."""
    with audit:
        HTML(string=hostile_document(VECTORS["img"], listener.url + "/x.png")).write_pdf()
    assert listener.connections >= 1
    assert any(event == "socket.connect" for event, _ in audit.network())


# -- every field of the web form ------------------------------------------------------------
#: Free text typed anywhere in the flow: every StringField or TextAreaField of every question.
FREE_TEXT = tuple(
    name for step, form in FORMS.items() for name in STEPS[step]
    if issubclass(getattr(form, name).field_class, (StringField, TextAreaField)))
#: Of those, the person's details, which go into letters under the rules of letters.person.
TEXT_FIELDS = tuple(name for name in FREE_TEXT if name in LIMITS)
#: The rest: the day a letter was sent, asked before a reminder or a complaint.
OTHER_TEXT_FIELDS = tuple(name for name in FREE_TEXT if name not in LIMITS)
#: Free text that is not an answer: the company question's search.
SEARCH_FIELD = "company_search"

#: The ways to a letter: a request to one company (the result page) or to several (the
#: batch page and a zip), and after a letter was sent, a reminder or a complaint.
JOURNEYS = {"one company": {"company": ["meta"]},
            "two companies": {"company": ["meta", "google"]},
            "reminder": {"follow_up": "reminder"}, "complaint": {"follow_up": "complaint"}}


@pytest.fixture
def reach(walk, follow):
    """The page at the end of a journey, with these details."""
    def go(journey: str, **details):
        way = JOURNEYS[journey]
        if "follow_up" in way:
            return follow(follow_up=way["follow_up"], **details)
        return walk(company=way["company"], **details)
    return go


def offered(page) -> list[str]:
    """The downloads a page's buttons offer."""
    names = [button["formaction"].rsplit("/download/", 1)[1]
             for button in page.soup.find_all("button", formaction=True)
             if "/download/" in button["formaction"]]
    return list(dict.fromkeys(names))


def chosen_letter(page) -> str | None:
    """On the page of several letters, the last company's; else none."""
    companies = page.values("company")
    return companies[-1] if len(companies) > 1 else None


SSRF_ANSWERS = {
    "img": '<img src="{listener}/img.png">',
    "file": "file:///etc/passwd",
    "metadata": "http://169.254.169.254/latest/meta-data/iam/",
    "css url()": "<style>body{{background:url({listener}/bg.png)}}</style>",
    "import": '@import url("{listener}/x.css");',
    "attachment": '<link rel=attachment href="file:///etc/passwd">',
    "svg": '<svg><image href="{listener}/svg.png"/></svg>',
}
#: Every payload on the way to one company; three of them on the other journeys.
SSRF_CASES = [(payload, "one company") for payload in SSRF_ANSWERS] + [
    (payload, journey) for journey in JOURNEYS if journey != "one company"
    for payload in ("img", "css url()", "attachment")]


def fill(payload: str, **fixed: str) -> dict[str, str]:
    """Every detail with the payload, except those a valid letter needs fixed."""
    return {**{name: payload for name in TEXT_FIELDS}, **fixed}


def pdfs_in(response) -> list[bytes]:
    """The PDFs a download holds: itself, the one attached to an e-mail, those in a zip."""
    if response.mimetype == "application/pdf":
        return [response.data]
    if response.mimetype == "message/rfc822":
        message = email.message_from_bytes(response.data, policy=policy.default)
        return [part.get_content() for part in message.iter_attachments()]
    if response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
            return [archive.read(name) for name in archive.namelist()]
    return []


@pytest.mark.parametrize("payload, journey", SSRF_CASES,
                         ids=[f"{payload}-{journey}" for payload, journey in SSRF_CASES])
def test_answers_that_ask_for_urls_stay_text_in_every_page_and_file(reach, listener, audit,
                                                                    payload, journey):
    payload = SSRF_ANSWERS[payload].format(listener=listener.url)
    with audit:
        page = reach(journey, **fill(payload, email="erika@example.org"))
        assert page.status == 200, page.errors()
        files = {name: download(page, name, letter_for=chosen_letter(page))
                 for name in offered(page)}
    assert listener.connections == 0 and audit.network() == []
    expected = "".join(clean("name", payload).split())
    assert expected in "".join(page.soup.find("main").get_text().split())
    letters = []
    for name, response in files.items():
        assert response.status_code == 200, name
        for pdf in pdfs_in(response):
            assert_nothing_reached(listener, audit, pdf)
        letters += [pdf for pdf in pdfs_in(response) if name != "guide.pdf"]
    assert letters
    for pdf in letters:
        assert expected in "".join(poppler_text(pdf).split())


def test_the_journeys_offer_every_download_there_is(reach):
    found = set()
    for journey in JOURNEYS:
        found |= set(offered(reach(journey)))
    assert found == set(DOWNLOADS)


def download(page, name: str, letter_for: str | None = None):
    """POST the page's answers to a download, as its buttons do; ``letter_for`` picks one
    company's letter on the page of several."""
    values = MultiDict(page.form_values(page.soup.find("form", id="flow")))
    if letter_for:
        values["letter_for"] = letter_for
    return page.client.post(f"/{page.soup.html['lang']}/download/{name}", data=values)


@pytest.mark.parametrize("payload", SSRF_ANSWERS.values(), ids=SSRF_ANSWERS.keys())
def test_a_search_for_urls_is_shown_as_typed_and_fetches_nothing(walk, listener, payload):
    payload = payload.format(listener=listener.url)
    page = walk(until="company").submit("Search", **{SEARCH_FIELD: payload})
    assert page.status == 200 and page.value(SEARCH_FIELD) == payload
    assert listener.connections == 0


@pytest.mark.parametrize("payload", SSRF_ANSWERS.values(), ids=SSRF_ANSWERS.keys())
def test_a_url_as_the_email_address_is_explained(walk, listener, payload):
    payload = payload.format(listener=listener.url)
    page = walk(until="check", email=payload)
    assert page.status == 200
    assert "correct format" in page.field_error("email")
    assert listener.connections == 0
