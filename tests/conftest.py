"""Fixtures: the app, a test client that fills in and submits forms like a browser, records
(objector's own, with fixture companies, or with a community overlay), and helpers that read
PDFs back."""
from __future__ import annotations

import functools
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from hypothesis import settings
from pypdf import PdfReader

from letters import Person, community, records as records_module
from webapp import create_app

SENT_ON = date(2026, 11, 26)

# Hypothesis keeps no example database: the tests write no files into the working copy.
settings.register_profile("objector", database=None, deadline=None, print_blob=True)
settings.load_profile("objector")

# Where the reference copy of the Datenanfragen database is: $OBJECTOR_DATENANFRAGEN, or
# shared/reference/datenanfragen beside the checkout (or beside a folder above it).
DATENANFRAGEN = next(
    (Path(path) for path in [*filter(None, [os.environ.get("OBJECTOR_DATENANFRAGEN")]),
                       *(Path(folder) / "shared" / "reference" / "datenanfragen"
                         for folder in Path(__file__).resolve().parents[1:])]
     if Path(path, "companies").is_dir()), None)

# Whatever overlay the machine running the tests has imported stays out of them.
os.environ[community.ENVIRONMENT] = os.path.join(tempfile.gettempdir(),
                                                 f"objector-tests-{os.getpid()}-no-overlay")


@pytest.fixture(scope="session")
def records():
    return records_module.load()


@pytest.fixture
def app():
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def person():
    return Person.from_input(name="Erika Mustermann", email="erika@example.org",
                             address="Musterstraße 1\n10115 Berlin", place="Berlin",
                             account="erika.mustermann")


# -- records made for a test ---------------------------------------------------------------
def fixture_company(slug: str, name: str, brands=(), aliases=(), user_accounts=True,
                    europe: str | None = None, email: str | None = None) -> dict:
    """A made-up company (example.org addresses) with a controller for everywhere and, if
    ``europe`` names one, another for the EEA."""
    sourced = {"sources": [f"https://{slug}.example.org/privacy"], "verified": SENT_ON}
    controllers = [{"name": name, "serves": ["*"], "country": "US",
                    "address": ["1 Example Way", "Springfield, EX 00000", "United States"],
                    **({"email": email} if email else {}), **sourced}]
    if europe:
        controllers.insert(0, {"name": europe, "serves": ["EEA"], "country": "NL",
                               "address": ["Voorbeeldstraat 1", "1000 AA Amsterdam",
                                           "Netherlands"],
                               "email": f"privacy@eu.{slug}.example.org", **sourced})
    return {"id": slug, "name": name, "brands": list(brands), "aliases": list(aliases),
            "user_accounts": user_accounts, "controllers": controllers, **sourced}


FIXTURE_COMPANIES = [
    fixture_company("bildwerk", "Bildwerk", brands=["Pixelgarten", "Bildwerk Studio"],
                    europe="Bildwerk Europe B.V."),
    fixture_company("datenhaus", "Datenhaus Brokers", aliases=["Datenhaus Holding"],
                    user_accounts=False, email="optout@datenhaus.example.org"),
]


