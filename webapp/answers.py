"""A person's answers as they travel from page to page: only ever in POST bodies."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Mapping

#: Each question page and the answers it asks for, in the order people see them.
STEPS: dict[str, tuple[str, ...]] = {
    "country": ("country",),
    "company": ("company",),
    "request": ("request",),
    "details": ("name", "email", "address", "place", "account", "reason"),
    "language": ("letter_language", "bilingual"),
}
PAGES = (*STEPS, "check", "result")


@dataclass(frozen=True)
class Answers:
    country: str = ""
    company: str = ""
    request: str = ""
    name: str = ""
    email: str = ""
    address: str = ""
    place: str = ""
    account: str = ""
    reason: str = ""
    letter_language: str = ""
    bilingual: str = ""   # "yes" for a bilingual letter

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

    def of(self, step: str) -> dict[str, str]:
        return {name: getattr(self, name) for name in STEPS[step]}
