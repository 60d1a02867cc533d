"""The domain: laws and their provisions, jurisdictions, request kinds, companies and guides.

Instances are built from validated data records (see ``letters.records``); code never holds
an article number, an address or a form link.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from letters.i18n import SOURCE_LANGUAGE


@dataclass(frozen=True)
class Sourced:
    sources: tuple[str, ...]
    #: The day objector checked the facts against the sources; ``None`` only for community
    #: records (see ``Community``), which objector has not checked.
    verified: date | None


@dataclass(frozen=True)
class Provision:
    """A citable part of a law; ``style`` names a special citation pattern (a schedule, a
    regulation made under the law) instead of the article, paragraph and point patterns."""

    id: str
    article: str
    paragraph: str | None = None
    point: str | None = None
    titles: Mapping[str, str] = field(default_factory=dict)
    style: str | None = None


@dataclass(frozen=True)
class LawName:
    name: str
    abbreviation: str


@dataclass(frozen=True)
class CitationStyle:
    """Patterns with {article}, {paragraph}, {point} and {law}, as written in one language."""

    article: str
    paragraph: str
    point: str
    #: How the language letters points where it differs from a, b, c (Greek, Cyrillic).
    points: Mapping[str, str] = field(default_factory=dict)
    #: Patterns for provisions cited in another form, by ``Provision.style``.
    styles: Mapping[str, str] = field(default_factory=dict)

    def format(self, provision: Provision, law: str) -> str:
        if provision.style:
            pattern = self.styles[provision.style]
        elif provision.point:
            pattern = self.point
        elif provision.paragraph:
            pattern = self.paragraph
        else:
            pattern = self.article
        point = self.points.get(provision.point or "", provision.point or "")
        return pattern.format(article=provision.article, paragraph=provision.paragraph or "",
                              point=point, law=law)


@dataclass(frozen=True)
class DeadlineRule:
    """How long a company has to answer, counted from the day a request is sent."""

    provision: str
    months: int = 0
    days: int = 0
    business_days: int = 0
    extension_months: int = 0
    extension_days: int = 0


@dataclass(frozen=True)
class Law(Sourced):
    id: str
    family: str
    statutory: bool
    names: Mapping[str, LawName]
    citation: Mapping[str, CitationStyle]
    provisions: Mapping[str, Provision]
    deadline: DeadlineRule | None
    complaint: str | None
    obligations: str
    #: Other periods the law sets for some requests (opt-outs, access), by name.
    deadlines: Mapping[str, DeadlineRule] = field(default_factory=dict)
    #: What the law does and does not give, shown before a person picks a request.
    notice: str | None = None

    def name(self, language: str) -> LawName:
        return self.names.get(language) or self.names[SOURCE_LANGUAGE]

    def cite(self, provision_id: str, language: str) -> str:
        """A provision as a letter in ``language`` writes it, e.g. ``Art. 21 Abs. 1 DSGVO``.

        A language without a citation style of its own cites in English, with the English
        abbreviation, rather than mixing an English pattern with a local name.
        """
        if language not in self.citation:
            language = SOURCE_LANGUAGE
        style = self.citation[language]
        return style.format(self.provisions[provision_id], self.name(language).abbreviation)


@dataclass(frozen=True)
class Jurisdiction(Sourced):
    code: str
    law: Law


@dataclass(frozen=True)
class Subdivisions(Sourced):
    """The states or provinces of a country whose form asks for one (ISO 3166-2 codes)."""

    country: str
    question: str
    hint: str
    missing: str
    names: Mapping[str, str]


NO_DEADLINE = "none"


@dataclass(frozen=True)
class LetterSpec:
    """What one request kind's letter cites under one law or family of laws.

    ``template`` names another family's letter to reuse; ``deadline`` picks one of the law's
    other periods, or ``none`` where the law sets no fixed period for this request;
    ``statutory: False`` marks a request that claims no right even where a law exists;
    ``obligations`` replaces the law's plain words where this request differs.
    """

    cites: tuple[str, ...]
    template: str | None = None
    deadline: str | None = None
    statutory: bool | None = None
    obligations: str | None = None

    def claims_law(self, law: Law) -> bool:
        return law.statutory if self.statutory is None else self.statutory

    def deadline_rule(self, law: Law) -> DeadlineRule | None:
        """The period this request gives the company under ``law``, if the law sets one."""
        if not self.claims_law(law) or self.deadline == NO_DEADLINE:
            return None
        if self.deadline:
            return law.deadlines[self.deadline]
        return law.deadline


@dataclass(frozen=True)
class RequestKind(Sourced):
    id: str
    title: str
    summary: str
    letters: Mapping[str, LetterSpec]

    def spec_for(self, law: Law) -> LetterSpec | None:
        return self.letters.get(law.id) or self.letters.get(law.family)

    def template_names(self, law: Law) -> list[str]:
        """Most specific first: the letter the record names, the law's own, its family's."""
        spec = self.spec_for(law)
        names = [spec.template] if spec and spec.template else [law.id, law.family]
        return [f"requests/{self.id}/{name}.txt" for name in names]


@dataclass(frozen=True)
class Authority(Sourced):
    """A supervisory authority or regulator that takes complaints about companies."""

    id: str
    names: Mapping[str, str]
    competent_for: tuple[str, ...]
    address: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None
    web_form: str | None = None
    website: str | None = None
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        """Its name in ``language``, else its official name."""
        return self.names.get(language) or self.official_name

    @property
    def official_name(self) -> str:
        """Its name in its own language, as letters to it are addressed."""
        for candidate in self.languages:
            if candidate in self.names:
                return self.names[candidate]
        local = [name for language, name in self.names.items() if language != SOURCE_LANGUAGE]
        return local[0] if local else self.names[SOURCE_LANGUAGE]

    def takes(self, channel: str) -> bool:
        return channel in self.channels


@dataclass(frozen=True)
class Addressee:
    """Who a letter goes to, and where: the post, e-mail and web form it can be sent by."""

    name: str
    address: tuple[str, ...] = ()
    email: str | None = None
    web_form: str | None = None
    by_post: bool = True


@dataclass(frozen=True)
class Contact:
    email: str | None = None
    web_form: str | None = None
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class Representative:
    """Who represents a controller without an establishment in a region (Art. 27 GDPR)."""

    role: str
    name: str
    address: tuple[str, ...] = ()
    email: str | None = None
    web_form: str | None = None


@dataclass(frozen=True)
class Controller(Sourced):
    """The legal entity that decides how a company processes personal data in some places."""

    name: str
    serves: tuple[str, ...]
    address: tuple[str, ...]
    country: str
    email: str | None
    web_form: str | None
    dpo: Contact | None
    notes: str | None
    representatives: tuple[Representative, ...] = ()

    @property
    def addressee(self) -> Addressee:
        """Letters to it go to its privacy contacts, or its DPO's where it names none."""
        dpo = self.dpo
        return Addressee(name=self.name, address=self.address,
                         email=self.email or (dpo.email if dpo else None),
                         web_form=self.web_form or (dpo.web_form if dpo else None),
                         by_post=bool(self.address))


@dataclass(frozen=True)
class Step:
    text: str
    platform: str = "all"
    url: str | None = None


@dataclass(frozen=True)
class Guide(Sourced):
    id: str
    product: str
    title: str
    open_to: tuple[str, ...]
    excluded: tuple[str, ...]
    steps: tuple[Step, ...]
    result: str | None
    not_covered: tuple[str, ...]


@dataclass(frozen=True)
class AIUse(Sourced):
    summary: str
    since: date | None
    where: tuple[str, ...]


@dataclass(frozen=True)
class Community:
    """Where a company record comes from that objector imported but has not checked."""

    database: str
    record: str
    imported: date
    quality: str | None = None


@dataclass(frozen=True)
class Company(Sourced):
    id: str
    name: str
    brands: tuple[str, ...]
    website: str | None
    #: Whether people have accounts with the company; ``None`` when nobody has said.
    user_accounts: bool | None
    request_languages: tuple[str, ...]
    controllers: tuple[Controller, ...]
    guides: tuple[Guide, ...]
    ai_use: tuple[AIUse, ...]
    #: Other names people search for: former names, services it runs, parent companies.
    aliases: tuple[str, ...] = ()
    community: Community | None = None
