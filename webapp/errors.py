"""Error pages in the person's language; never a traceback, never their answers."""
from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from webapp.timelimit import TimeLimitExceeded

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Something in the request was wrong"),
          _l("Go back to the previous page and try again.")),
    404: (_l("Page not found"),
          _l("Check the address, or start again from the home page.")),
    405: (_l("This page cannot be opened like this"),
          _l("Start again from the home page.")),
    413: (_l("What you sent is too long"),
          _l("Shorten your answers and try again.")),
    500: (_l("Sorry, something went wrong on our side"),
          _l("Nothing you typed was kept. Please try again in a moment.")),
    503: (_l("Making your letter took too long"),
          _l("objector stopped so that it can serve others. Nothing you typed was kept. "
             "Very long answers make long letters: go back, shorten them and try again.")),
}

CSRF_TITLE = _l("This form has expired")
#: Flask-WTF's reasons (not shown: they are English and technical) and what to do about each.
CSRF_MESSAGES = {
    "The CSRF session token is missing.": _l(
        "Your browser did not send back objector’s security cookie, which holds only a "
        "random token. Allow cookies for this site, then go back, reload the page and send "
        "it again."),
    "The referrer header is missing.": _l(
        "Your browser did not say which page sent the form. If a browser setting or "
        "extension removes this, allow it for this site, then reload the page and send it "
        "again."),
    "The referrer does not match the host.": _l(
        "For your security the form works only from this site. Go back, reload the page "
        "and send it again."),
}
CSRF_EXPIRED = _l("For your security the form works only from this site and for a limited "
                  "time. Go back, reload the page and send it again.")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = CSRF_MESSAGES.get(error.description, CSRF_EXPIRED)
        return render_template("error.html", title=CSRF_TITLE, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        title, message = MESSAGES.get(error.code or 500, MESSAGES[400])
        return render_template("error.html", title=title, message=message), error.code

    @app.errorhandler(TimeLimitExceeded)
    def too_slow(error: TimeLimitExceeded):
        log.warning("a response was cut off after %s s", app.config["RENDER_TIMEOUT"])
        title, message = MESSAGES[503]
        return render_template("error.html", title=title, message=message), 503

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        # The exception type only: its message or traceback could quote what people typed.
        log.error("unexpected %s", type(error).__name__)
        title, message = MESSAGES[500]
        return render_template("error.html", title=title, message=message), 500
