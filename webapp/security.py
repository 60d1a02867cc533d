"""Headers on every response, and CSRF protection on every POST."""
from __future__ import annotations

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

from webapp import settings

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: Flask-WTF checks the Referer of POSTs made over HTTPS.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

#: Files that are the same for everyone; every other response may hold what someone typed.
SHARED_ENDPOINTS = frozenset({"static", "pages.letter_css"})


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    https = settings.behind_https()

    @app.after_request
    def secure_headers(response: Response) -> Response:
        response.headers.update(HEADERS)
        if https:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.endpoint not in SHARED_ENDPOINTS or response.status_code >= 400:
            # No copy anywhere, not even in the person's own browser or a proxy.
            response.headers["Cache-Control"] = "no-store"
        return response
