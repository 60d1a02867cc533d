"""Composing a letter: the right law, entity and words for one person's request."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

from babel.lists import format_list

from letters.bidi import isolate, isolate_lines
from letters.deadlines import due_date, extended_due_date, period_phrase
from letters.environment import environment
from letters.errors import UnknownRecord
from letters.i18n import (
    N_, SOURCE_LANGUAGE, locale_for, long_date, normalize_language, text_direction,
    translate,
)
from letters.model import (
    Addressee, Company, Controller, DeadlineRule, Jurisdiction, Law, LawName, RequestKind,
)
from letters.person import MULTILINE, Person
from letters.records import Records

if TYPE_CHECKING:
    from letters.follow_ups import FollowUp

#: Values of a template that are keys, not words: ``deadline``, ``object-ai-training``.
IDENTIFIER = re.compile(r"[a-z0-9_-]+")


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
    #: The same letter in a second language, printed and sent after it (a bilingual letter).
    translation: Letter | None = None

    @property
    def halves(self) -> tuple[Letter, ...]:
        """The letter, then its translation if it has one: what the renderers print."""
        return (self, self.translation) if self.translation else (self,)

    @property
    def direction(self) -> str:
        return text_direction(self.language)

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
        return self.citations_in(self.language)

    def citations_in(self, language: str) -> tuple[tuple[str, str | None], ...]:
        """The provisions the letter cites as ``language`` writes them, with their titles."""
        return tuple((self.law.cite(pid, language),
                      self.law.provisions[pid].titles.get(language)) for pid in self.cited)

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
        return translate(self.language, "%(place)s, %(date)s",
                         place=isolate(self.sender.place, self.direction), date=when)

    @property
    def text(self) -> str:
        """The letter as plain text from the salutation to the signature: an e-mail body."""
        parts = [self.salutation]
        for block in self.body:
            if isinstance(block, BulletList):
                parts.append("\n".join(f"- {item}" for item in block.items))
            else:
                parts.append("\n".join(block.lines))
        signature = [self.sender.name, *self.sender.address_lines]
        parts.append("\n".join([self.closing, *self.isolated(signature)]))
        return "\n\n".join(parts) + "\n"

    def isolated(self, lines: list[str] | tuple[str, ...]) -> list[str]:
        """Lines of names and addresses as plain text in this letter's direction."""
        return [isolate(line, self.direction) for line in lines]


def compose_letter(records: Records, *, country: str, company: str, request: str,
                   person: Person, language: str, sent_on: date | None = None,
                   also_in: str | None = None) -> Letter:
    """The letter ``person`` sends to ``company`` from ``country``, in ``language``; with
    ``also_in``, followed by the same letter in that language where it is another one.

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
    translation = None
    if also_in and check_language(also_in) != language:
        translation = compose_letter(records, country=country, company=company,
                                     request=request, person=person, language=also_in,
                                     sent_on=sent_on)
    return Letter(
        language=language, country=jurisdiction.code, jurisdiction=jurisdiction, request=kind,
        company=firm, controller=controller, sender=person, sent_on=sent_on,
        deadline=deadline, extended_deadline=extended_due_date(rule, sent_on) if rule else None,
        addressee=controller.addressee, deadline_rule=rule, translation=translation, **words,
    )


def products_of(company: Company, language: str, country: str) -> str:
    """The company's brands as a list in the letter's language: "Facebook, Instagram und …";
    each brand isolated where the language runs the other way, the list in its order."""
    if not company.brands:
        return ""
    direction = text_direction(language)
    return format_list([isolate(brand, direction) for brand in company.brands],
                       locale=locale_for(language, country))


def write(template_names: Sequence[str], *, language: str, law: Law,
          **context: Any) -> dict[str, Any]:
    """The words of a letter from the first template found: subject, salutation, body,
    closing, and the provisions cited through ``cite(...)`` in the order they appear.

    Every value goes into the text isolated where its direction differs from the
    language's (a Latin e-mail address or citation in an Arabic letter), see letters.bidi;
    identifiers the template looks things up with (a provision's id) stay as they are.
    """
    cited: list[str] = []
    direction = text_direction(language)

    def cite(provision: str) -> str:
        if provision not in cited:
            cited.append(provision)
        return isolate(law.cite(provision, language), direction)

    values = {key: isolate(value, direction)
              if isinstance(value, str) and not IDENTIFIER.fullmatch(value) else value
              for key, value in context.items()}
    if isinstance(values.get("person"), Person):
        values["person"] = isolated_person(values["person"], direction)
    name = law.name(language)
    template = environment(language, html=False).select_template(list(template_names))
    text = template.render(law=law, cite=cite, **values, law_name=LawName(
        isolate(name.name, direction), isolate(name.abbreviation, direction)))
    subject, salutation, *body, closing = parse_blocks(text)
    return {"subject": " ".join(_lines(subject)), "salutation": " ".join(_lines(salutation)),
            "body": tuple(body), "closing": " ".join(_lines(closing)), "cited": tuple(cited)}


def isolated_person(person: Person, direction: str) -> Person:
    """The person's details as they go into sentences of a letter running in ``direction``."""
    return replace(person, **{
        field.name: (isolate_lines if field.name in MULTILINE else isolate)(
            getattr(person, field.name), direction)
        for field in fields(person)})


def company_language(company: Company) -> str:
    """The language the company asks requests in, as far as objector writes it; else English."""
    for code in company.request_languages:
        found = normalize_language(code)
        if found:
            return found
    return SOURCE_LANGUAGE


def second_language(company: Company, bilingual: bool = False,
                    also: str | None = None) -> str | None:
    """The second language of a bilingual letter: ``also`` when given, else the company's;
    None for a letter in one language."""
    if also:
        return check_language(also)
    return company_language(company) if bilingual else None


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