def data_with(tmp_path: Path, *companies: dict) -> Path:
    """A copy of objector's records with ``companies`` added."""
    target = tmp_path / "data"
    shutil.copytree(records_module.DATA_DIR, target)
    for company in companies:
        (target / "companies" / f"{company['id']}.yaml").write_text(
            yaml.safe_dump(company, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def _with_fixture_companies(tmp_path_factory):
    return records_module.load_from(data_with(tmp_path_factory.mktemp("fixture"),
                                              *FIXTURE_COMPANIES))


@pytest.fixture
def fixture_records(_with_fixture_companies, monkeypatch):
    """objector's records plus FIXTURE_COMPANIES, for the app and the core alike."""
    monkeypatch.setattr(records_module, "load", functools.cache(lambda: _with_fixture_companies))
    return _with_fixture_companies


def copy_datenanfragen(target: Path, *slugs: str) -> Path:
    """A folder laid out like a checkout of datenanfragen/data, with a few real records."""
    if DATENANFRAGEN is None:
        pytest.skip("no copy of the Datenanfragen database: set OBJECTOR_DATENANFRAGEN")
    (target / "companies").mkdir(parents=True)
    for slug in slugs:
        shutil.copy(DATENANFRAGEN / "companies" / f"{slug}.json", target / "companies")
    return target


#: Real Datenanfragen records: everywhere ("all"), a few countries, only Germany; and
#: Facebook's, which objector's own Meta record stands for.
IMPORTED = ("deutsche-bahn", "1und1", "zalando", "23andme", "facebook")


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    """A community overlay with the IMPORTED records, seen by the core, the app and the CLI."""
    from letters.datenanfragen import import_database
    folder = tmp_path / "overlay"
    monkeypatch.setenv(community.ENVIRONMENT, str(folder))
    summary = import_database(copy_datenanfragen(tmp_path / "checkout", *IMPORTED), folder)
    records_module.load.cache_clear()
    yield summary
    records_module.load.cache_clear()


# -- a browser-like client -------------------------------------------------------------------
@dataclass
class Page:
    """A response, parsed, whose forms can be filled in and submitted by their buttons."""

    client: object
    response: object
    history: list = field(default_factory=list)

    @property
    def status(self) -> int:
        return self.response.status_code

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.response.get_data(as_text=True), "html.parser")

    @property
    def title(self) -> str:
        return " ".join(self.soup.title.get_text().split())

    @property
    def h1(self) -> str:
        return " ".join(self.soup.h1.get_text().split())

    def text(self) -> str:
        return " ".join(self.soup.get_text(" ").split())

    def errors(self) -> list[str]:
        summary = self.soup.select(".error-summary li a")
        return [" ".join(a.get_text().split()) for a in summary]

    def field_error(self, name: str) -> str:
        element = self.soup.find(id=f"{name}-error")
        return " ".join(element.get_text().split()) if element else ""

    def value(self, name: str) -> str:
        element = self.soup.find(attrs={"name": name})
        if element is None:
            return ""
        if element.name == "textarea":
            return element.get_text()
        if element.name == "select":
            chosen = element.find("option", selected=True)
            return chosen["value"] if chosen else ""
        if element.get("type") == "radio":
            checked = self.soup.find("input", attrs={"name": name, "checked": True})
            return checked["value"] if checked else ""
        return element.get("value", "")

    def form_values(self, form) -> list[tuple[str, str]]:
        values = []
        for element in self.soup.find_all(["input", "textarea", "select"]):
            owner = element.get("form")
            if element.find_parent("form") is not form and owner != form.get("id"):
                continue
            name = element.get("name")
            if not name:
                continue
            kind = element.get("type", "text")
            if element.name == "textarea":
                values.append((name, element.get_text()))
            elif element.name == "select":
                chosen = element.find("option", selected=True)
                values.append((name, chosen["value"] if chosen else ""))
            elif kind in ("radio", "checkbox"):
                if element.has_attr("checked"):
                    values.append((name, element.get("value", "on")))
            elif kind not in ("submit", "button"):
                values.append((name, element.get("value", "")))
        return values

    def values(self, name: str) -> list[str]:
        """Every value a field of this name would send: checked boxes, hidden fields."""
        form = self.soup.find("form", id="flow")
        return [value for field, value in self.form_values(form) if field == name]

    def submit(self, button: str | None = None, form_id: str = "flow", *,
               button_value: str | None = None, **fields):
        """Fill ``fields`` (a list for several values) and press the button whose text
        contains ``button`` (and whose value is ``button_value``, when given)."""
        form = self.soup.find("form", id=form_id)
        assert form is not None, "no form on this page"
        values: dict[str, list[str]] = {}
        for name, value in self.form_values(form):
            values.setdefault(name, []).append(value)
        values.update({name: value if isinstance(value, list) else [value]
                       for name, value in fields.items()})
        buttons = [b for b in self.soup.find_all("button")
                   if b.find_parent("form") is form or b.get("form") == form.get("id")]
        if button is None:
            chosen = next(b for b in buttons if b.get("value") == "continue")
        else:
            matches = [b for b in buttons
                       if button.lower() in " ".join(b.get_text().split()).lower()
                       and button_value in (None, b.get("value"))]
            assert matches, f"no button {button!r} among {[b.get_text(strip=True) for b in buttons]}"
            chosen = matches[0]
        if chosen.get("name"):
            values[chosen["name"]] = [chosen.get("value", "")]
        action = chosen.get("formaction") or form.get("action")
        response = self.client.post(action, data=values)
        return Page(self.client, response, self.history + [action])

    def follow(self, link_text: str):
        link = next(a for a in self.soup.find_all("a") if link_text in a.get_text())
        return Page(self.client, self.client.get(link["href"]), self.history + [link["href"]])


@pytest.fixture
def browser(client):
    def open_page(url: str) -> Page:
        return Page(client, client.get(url), [url])
    return open_page


ANSWERS = {"name": "Erika Mustermann", "email": "erika@example.org",
           "address": "Musterstraße 1\n10115 Berlin", "place": "Berlin",
           "account": "erika.mustermann", "reason": "Ich arbeite als Journalistin."}


#: The state or province a walk picks where the country's form asks for one.
REGIONS = {"DE": "DE-BE", "US": "US-CA", "CA": "CA-ON"}


def answer_pages(page, pages, until="result"):
    """Answer each question page in turn and submit it; return the page that asks ``until``
    (or the result). The region page counts only where the form shows one."""
    for name, fields in pages:
        if name == until:
            return page
        if name == "region" and page.soup.find("select", attrs={"name": "region"}) is None:
            continue
        page = page.submit(**fields)
    return page


@pytest.fixture
def walk(browser):
    """Walk the flow to the result page (or to ``until``) with the given answers; where the
    form asks for a state or province, ``region`` (or the country's entry in REGIONS); the
    letter's language is left as the page suggests unless ``letter`` names one."""
    def go(lang="en", country="DE", company="meta", request="object-ai-training",
           until="result", region=None, letter=None, bilingual=False, **details):
        choice = {"letter_language": letter} if letter else {}
        return answer_pages(browser(f"/{lang}/request"), [
            ("country", {"country": country}),
            ("region", {"region": region or REGIONS.get(country, "")}),
            ("company", {"company": company}), ("request", {"request": request}),
            ("details", {**ANSWERS, **details}),
            ("language", {**choice, **({"bilingual": "yes"} if bilingual else {})}),
            ("check", {})], until)
    return go


# -- reading PDFs back ------------------------------------------------------------------------
def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_words(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


def pdf_fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get("/BaseFont"))))
    return fonts


