"""PDF printing with WeasyPrint, reaching nothing beyond the package's own assets.

One font configuration and one parsed copy of each stylesheet serve every render in a
process (building them per call costs time and memory); ``letters.warmup`` loads them and
the fonts before a server forks its workers.
"""
from __future__ import annotations

import functools
import importlib.resources
import logging
import mimetypes
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from letters.compose import Letter
from letters.render.html import letter_document

STATIC = Path(str(importlib.resources.files("letters") / "static"))
ASSET_SCHEME = "objector-asset"

# WeasyPrint's warnings can quote the document (names, addresses): keep them out of logs.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class RefusedURL(ValueError):
    """A document asked for something outside the package's assets."""


class PackageFetcher(URLFetcher):
    """Serves ``objector-asset:NAME`` from letters/static; refuses every other URL.

    No file, http(s), ftp or data URL is ever opened and no redirect followed, whatever
    the HTML or CSS asks for (see WeasyPrint advisories GHSA-983w-rhvv-gwmv and
    CVE-2026-55073: default fetchers were the way in).
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={ASSET_SCHEME}, allow_redirects=False,
                         fail_on_errors=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme, _, name = url.partition(":")
        if scheme.lower() != ASSET_SCHEME:
            raise RefusedURL("only packaged assets may be loaded")
        path = (STATIC / name.lstrip("/")).resolve()
        if STATIC.resolve() not in path.parents or not path.is_file():
            raise RefusedURL("no such packaged asset")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(),
                                  headers={"Content-Type": content_type})


FETCHER = PackageFetcher()


@functools.cache
def font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def stylesheet(name: str) -> CSS:
    return CSS(string=(STATIC / name).read_text(encoding="utf-8"), url_fetcher=FETCHER,
               font_config=font_config())


def render_pdf(html: str) -> bytes:
    """Print a whole HTML document (see ``letters.render.html.document``) to PDF bytes.

    Page numbers and margins follow each letter or guide in the document: their language
    and direction come from the HTML, the geometry from page.css.
    """
    document = HTML(string=html, base_url=None, url_fetcher=FETCHER)
    return document.write_pdf(
        stylesheets=[stylesheet("letter.css"), stylesheet("page.css")],
        font_config=font_config(),
        presentational_hints=False,
        pdf_variant="pdf/ua-1",
    )


def letter_pdf(letter: Letter) -> bytes:
    """A letter as the PDF people print and sign; a bilingual one with both halves."""
    return render_pdf(letter_document(letter))
