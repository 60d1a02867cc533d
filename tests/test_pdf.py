"""PDFs printed by WeasyPrint, read back: text, fonts, page size, and nothing fetched."""
from __future__ import annotations

import io
import subprocess

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from weasyprint import HTML

from letters import Person, compose_letter
from letters.person import LIMITS, MAX_ADDRESS_LINES
from letters.guides import guide_sheet
from letters.render.html import document, guide_html, letter_html
from letters.render.pdf import PackageFetcher, RefusedURL, render_pdf
from tests.conftest import SENT_ON, pdf_fonts, pdf_words


def letter_pdf(records, person, country="DE", language="de", request="object-ai-training"):
    letter = compose_letter(records, country=country, company="meta", request=request,
                            person=person, language=language, sent_on=SENT_ON)
    return letter, render_pdf(document(letter_html(letter), language=language,
                                       title=letter.subject))


def test_the_german_letter_pdf_says_who_to_whom_under_which_article_by_when(records, person):
    _, pdf = letter_pdf(records, person)
    words = pdf_words(pdf)
    for expected in ["Erika Mustermann", "Musterstraße 1", "erika@example.org",
                     "Meta Platforms Ireland Limited", "Merrion Road", "D04 X2K5",
                     "Berlin, 26. November 2026", "Art. 21 Abs. 1 DSGVO",
                     "26. Dezember 2026", "Mit freundlichen Grüßen", "Seite 1 von"]:
        assert expected in words, expected


def test_the_pdf_is_an_a4_page_with_embedded_fonts_and_metadata(records, person):
    letter, pdf = letter_pdf(records, person, language="en")
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    assert reader.metadata.title == letter.subject
    assert pdf_fonts(pdf) and all("DejaVu" in f or "Noto" in f for f in pdf_fonts(pdf))
    assert "Page 1 of" in pdf_words(pdf)
    assert not reader.attachments


def test_the_us_letter_pdf_cites_no_law(records, person):
    _, pdf = letter_pdf(records, person, country="US", language="en", request="do-not-train")
    words = pdf_words(pdf)
    assert "Meta Platforms, Inc." in words and "1 Meta Way" in words
    assert "GDPR" not in words and "Art." not in words


def test_the_guide_pdf_lists_metas_steps_and_links(records):
    sheet = guide_sheet(records, company="meta", country="DE", language="en")
    pdf = render_pdf(document(guide_html(sheet), language="en", title="Meta"))
    words = pdf_words(pdf)
    assert "Object to Meta using your public Facebook information for AI" in words
    assert "help.instagram.com/contact/767264225370182" in words
    assert "Steps last checked on" in words


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.css", "https://example.org/font.woff", "file:///etc/passwd",
    "ftp://example.org/x", "data:text/css,body{}", "objector-asset:../../../etc/passwd",
    "objector-asset:/etc/passwd", "objector-asset:does-not-exist.css",
])
def test_the_pdf_fetcher_refuses_everything_but_packaged_assets(url):
    with pytest.raises(RefusedURL):
        PackageFetcher().fetch(url)


def test_the_pdf_fetcher_has_no_way_to_open_urls():
    """No urllib handler at all: no file, http, ftp or data opener, no redirect handler."""
    fetcher = PackageFetcher()
    assert fetcher.handlers == [] and not fetcher.handle_open


def test_the_pdf_fetcher_serves_packaged_assets():
    response = PackageFetcher().fetch("objector-asset:letter.css")
    assert b".letter" in response.read()


def test_html_attributes_do_not_style_the_pdf():
    """Presentational hints are off: only objector's stylesheets style a document, so an
    attribute such as ``<font size>`` (or ``<td background>``, a URL) does nothing."""
    html = ('<!DOCTYPE html><html lang="en"><title>t</title>'
            '<p><font size="7">objector</font></p></html>')
    with_hints = HTML(string=html).write_pdf(presentational_hints=True)

    def height(pdf: bytes) -> float:
        _, _, _, top, _, bottom = word_boxes(pdf)[0]
        return bottom - top

    assert height(render_pdf(html)) < height(with_hints) / 2


# -- long words -------------------------------------------------------------------------------
def word_boxes(pdf: bytes) -> list[tuple[float, float, float, float, float, float]]:
    """(page width, page height, x min, y min, x max, y max) of every word, from poppler."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    boxes = []
    for page in BeautifulSoup(html, "html.parser").find_all("page"):
        size = float(page["width"]), float(page["height"])
        for word in page.find_all("word"):
            boxes.append((*size, *(float(word[key]) for key in
                                   ("xmin", "ymin", "xmax", "ymax"))))
    return boxes


LONGEST_EMAIL = "e" * 64 + "@" + ".".join(["d" * 61] * 3) + ".org"
MM = 72 / 25.4


@pytest.mark.parametrize("country, language, kind, letter", [
    ("DE", "de", "object-ai-training", "x"), ("DE", "de", "object-ai-training", "ش"),
    ("US", "en", "do-not-train", "\U0001F600")])
def test_words_as_long_as_a_field_allows_wrap_inside_the_page(records, country, language,
                                                             kind, letter):
    lines = MAX_ADDRESS_LINES
    writer = Person.from_input(
        name=letter * LIMITS["name"], email=LONGEST_EMAIL, place=letter * LIMITS["place"],
        address="\n".join([letter * (LIMITS["address"] // lines - 1)] * lines),
        account=letter * LIMITS["account"], reason=letter * LIMITS["reason"])
    assert len(writer.email) <= LIMITS["email"]
    _, pdf = letter_pdf(records, writer, country=country, language=language, request=kind)
    boxes = word_boxes(pdf)
    assert len(boxes) > 100
    for width, height, x_min, y_min, x_max, y_max in boxes:
        # Inside the page; across, at least 10 mm from either edge: within the margins.
        assert 10 * MM <= x_min <= x_max <= width - 10 * MM, (x_min, x_max)
        assert 0 <= y_min <= y_max <= height, (y_min, y_max)
