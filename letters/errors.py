"""Errors a user can cause, with messages that translate into the user's language."""
from __future__ import annotations

from letters.i18n import translations


class LetterError(ValueError):
    """Bad input from a person: carries an untranslated message and its parameters."""

    def __init__(self, message: str, field: str | None = None, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field
        self.params = params

    def translated(self, language: str) -> str:
        text = translations(language).gettext(self.message)
        return text % self.params if self.params else text


class UnknownRecord(LetterError):
    """A country, company or request kind that objector does not know."""


class NotOffered(LetterError):
    """What objector cannot offer where the person lives: a request the law there does not
    grant, or a company that names no contact for people there.

    A ``request`` parameter is the kind's untranslated title; it is shown in the message's
    language.
    """

    def translated(self, language: str) -> str:
        catalog = translations(language)
        params = dict(self.params)
        if "request" in params:
            params["request"] = catalog.gettext(str(params["request"]))
        return catalog.gettext(self.message) % params


class NotPossible(LetterError):
    """A follow-up that cannot be written, or not yet: no authority to complain to, or a
    deadline that has not passed."""


class InvalidInput(LetterError):
    """A field of the person's details that cannot go into a letter."""


class InvalidSource(LetterError):
    """A folder given to an importer that holds no records it can read."""


class RecordInvalid(Exception):
    """A data record that breaks its schema or points at something missing: a bug, not input."""
