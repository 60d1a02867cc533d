"""Jinja environments for letters and guides, one per language and output kind.

Plain-text templates (``*.txt``) compose the words of a letter and are not escaped: their
output only ever becomes text. HTML templates are autoescaped and lay those words out.
Both know the language's direction: ``isolate`` keeps a value of the other direction from
reordering the text around it (FSI ... PDI in text, ``<bdi>`` in HTML), and ``bidi`` turns
the isolates of composed text into ``<bdi>`` elements.
"""
from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

from letters import bidi
from letters.i18n import text_direction, translate, translations


@functools.cache
def environment(language: str, html: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("letters", "templates"),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(language), newstyle=True)
    direction = text_direction(language)
    env.globals.update(language=language, direction=direction,
                       page_label=page_label(language))
    if html:
        env.filters.update(bidi=bidi.to_markup,
                           isolate=lambda value: bidi.bdi(str(value), direction))
    else:
        env.filters.update(isolate=lambda value: bidi.isolate(str(value), direction))
    return env


def page_label(language: str) -> tuple[str, str, str]:
    """The words around the page number and the page count, e.g. ("Seite ", " von ", "").

    page.css puts the page's counters between them, page number first, so translations keep
    that order (tests/test_catalogs.py checks it).
    """
    marker = "\x00"
    label = translate(language, "Page %(page)s of %(pages)s", page=marker, pages=marker)
    before, middle, after = label.split(marker)
    return before, middle, after
