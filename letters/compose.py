"""Composing a letter: the right law, entity and words for one person's request."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

from babel.lists import format_list

from letters.deadlines import due_date, extended_due_date, period_phrase
from letters.environment import environment
from letters.errors import UnknownRecord
from letters.i18n import N_, locale_for, long_date, normalize_language, translate
from letters.model import (
    Addressee, Company, Controller, DeadlineRule, Jurisdiction, Law, RequestKind,
)
from letters.person import Person
from letters.records import Records

if TYPE_CHECKING:
    from letters.follow_ups import FollowUp


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


Block = Paragraph | BulletList


@dataclass(frozen=True)
class Letter:
    """A letter's words and parties; renderers turn it into HTML, PDF, text or e-mail."""

    language: str
    country: str
    jurisdiction: Jurisdiction
    request: RequestKind
    company: Company
    controller: Controller
    sender: Person
    sent_on: date
    deadline: date | None
    extended_deadline: date | None
    subject: str
    salutation: str
    body: tuple[Block, ...]
    closing: str
    cited: tuple[str, ...]
    addressee: Addressee
    deadline_rule: DeadlineRule | None = None
    #: Set on reminders and complaints: the request they follow up (see letters.follow_ups).
    follow_up: FollowUp | None = None

    @property
    def law(self) -> Law:
        return self.jurisdiction.law

    @property
    def kind(self) -> str:
        """What the letter is: its request kind, or ``reminder`` or ``complaint``."""
        return self.follow_up.kind if self.follow_up else self.request.id

    @property
    def file_stem(self) -> str:
        """A file name without personal data, e.g. ``object-ai-training-meta-2026-11-26``."""
        return f"{self.kind}-{self.company.id}-{self.sent_on.isoformat()}"

    @property
    def citations(self) -> tuple[tuple[str, str | None], ...]:
        """Each provision the letter cites, as the letter writes it, with its official title
        in the letter's language where the law record has one."""
        return tuple((self.law.cite(pid, self.language),
                      self.law.provisions[pid].titles.get(self.language)) for pid in self.cited)

    @property
    def claims_law(self) -> bool:
        """False for a request that rests on no law, wherever it is made."""
        spec = self.request.spec_for(self.law)
        return bool(spec and spec.claims_law(self.law))

    @property
    def obligations(self) -> tuple[str, ...]:
        """Plain words (untranslated) on what the law obliges the company to do: the law's,
        then the request's where it adds to them or, for a request that claims no law,
        replaces them."""
        spec = self.request.spec_for(self.law)
        if spec and spec.obligations and not self.claims_law:
            return (spec.obligations,)
        return tuple(filter(None, (self.law.obligations, spec and spec.obligations)))

    def format_date(self, day: date) -> str:
        return long_date(day, self.language, self.country)

    @property
    def date_line(self) -> str:
        when = self.format_date(self.sent_on)
        if not self.sender.place:
            return when
        return translate(self.language, "%(place)s, %(date)s", place=self.sender.place,
                         date=when)

    @property
    def text(self) -> str:
        """The letter as plain text from the salutation to the signature: an e-mail body."""
        parts = [self.salutation]
        for block in self.body:
            if isinstance(block, BulletList):
                parts.append("\n".join(f"- {item}" for item in block.items))
            else:
                parts.append("\n".join(block.lines))
        signature = [self.closing, self.sender.name, *self.sender.address_lines]
        parts.append("\n".join(signature))
        return "\n\n".join(parts) + "\n"


def compose_letter(records: Records, *, country: str, company: str, request: str,
                   person: Person, language: str, sent_on: date | None = None) -> Letter:
    """The letter ``person`` sends to ``company`` from ``country``, in ``language``.

    Raises ``LetterError`` subclasses for anything a person can get wrong: an unknown
    country, company, request or language, or a request the law there does not grant.
    """
    jurisdiction = records.jurisdiction(country)
    kind = records.request(request)
    firm = records.company(company)
    records.require_offered(kind, jurisdiction)
    language = check_language(language)
    controller = records.controller_for(firm, jurisdiction.code)
    law = jurisdiction.law
    spec = kind.spec_for(law)
    sent_on = sent_on or date.today()
    rule = spec.deadline_rule(law)
    deadline = due_date(rule, sent_on) if rule else None
    words = write(kind.template_names(law), language=language, law=law,
                  person=person, company=firm, controller=controller,
                  recorded=lambda pid: pid in spec.cites,
                  products=products_of(firm, language, jurisdiction.code),
                  deadline=long_date(deadline, language, jurisdiction.code) if deadline else None,
                  deadline_rule=rule, period=period_phrase(rule, language) if rule else None)
    return Letter(
        language=language, country=jurisdiction.code, jurisdiction=jurisdiction, request=kind,
        company=firm, controller=controller, sender=person, sent_on=sent_on,
        deadline=deadline, extended_deadline=extended_due_date(rule, sent_on) if rule else None,
        addressee=controller.addressee, deadline_rule=rule, **words,
    )


def products_of(company: Company, language: str, country: str) -> str:
    """The company's brands as a list in the letter's language: "Facebook, Instagram und …"."""
    if not company.brands:
        return ""
    return format_list(list(company.brands), locale=locale_for(language, country))


def write(template_names: Sequence[str], *, language: str, law: Law,
          **context: Any) -> dict[str, Any]:
    """The words of a letter from the first template found: subject, salutation, body,
    closing, and the provisions cited through ``cite(...)`` in the order they appear."""
    cited: list[str] = []

    def cite(provision: str) -> str:
        if provision not in cited:
            cited.append(provision)
        return law.cite(provision, language)

    template = environment(language, html=False).select_template(list(template_names))
    text = template.render(law=law, law_name=law.name(language), cite=cite, **context)
    subject, salutation, *body, closing = parse_blocks(text)
    return {"subject": " ".join(_lines(subject)), "salutation": " ".join(_lines(salutation)),
            "body": tuple(body), "closing": " ".join(_lines(closing)), "cited": tuple(cited)}


def check_language(language: str) -> str:
    found = normalize_language(language)
    if not found:
        raise UnknownRecord(N_("objector cannot write letters in “%(language)s” yet."),
                            field="language", language=language or "-")
    return found


def parse_blocks(text: str) -> list[Block]:
    """Blank lines separate blocks; a block whose lines all start with "- " is a list."""
    blocks: list[Block] = []
    for chunk in text.strip().split("\n\n"):
        lines = tuple(line.strip() for line in chunk.strip().split("\n") if line.strip())
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append(BulletList(tuple(line[2:].strip() for line in lines)))
        else:
            blocks.append(Paragraph(lines))
    if len(blocks) < 4:
        raise ValueError("a letter template must give subject, salutation, body and closing")
    return blocks


def _lines(block: Block) -> tuple[str, ...]:
    return block.lines if isinstance(block, Paragraph) else block.items
