"""objector's web interface: turns HTTP into calls of the ``letters`` core.

Nothing a person types is stored: every answer travels in the body of the next POST, and
every page or file is made from that request alone.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from webapp import errors, flow, language, pages, security, settings
from webapp.timelimit import time_limit

#: The largest request body accepted. The longest valid answers, typed in a script of
#: four-byte characters and percent-encoded (12 bytes per character), take about 64 KiB;
#: this leaves room for more questions and lets a 10,000-character answer get a
#: validation message next to its field instead of a "too long" page.
MAX_REQUEST_BYTES = 256 * 1024


class Objector(Flask):
    """Flask, with every view cut off after ``RENDER_TIMEOUT`` seconds."""

    def dispatch_request(self):
        with time_limit(self.config["RENDER_TIMEOUT"]):
            return super().dispatch_request()


def create_app(config: Mapping[str, Any] | None = None) -> Objector:
    app = Objector(__name__)
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key(),
        RENDER_TIMEOUT=settings.render_timeout(),
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=64 * 1024,
        MAX_FORM_PARTS=100,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.behind_https(),
        WTF_CSRF_TIME_LIMIT=None,
        WTF_I18N_ENABLED=True,
    )
    if config:
        app.config.from_mapping(config)
    language.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(flow.bp)
    return app
