"""The person who sends a letter: their details, checked and normalised once for every output."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields

from email_validator import EmailNotValidError, validate_email

from letters.errors import InvalidInput
from letters.i18n import N_, NP_

# Bidirectional embedding, override and isolate controls: they can reorder what a reader
# sees ("Trojan Source") and have no place in a name or an e-mail address.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Longest accepted value per field, in characters, after normalisation.
LIMITS = {"name": 200, "email": 254, "address": 500, "place": 100, "account": 300,
          "reason": 4000}
MAX_ADDRESS_LINES = 8
MULTILINE = frozenset({"address", "reason"})

TOO_LONG = {
    "name": NP_("Your name must be %(max)s character or fewer.",
                "Your name must be %(max)s characters or fewer.", "max"),
    "email": NP_("Your e-mail address must be %(max)s character or fewer.",
                 "Your e-mail address must be %(max)s characters or fewer.", "max"),
    "address": NP_("Your postal address must be %(max)s character or fewer.",
                   "Your postal address must be %(max)s characters or fewer.", "max"),
    "place": NP_("The town or city must be %(max)s character or fewer.",
                 "The town or city must be %(max)s characters or fewer.", "max"),
    "account": NP_("Your account name or profile link must be %(max)s character or fewer.",
                   "Your account name or profile link must be %(max)s characters or fewer.",
                   "max"),
    "reason": NP_("Your reasons must be %(max)s character or fewer.",
                  "Your reasons must be %(max)s characters or fewer.", "max"),
}
HIDDEN_CHARACTERS = {
    "name": N_("Your name contains invisible control characters: type it again."),
    "email": N_("Your e-mail address contains invisible control characters: type it again."),
    "address": N_("Your postal address contains invisible control characters: type it again."),
    "place": N_("The town or city contains invisible control characters: type it again."),
    "account": N_("Your account name contains invisible control characters: type it again."),
    "reason": N_("Your reasons contain invisible control characters: type them again."),
}


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    address: str = ""
    place: str = ""
    account: str = ""
    reason: str = ""

    @classmethod
    def from_input(cls, **values: str | None) -> "Person":
        """Normalise and check raw input; the first problem raises ``InvalidInput``."""
        cleaned = {f.name: clean(f.name, values.get(f.name)) for f in fields(cls)}
        if not cleaned["name"]:
            raise InvalidInput(N_("Enter your full name."), field="name")
        cleaned["email"] = checked_email(cleaned["email"])
        if cleaned["address"].count("\n") >= MAX_ADDRESS_LINES:
            raise InvalidInput(NP_("Your postal address must fit on %(max)s line.",
                                   "Your postal address must fit on %(max)s lines.", "max"),
                               field="address", max=MAX_ADDRESS_LINES)
        return cls(**cleaned)

    @property
    def address_lines(self) -> tuple[str, ...]:
        return tuple(line for line in self.address.split("\n") if line.strip())


def clean(field: str, value: str | None) -> str:
    """NFC, no stray white space or control characters, within the field's length limit.

    Every kind of space (no-break, ideographic, ...) becomes one plain space; text with
    nothing visible in it, such as only zero-width spaces, counts as no text at all.
    """
    text = unicodedata.normalize("NFC", value or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    multiline = field in MULTILINE
    if not multiline:
        text = text.replace("\n", " ")
    if any(_is_control(char) and char != "\n" for char in text) or (
            not multiline and BIDI_CONTROLS & set(text)):
        raise InvalidInput(HIDDEN_CHARACTERS[field], field=field)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    if not any(_is_visible(char) for char in text):
        return ""
    if len(text) > LIMITS[field]:
        raise InvalidInput(TOO_LONG[field], field=field, max=LIMITS[field])
    return text


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in {"Cc", "Cs"} or char in "\u2028\u2029"


def _is_visible(char: str) -> bool:
    """Not a space, line break or format character (zero-width space, joiner, ...)."""
    return unicodedata.category(char) not in {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"}


def checked_email(address: str) -> str:
    if not address:
        raise InvalidInput(N_("Enter your e-mail address."), field="email")
    try:
        result = validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        raise InvalidInput(
            N_("Enter an e-mail address in the correct format, like name@example.com."),
            field="email") from None
    return result.normalized
