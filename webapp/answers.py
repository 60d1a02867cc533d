"""A person's answers as they travel from page to page: only ever in POST bodies."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Mapping

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
}


@dataclass(frozen=True)
class Answers:
    country: str = ""
    region: str = ""
    company: str = ""
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

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> "Answers":
        """Raw strings only; they are checked by the forms of their pages."""
        return cls(**{f.name: str(form.get(f.name, "")) for f in fields(cls)})

    def replace(self, **changes: str) -> "Answers":
        return Answers(**{**asdict(self), **changes})

    def hidden(self, shown: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """(name, value) of every answer not asked on the current page, for hidden inputs."""
        return [(name, value) for name, value in asdict(self).items()
                if name not in shown and value]

    @property
    def sent_on(self) -> date | None:
        """The day the letter was sent, if the three numbers make a date."""
        try:
            return date(int(self.sent_year), int(self.sent_month), int(self.sent_day))
        except ValueError:
            return None

    def of(self, step: str) -> dict[str, str]:
        return {name: getattr(self, name) for name in STEPS[step]}

    @property
    def residence(self) -> str:
        """Where the person lives as one ISO code: the state or province when they gave one
        of their country's (``US-CA``), else the country (``FR``)."""
        country = self.country.strip().upper()
        region = self.region.strip().upper()
        if region and region.split("-")[0] == country:
            return region
        return country
