"""Errors a user can cause, with messages that translate into the user's language."""
from __future__ import annotations

from letters.i18n import SOURCE_LANGUAGE, Plural, translate


class LetterError(ValueError):
    """Bad input from a person: carries an untranslated message and its parameters."""

    def __init__(self, message: str | Plural, field: str | None = None,
                 **params: object) -> None:
        super().__init__(translate(SOURCE_LANGUAGE, message, **params))
        self.message = message
        self.field = field
        self.params = params

    def translated(self, language: str) -> str:
        return translate(language, self.message, **self.params)


class UnknownRecord(LetterError):
    """A country, company or request kind that objector does not know."""


class NotOffered(LetterError):
    """What objector cannot offer where the person lives: a request the law there does not
    grant, or a company that names no contact for people there.

    A ``request`` parameter is the kind's untranslated title; it is shown in the message's
    language.
    """

    def translated(self, language: str) -> str:
        params = dict(self.params)
        if "request" in params:
            params["request"] = translate(language, str(params["request"]))
        return translate(language, self.message, **params)


class NotPossible(LetterError):
    """A follow-up that cannot be written, or not yet: no authority to complain to, or a
    deadline that has not passed."""


class InvalidInput(LetterError):
    """A field of the person's details that cannot go into a letter."""


class InvalidSource(LetterError):
    """A folder given to an importer that holds no records it can read."""


class RecordInvalid(Exception):
    """A data record that breaks its schema or points at something missing: a bug, not input."""
