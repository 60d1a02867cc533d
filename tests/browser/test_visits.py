"""The browser tests visit every page the app can show."""
from __future__ import annotations

from pathlib import Path

import webapp
from tests.browser.visits import VISITS

TEMPLATES = Path(webapp.__file__).parent / "templates"
#: Templates that are parts of pages, not pages (partials start with "_").
PARTS = {"base.html", "macros.html"}


def test_every_page_template_is_visited():
    pages = {path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.html")
             if path.name not in PARTS and not path.name.startswith("_")}
    visited = {visit.template for visit in VISITS}
    assert pages - visited == set(), "add a Visit to tests/browser/visits.py for these pages"
    assert visited - pages == set()


def test_every_visit_has_its_own_name():
    names = [visit.name for visit in VISITS]
    assert len(names) == len(set(names))
