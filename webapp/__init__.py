"""objector's web interface: turns HTTP into calls of the ``letters`` core.

Nothing a person types is stored: every answer travels in the body of the next POST, and
every page or file is made from that request alone.
"""
from __future__ import annotations

import os
import secrets
from typing import Any, Mapping

from flask import Flask

from webapp import errors, flow, language, pages, security


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("OBJECTOR_SECRET_KEY") or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=64 * 1024,
        MAX_FORM_MEMORY_SIZE=64 * 1024,
        MAX_FORM_PARTS=100,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("OBJECTOR_HTTPS", "") == "1",
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
