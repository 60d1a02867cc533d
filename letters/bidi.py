"""Text that mixes directions: Arabic letters citing "Art. 21(1)", Latin addresses in them,
Hebrew names in German letters.

The Unicode bidirectional algorithm orders a run of text by its neighbours, so a value
dropped into a sentence of the other direction can reorder itself and the words around it
("21(1)" shows as "(1)21"; "10115 Berlin" as "Berlin 10115"). objector therefore isolates
such values: in plain text with the Unicode isolates FSI ... PDI (only where a value's
direction differs from the text around it), in HTML and PDF with ``<bdi dir="...">``.
The isolates in plain text are objector's own: one-line fields refuse bidi controls.
"""
from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
INITIATORS = {LRI: "ltr", RLI: "rtl", FSI: None}
STRONG = {"L": "ltr", "R": "rtl", "AL": "rtl"}


def first_strong(text: str) -> str | None:
    """``ltr`` or ``rtl`` after the first strong letter outside any isolate, else None."""
    depth = 0
    for char in text:
        if char in INITIATORS:
            depth += 1
        elif char == PDI:
            depth = max(depth - 1, 0)
        elif not depth and (found := STRONG.get(unicodedata.bidirectional(char))):
            return found
    return None


def direction_of(text: str) -> str:
    """The direction a first-strong isolate gives ``text``: left to right without letters."""
    return first_strong(text) or "ltr"


def isolate(value: str, direction: str) -> str:
    """``value`` ready to go into plain text that runs in ``direction``.

    Wrapped in FSI ... PDI when its own direction differs (a Latin e-mail address in an
    Arabic sentence, an Arabic name in a German one), unchanged otherwise.
    """
    if not value or direction_of(value) == direction:
        return value
    return FSI + value + PDI


def isolate_lines(text: str, direction: str) -> str:
    """Each line isolated on its own, for multi-line values such as an address."""
    return "\n".join(isolate(line, direction) for line in text.split("\n"))


def strip_isolates(text: str) -> str:
    """Plain text without isolates, for places that order text themselves."""
    return text.translate({ord(char): None for char in (LRI, RLI, FSI, PDI)})


def to_markup(text: str) -> Markup:
    """Escaped HTML in which every isolate has become a ``<bdi>`` with an explicit ``dir``.

    ``dir`` is always given because WeasyPrint, which prints the same HTML, does not
    resolve ``dir="auto"``. An unmatched PDI is dropped, as the algorithm ignores it; an
    isolate left open ends with the text.
    """
    parts: list[str] = []
    plain_from = index = 0
    while index < len(text):
        char = text[index]
        if char in INITIATORS or char == PDI:
            parts.append(escape(text[plain_from:index]))
            if char == PDI:
                index += 1
            else:
                end = _matching_pdi(text, index + 1)
                inner = text[index + 1:end]
                direction = INITIATORS[char] or direction_of(inner)
                parts.append(Markup('<bdi dir="{}">{}</bdi>').format(direction,
                                                                     to_markup(inner)))
                index = end + 1
            plain_from = index
        else:
            index += 1
    parts.append(escape(text[plain_from:]))
    return Markup("").join(parts)


def _matching_pdi(text: str, start: int) -> int:
    """Where the isolate opened just before ``start`` ends: its PDI, or the end of the text."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] in INITIATORS:
            depth += 1
        elif text[index] == PDI:
            if not depth:
                return index
            depth -= 1
    return len(text)


def bdi(value: str, direction: str) -> Markup:
    """An inserted value as HTML: in a ``<bdi>`` of its own direction where that differs."""
    if not value or direction_of(value) == direction:
        return to_markup(value)
    return Markup('<bdi dir="{}">{}</bdi>').format(direction_of(value), to_markup(value))
