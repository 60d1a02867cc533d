"""The interface language: the first part of every URL, the browser's choice at the root."""
from __future__ import annotations

from flask import Flask, g, request
from flask_babel import Babel
from werkzeug.routing import BaseConverter, ValidationError

from letters import bidi
from letters.i18n import language_name, languages, locales_dir, normalize_language, text_direction


class LanguageConverter(BaseConverter):
    """``/de/...``, ``/pt-BR/...``: only languages with a catalog match."""

    regex = r"[a-z]{2,3}(?:[-_][A-Za-z]{2})?"

    def to_python(self, value: str) -> str:
        found = normalize_language(value)
        if found is None or found.replace("_", "-").lower() != value.replace("_", "-").lower():
            raise ValidationError()
        return found

    def to_url(self, value: str) -> str:
        return value.replace("_", "-")


def best_language() -> str:
    """The browser's preferred language among ours (``de-AT`` means ``de``), else English."""
    for tag, _quality in request.accept_languages:
        found = normalize_language(tag)
        if found:
            return found
    return languages()[0]


def current_language() -> str:
    """The language in the URL; for URLs that matched no page, the one they start with."""
    if g.get("lang"):
        return g.lang
    first = request.path.strip("/").split("/")[0]
    if first and normalize_language(first) and first.replace("-", "_") == normalize_language(first):
        return normalize_language(first)
    return best_language()


def init_app(app: Flask) -> None:
    app.url_map.converters["lang"] = LanguageConverter
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # As in letters' own templates: |bidi turns isolates into <bdi>, |isolate puts a value
    # of the other direction (a company's Latin name on an Arabic page) in a <bdi>.
    app.jinja_env.filters.update(
        bidi=bidi.to_markup,
        isolate=lambda value: bidi.bdi(str(value), text_direction(current_language())))
    Babel(app, locale_selector=current_language,
          default_translation_directories=str(locales_dir()))

    @app.url_value_preprocessor
    def take_language(endpoint: str | None, values: dict | None) -> None:
        if values and "lang" in values:
            g.lang = values.pop("lang")

    @app.url_defaults
    def keep_language(endpoint: str, values: dict) -> None:
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = current_language()

    @app.context_processor
    def language_context() -> dict:
        lang = current_language()
        return {
            "lang": lang,
            "html_lang": lang.replace("_", "-"),
            "direction": text_direction(lang),
            "other_languages": [(code, language_name(code)) for code in languages()
                                if code != lang],
        }
