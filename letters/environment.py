"""Jinja environments for letters and guides, one per language and output kind.

Plain-text templates (``*.txt``) compose the words of a letter and are not escaped: their
output only ever becomes text. HTML templates are autoescaped and lay those words out.
"""
from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

from letters.i18n import text_direction, translations


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
    env.globals.update(language=language, direction=text_direction(language))
    return env