@dataclass(frozen=True)
class Word:
    text: str      # as drawn, left to right: Arabic words come out reversed
    x_min: float
    x_max: float


@dataclass(frozen=True)
class Line:
    """A printed line, in points from the page's left edge (poppler's pdftotext -bbox)."""

    page: int
    x_min: float
    x_max: float
    y: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def pdf_lines(data: bytes) -> list[Line]:
    """Every line with its position, as poppler lays the page out."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=data,
                            capture_output=True, check=True).stdout.decode()
    lines = []
    for number, page in enumerate(BeautifulSoup(layout, "html.parser").find_all("page"), 1):
        for line in page.find_all("line"):
            words = tuple(Word(w.get_text(), float(w["xmin"]), float(w["xmax"]))
                          for w in line.find_all("word"))
            lines.append(Line(number, float(line["xmin"]), float(line["xmax"]),
                              float(line["ymin"]), words))
    return lines


# -- glyphs in the embedded fonts -------------------------------------------------------------
def embedded_fonts(data: bytes) -> dict[str, tuple[TTFont, dict[int, str]]]:
    """Each embedded font program, read by fontTools, with the text its glyphs stand for."""
    fonts = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            if name in fonts or "/DescendantFonts" not in font:
                continue
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = next(descriptor.get_object()[key] for key in
                           ("/FontFile2", "/FontFile3", "/FontFile")
                           if key in descriptor.get_object())
            program = TTFont(io.BytesIO(program.get_object().get_data()))
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            drawn = {int(glyph, 16): bytes.fromhex(text).decode("utf-16-be")
                     for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S)
                     for glyph, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>",
                                                   block)}
            fonts[name] = (program, drawn)
    return fonts


def has_outline(font: TTFont, glyph_id: int) -> bool:
    """A real glyph: not .notdef, inside the font, and with something to draw."""
    if glyph_id == 0 or glyph_id >= font["maxp"].numGlyphs:
        return False
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getGlyphName(glyph_id)].draw(pen)
    return pen.bounds is not None


def missing_glyphs(data: bytes, text: str) -> set[str]:
    """Characters of ``text`` that no embedded font draws with a real glyph.

    A character counts when an embedded font's cmap maps it to a real glyph, or, for
    letters that shaping replaced (Arabic joining forms, Devanagari conjuncts, which a
    subset font's cmap no longer lists), when a real glyph drawn in the PDF stands for it.
    Missing glyphs show as empty boxes although text extraction still returns them.
    """
    fonts = embedded_fonts(data).values()
    missing = set()
    for char in set(text) - set(" \n"):
        if not any(
                (ord(char) in (font.getBestCmap() or {})
                 and has_outline(font, font.getGlyphID(font.getBestCmap()[ord(char)])))
                or any(char in meaning and has_outline(font, glyph)
                       for glyph, meaning in drawn.items())
                for font, drawn in fonts):
            missing.add(char)
    return missing


def poppler_text(data: bytes) -> str:
    """The PDF's text as poppler reads it, which keeps characters from every Unicode plane;
    the bidi marks poppler adds around right-to-left runs are left out."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True).stdout.decode("utf-8")
    return "".join(char for char in text if char not in "\u202a\u202b\u202c\u202d\u202e")


# -- instruments for what must not happen -----------------------------------------------------
class Listener:
    """A real TCP server on 127.0.0.1 that counts every connection made to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def listener():
    found = Listener()
    yield found
    found.close()


class AuditLog:
    """What the Python runtime reports (PEP 578 audit events) while recording: every
    socket connection, host name lookup, opened file and started process."""

    EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "open",
              "subprocess.Popen", "os.system", "urllib.Request")

    def __init__(self) -> None:
        self.recording = False
        self.events: list[tuple[str, tuple]] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple) -> None:
        if self.recording and event in self.EVENTS:
            self.events.append((event, args))

    def __enter__(self) -> "AuditLog":
        self.events.clear()
        self.recording = True
        return self

    def __exit__(self, *exc) -> None:
        self.recording = False

    def network(self) -> list[tuple[str, tuple]]:
        return [event for event in self.events if event[0].startswith(("socket.", "urllib."))]

    def opened(self) -> list[str]:
        return [str(args[0]) for event, args in self.events if event == "open"]

    def processes(self) -> list[tuple[str, tuple]]:
        return [event for event in self.events if event[0] in ("subprocess.Popen", "os.system")]


@pytest.fixture(scope="session")
def audit():
    # An audit hook cannot be removed; one for the whole session, recording only when asked.
    return AuditLog()
