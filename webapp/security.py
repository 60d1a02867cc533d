"""Headers on every response, and CSRF protection on every POST."""
from __future__ import annotations

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def init_app(app: Flask) -> None:
    csrf.init_app(app)

    @app.after_request
    def secure_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if request.method == "POST" or response.status_code >= 400:
            # Made from what a person typed: no copy anywhere, not even in their browser.
            response.headers["Cache-Control"] = "no-store"
        return response
