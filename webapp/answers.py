"""A person's answers as they travel from page to page: only ever in POST bodies."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Iterable

from werkzeug.datastructures import MultiDict

#: Each question page and the answers it asks for. The region page (state or province) is
#: asked only where the records say so.
STEPS: dict[str, tuple[str, ...]] = {
    "country": ("country",),
    "region": ("region",),
    "company": ("company",),
    "request": ("request",),
    "sent": ("sent_day", "sent_month", "sent_year"),
    "next": ("follow_up",),
    "details": ("name", "email", "address", "place", "account", "reason"),
    "language": ("letter_language", "bilingual"),
}
#: Answers that hold several values, one form field each (checkboxes): the companies.
SEVERAL = frozenset({"company"})


@dataclass(frozen=True)
class Answers:
    country: str = ""
    region: str = ""
    #: The ids of the companies to write to, one or more.
    company: tuple[str, ...] = ()
    request: str = ""
    name: str = ""
    email: str = ""
    address: str = ""
    place: str = ""
    account: str = ""
    reason: str = ""
    #: After a request was sent: the day it was sent, as typed, and what to write now.
    sent_day: str = ""
    sent_month: str = ""
    sent_year: str = ""
    follow_up: str = ""
    letter_language: str = ""
    bilingual: str = ""   # "yes" for a bilingual letter

    @classmethod
    def from_form(cls, form: MultiDict) -> "Answers":
        """Raw strings only; they are checked by the forms of their pages."""
        return cls(**{f.name: _several(form.getlist(f.name)) if f.name in SEVERAL
                      else str(form.get(f.name, "")) for f in fields(cls)})

    def replace(self, **changes) -> "Answers":
        changes = {name: _several(value) if name in SEVERAL else value
                   for name, value in changes.items()}
        return Answers(**{**asdict(self), **changes})

    def hidden(self, shown: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """(name, value) of every answer not asked on the current page, for hidden inputs."""
        pairs: list[tuple[str, str]] = []
        for name, value in asdict(self).items():
            if name in shown or not value:
                continue
            pairs += [(name, item) for item in value] if name in SEVERAL else [(name, value)]
        return pairs

    @property
    def sent_on(self) -> date | None:
        """The day the letter was sent, if the three numbers make a date."""
        try:
            return date(int(self.sent_year), int(self.sent_month), int(self.sent_day))
        except ValueError:
            return None

    def of(self, step: str) -> dict[str, str | list[str]]:
        return {name: list(getattr(self, name)) if name in SEVERAL else getattr(self, name)
                for name in STEPS[step]}

    @property
    def residence(self) -> str:
        """Where the person lives as one ISO code: the state or province when they gave one
        of their country's (``US-CA``), else the country (``FR``)."""
        country = self.country.strip().upper()
        region = self.region.strip().upper()
        if region and region.split("-")[0] == country:
            return region
        return country


def _several(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """Non-empty strings, each once, in their order."""
    if isinstance(values, str):
        values = [values]
    return tuple(dict.fromkeys(str(value) for value in values or () if value))
