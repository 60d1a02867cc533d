"""Loading the data records: YAML files checked against JSON Schemas, then cross-checked.

    laws/*.yaml          one law each: names, citation style, provisions, deadline
    jurisdictions.yaml   which law applies where (ISO 3166 codes), and the fallback
    subdivisions.yaml    countries whose form asks for the state or province, and their names
    requests/*.yaml      request kinds and what their letters cite under each law
    companies/*.yaml     companies: controllers per region, what they do with AI, guides
    authorities/*.yaml   supervisory authorities and regulators: where they are competent and
                         how they take complaints
    regions.yaml         groups of countries (EU, EEA) that other records name
"""
from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator

import jsonschema
import pycountry
import yaml

from letters.errors import NotOffered, RecordInvalid, UnknownRecord
from letters.i18n import N_, country_name, translate
from letters.model import (
    AIUse, Authority, CitationStyle, Community, Company, Contact, Controller, DeadlineRule,
    Guide, Jurisdiction, Law, LawName, LetterSpec, NO_DEADLINE, Provision, Representative,
    RequestKind, Step, Subdivisions,
)

PACKAGE = importlib.resources.files("letters")
DATA_DIR = Path(str(PACKAGE / "data"))
SCHEMA_DIR = Path(str(PACKAGE / "schemas"))
WORLDWIDE = "*"


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as ``date`` and refuses duplicate keys."""


def _no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    keys = [loader.construct_object(key) for key, _ in node.value]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate keys {sorted(duplicates)}", node.start_mark)
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_Loader)


@functools.cache
def schema(kind: str) -> dict:
    import json
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def validate(kind: str, document: Any, origin: str) -> None:
    """Check one record against its schema; dates must be YAML dates, URLs https."""
    errors = sorted(validator(kind).iter_errors(_jsonable(document)),
                    key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.path) or "(top)"
        raise RecordInvalid(f"{origin}: {where}: {error.message}")


def _jsonable(value: Any) -> Any:
    """Dates become ISO strings so that the schema's ``format: date`` checks them."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def record_files(data_dir: Path = DATA_DIR) -> Iterator[tuple[str, Path]]:
    """Every record file with the schema it follows."""
    yield "regions", data_dir / "regions.yaml"
    yield "jurisdictions", data_dir / "jurisdictions.yaml"
    yield "subdivisions", data_dir / "subdivisions.yaml"
    for kind, folder in (("law", "laws"), ("request", "requests"), ("company", "companies"),
                         ("authority", "authorities")):
        for path in sorted((data_dir / folder).glob("*.yaml")):
            yield kind, path


@dataclass(frozen=True)
class Records:
    """Everything objector knows, loaded once per process."""

    regions: dict[str, tuple[str, ...]]
    laws: dict[str, Law]
    jurisdictions: dict[str, Jurisdiction]
    fallback: Jurisdiction
    requests: dict[str, RequestKind]
    companies: dict[str, Company]
    subdivisions: dict[str, Subdivisions]
    authorities: dict[str, Authority]

    # -- places --------------------------------------------------------------------------
    @staticmethod
    @functools.cache
    def countries() -> tuple[str, ...]:
        """Every ISO 3166-1 alpha-2 code, sorted once per process."""
        return tuple(sorted(country.alpha_2 for country in pycountry.countries))

    def places(self) -> list[str]:
        """Every place a person can name: each country, and the states or provinces of the
        countries whose form asks for one (ISO 3166-2)."""
        codes = list(self.countries())
        for listing in self.subdivisions.values():
            codes.extend(listing.names)
        return sorted(codes)

    def subdivisions_of(self, code: str) -> Subdivisions | None:
        """The list to choose from when the law or the authority depends on the state."""
        return self.subdivisions.get((code or "").strip().upper().split("-")[0])

    def place_name(self, code: str, language: str) -> str:
        """``California, United States`` in ``language``; a country's CLDR name alone."""
        country = code.split("-")[0]
        listing = self.subdivisions.get(country)
        if "-" in code and listing and code in listing.names:
            return translate(language, "%(subdivision)s, %(country)s",
                             subdivision=translate(language, listing.names[code]),
                             country=country_name(country, language))
        return country_name(code, language)

    def jurisdiction(self, code: str) -> Jurisdiction:
        """The law where ``code`` is: a country (``DE``) or a state or province (``US-OH``).

        A subdivision without a law of its own falls back to its country's, and a country
        without a recorded law to the fallback ("no statutory right known").
        """
        code = (code or "").strip().upper()
        if code in self.jurisdictions:
            return self.jurisdictions[code]
        country = code.split("-")[0]
        known = code in self.countries() or (
            "-" in code and country in self.countries()
            and pycountry.subdivisions.get(code=code) is not None)
        if not known:
            raise UnknownRecord(N_("There is no country with the code %(code)s."),
                                field="country", code=code or "-")
        base = self.jurisdictions.get(country, self.fallback)
        return Jurisdiction(code=code, law=base.law, sources=base.sources,
                            verified=base.verified)

    def places_of(self, code: str) -> set[str]:
        """A code and every group that contains it, for matching ``serves`` and ``open_to``."""
        groups = {name for name, members in self.regions.items() if code in members}
        country = code.split("-")[0]
        groups |= {name for name, members in self.regions.items() if country in members}
        return {code, country, WORLDWIDE, *groups}

    def expand(self, places: Iterable[str]) -> list[str]:
        """Country codes named by a list of codes and groups (``*`` stays as it is)."""
        codes: list[str] = []
        for place in places:
            for code in self.regions.get(place, (place,)):
                if code not in codes:
                    codes.append(code)
        return codes

    # -- companies and requests ----------------------------------------------------------
    def company(self, slug: str) -> Company:
        try:
            return self.companies[(slug or "").strip().lower()]
        except KeyError:
            raise UnknownRecord(N_("objector has no company called “%(slug)s”."),
                                field="company", slug=slug or "-") from None

    def request(self, kind: str) -> RequestKind:
        try:
            return self.requests[(kind or "").strip().lower()]
        except KeyError:
            raise UnknownRecord(N_("objector has no request called “%(kind)s”."),
                                field="request", kind=kind or "-") from None

    def offered(self, jurisdiction: Jurisdiction) -> list[RequestKind]:
        """Request kinds that can be made where the person lives, in the records' order."""
        return [kind for kind in self.requests.values() if kind.spec_for(jurisdiction.law)]

    def require_offered(self, kind: RequestKind, jurisdiction: Jurisdiction) -> None:
        if not kind.spec_for(jurisdiction.law):
            raise NotOffered(
                N_("“%(request)s” is not offered where you live, because the law there does "
                   "not give this right. Choose one of the requests offered there."),
                field="request", request=kind.title)

    @property
    def curated_companies(self) -> list[Company]:
        """The companies objector's own records describe (not the community overlay)."""
        return [company for company in self.companies.values() if company.community is None]

    def serves(self, company: Company, code: str) -> bool:
        """Whether ``company`` names an entity responsible for people in ``code``."""
        return self._controller(company, code) is not None

    def controller_for(self, company: Company, code: str) -> Controller:
        """The entity responsible for people in ``code``: the most specific match wins.

        Curated companies have one for everywhere; a community record may name only some
        countries.
        """
        found = self._controller(company, code)
        if found is None:
            raise NotOffered(N_("objector has no contact at %(company)s for people where "
                                "you live (%(country)s)."), field="company",
                             company=company.name, country=code)
        return found

    def _controller(self, company: Company, code: str) -> Controller | None:
        country = code.split("-")[0]
        groups = self.places_of(code) - {code, country, WORLDWIDE}

        def specificity(controller: Controller) -> int:
            serves = set(controller.serves)
            for rank, matches in enumerate((code in serves, country in serves,
                                            bool(serves & groups), WORLDWIDE in serves)):
                if matches:
                    return rank
            return 4

        best = min(company.controllers, key=specificity)
        return None if specificity(best) == 4 else best

    def authority_for(self, code: str) -> Authority | None:
        """The authority for people living in ``code``: its own, else its country's."""
        by_code = self.authorities_by_code
        return by_code.get(code) or by_code.get(code.split("-")[0])

    def authority_subdivisions(self, country: str) -> list[str]:
        """Subdivisions of ``country`` with authorities of their own, when the country has none.

        Germany's data protection authorities are per state: a complaint there needs the state.
        """
        if country in self.authorities_by_code:
            return []
        return sorted(code for code in self.authorities_by_code
                      if code.startswith(f"{country}-"))

    @functools.cached_property
    def authorities_by_code(self) -> dict[str, Authority]:
        return {code: authority for authority in self.authorities.values()
                for code in authority.competent_for}

    def guides_for(self, company: Company, code: str) -> list[Guide]:
        places = self.places_of(code)
        return [guide for guide in company.guides
                if places & set(guide.open_to) and not places & set(guide.excluded)]


# -- building model objects from checked records ---------------------------------------
def _sourced(record: dict) -> dict:
    return {"sources": tuple(record["sources"]), "verified": record.get("verified")}


def _law(record: dict) -> Law:
    provisions = {
        pid: Provision(id=pid, article=str(p["article"]),
                       paragraph=_str_or_none(p.get("paragraph")),
                       point=_str_or_none(p.get("point")), titles=p.get("titles", {}),
                       style=p.get("style"))
        for pid, p in record.get("provisions", {}).items()
    }
    deadline = record.get("deadline")
    return Law(
        id=record["id"], family=record["family"], statutory=record["statutory"],
        names={lang: LawName(**name) for lang, name in record["names"].items()},
        citation={lang: CitationStyle(**style)
                  for lang, style in record.get("citation", {}).items()},
        provisions=provisions,
        deadline=DeadlineRule(**deadline) if deadline else None,
        deadlines={name: DeadlineRule(**rule)
                   for name, rule in record.get("deadlines", {}).items()},
        complaint=record.get("complaint"),
        obligations=record["obligations"],
        notice=record.get("notice"),
        **_sourced(record),
    )


def _as_date(value: date | str) -> date:
    """YAML records hold dates, JSON ones (the community overlay) ISO strings."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _request(record: dict) -> RequestKind:
    return RequestKind(
        id=record["id"], title=record["title"], summary=record["summary"],
        letters={family: LetterSpec(cites=tuple(spec.get("cites", ())),
                                    template=spec.get("template"),
                                    deadline=spec.get("deadline"),
                                    statutory=spec.get("statutory"),
                                    obligations=spec.get("obligations"))
                 for family, spec in record["letters"].items()},
        **_sourced(record),
    )


def company_from(record: dict) -> Company:
    """A ``Company`` from a record that follows the company schema."""
    controllers = tuple(
        Controller(
            name=c["name"], serves=tuple(c["serves"]), address=tuple(c.get("address", ())),
            country=c["country"], email=c.get("email"), web_form=c.get("web_form"),
            dpo=Contact(email=c["dpo"].get("email"), web_form=c["dpo"].get("web_form"),
                        address=tuple(c["dpo"].get("address", ()))) if "dpo" in c else None,
            notes=c.get("notes"),
            representatives=tuple(
                Representative(role=r["role"], name=r["name"],
                               address=tuple(r.get("address", ())), email=r.get("email"),
                               web_form=r.get("web_form"))
                for r in c.get("representatives", ())),
            **_sourced(c))
        for c in record["controllers"]
    )
    guides = tuple(
        Guide(id=g["id"], product=g["product"], title=g["title"], open_to=tuple(g["open_to"]),
              excluded=tuple(g.get("except", ())),
              steps=tuple(Step(text=s["text"], platform=s.get("platform", "all"),
                               url=s.get("url")) for s in g["steps"]),
              result=g.get("result"), not_covered=tuple(g.get("not_covered", ())),
              **_sourced(g))
        for g in record.get("guides", ())
    )
    ai_use = tuple(
        AIUse(summary=a["summary"], since=a.get("since"), where=tuple(a.get("where", ())),
              sources=tuple(a["sources"]), verified=a.get("verified", record.get("verified")))
        for a in record.get("ai_use", ())
    )
    community = record.get("community")
    return Company(
        id=record["id"], name=record["name"], brands=tuple(record.get("brands", ())),
        aliases=tuple(record.get("aliases", ())), website=record.get("website"),
        # Community databases do not say whether people have accounts.
        user_accounts=record.get("user_accounts", None if community else True),
        request_languages=tuple(record.get("request_languages", ())),
        controllers=controllers, guides=guides, ai_use=ai_use, **_sourced(record),
        community=Community(database=community["database"], record=community["record"],
                            imported=_as_date(community["imported"]),
                            quality=community.get("quality"))
        if community else None,
    )


def _authority(record: dict) -> Authority:
    complaint = record["complaint"]
    return Authority(
        id=record["id"], names=record["names"], competent_for=tuple(record["competent_for"]),
        address=tuple(record.get("address", ())), email=record.get("email"),
        phone=record.get("phone"), web_form=record.get("web_form"),
        website=record.get("website"), channels=tuple(complaint["channels"]),
        languages=tuple(complaint.get("languages", ())),
        limits=tuple(complaint.get("limits", ())), **_sourced(record),
    )


def load_from(data_dir: Path) -> Records:
    """Read, validate and cross-check every record below ``data_dir``."""
    documents: dict[str, list[tuple[Path, Any]]] = {}
    for kind, path in record_files(data_dir):
        document = read_yaml(path)
        validate(kind, document, str(path.relative_to(data_dir)))
        documents.setdefault(kind, []).append((path, document))

    regions = {r["id"]: tuple(r["members"]) for r in documents["regions"][0][1]}
    laws = {doc["id"]: _law(doc) for _, doc in documents.get("law", [])}
    requests = {doc["id"]: _request(doc) for _, doc in
                sorted(documents.get("request", []), key=lambda item: item[1]["position"])}
    companies = {doc["id"]: company_from(doc) for _, doc in documents.get("company", [])}
    authorities = {doc["id"]: _authority(doc) for _, doc in documents.get("authority", [])}
    for kind in ("law", "request", "company", "authority"):
        for path, doc in documents.get(kind, []):
            if path.stem != doc["id"]:
                raise RecordInvalid(f"{path.name}: id {doc['id']!r} differs from the file name")

    table = documents["jurisdictions"][0][1]
    jurisdictions: dict[str, Jurisdiction] = {}
    for entry in table["jurisdictions"]:
        law = _known(laws, entry["law"], "law")
        for code in [c for place in entry["where"] for c in regions.get(place, (place,))]:
            if code in jurisdictions:
                raise RecordInvalid(f"jurisdictions.yaml: {code} is listed twice")
            jurisdictions[code] = Jurisdiction(code=code, law=law, **_sourced(entry))
    fallback_entry = table["fallback"]
    fallback = Jurisdiction(code="*", law=_known(laws, fallback_entry["law"], "law"),
                            **_sourced(fallback_entry))
    subdivisions = {
        entry["country"]: Subdivisions(
            country=entry["country"], question=entry["question"], hint=entry["hint"],
            missing=entry["missing"], names=entry["names"], **_sourced(entry))
        for entry in documents["subdivisions"][0][1]}
    records = Records(regions=regions, laws=laws, jurisdictions=jurisdictions,
                      fallback=fallback, requests=requests, companies=companies,
                      subdivisions=subdivisions, authorities=authorities)
    _cross_check(records)
    return records


def _known(table: dict, key: str, what: str) -> Any:
    if key not in table:
        raise RecordInvalid(f"unknown {what} {key!r}")
    return table[key]


def _cross_check(records: Records) -> None:
    """References between records must resolve: codes, laws, provisions, regions."""
    countries = set(records.countries())
    valid_places = countries | set(records.regions) | {WORLDWIDE}

    def check_place(place: str, where: str) -> None:
        if place in valid_places:
            return
        if "-" in place and pycountry.subdivisions.get(code=place) is not None:
            return
        raise RecordInvalid(f"{where}: {place!r} is not an ISO 3166 code or a region")

    for name, members in records.regions.items():
        for code in members:
            check_place(code, f"regions.yaml {name}")
    for code in records.jurisdictions:
        check_place(code, "jurisdictions.yaml")
    for country, listing in records.subdivisions.items():
        check_place(country, "subdivisions.yaml")
        official = {s.code for s in pycountry.subdivisions.get(country_code=country)}
        if set(listing.names) != official:
            raise RecordInvalid(f"subdivisions.yaml {country}: codes differ from ISO 3166-2: "
                                f"{sorted(set(listing.names) ^ official)}")
    for law in records.laws.values():
        rules = [law.deadline, *law.deadlines.values()]
        for needed in filter(None, (*(r and r.provision for r in rules), law.complaint)):
            if needed not in law.provisions:
                raise RecordInvalid(f"law {law.id}: provision {needed!r} is not recorded")
        if "en" not in law.names or (law.provisions and "en" not in law.citation):
            raise RecordInvalid(f"law {law.id}: English name and citation style are required")
        for provision in law.provisions.values():
            for language, style in law.citation.items():
                if provision.style and provision.style not in style.styles:
                    raise RecordInvalid(f"law {law.id}: no {provision.style!r} citation "
                                        f"pattern in {language}")
    for kind in records.requests.values():
        for family in kind.letters:
            if not any(family in (law.id, law.family) for law in records.laws.values()):
                raise RecordInvalid(f"request {kind.id}: no law or family {family!r}")
        for law in records.laws.values():
            spec = kind.spec_for(law)
            if spec is None:
                continue
            missing = [p for p in spec.cites if p not in law.provisions]
            if missing:
                raise RecordInvalid(f"request {kind.id}: {law.id} lacks {missing}")
            if spec.deadline not in (None, NO_DEADLINE, *law.deadlines):
                raise RecordInvalid(f"request {kind.id}: {law.id} has no deadline "
                                    f"{spec.deadline!r}")
            rule = spec.deadline_rule(law)
            if rule and rule.provision not in spec.cites:
                raise RecordInvalid(f"request {kind.id}: {law.id} letters must cite the "
                                    f"deadline's provision {rule.provision!r}")
            if not spec.claims_law(law) and spec.cites:
                raise RecordInvalid(f"request {kind.id}: {law.id} claims no law but cites")
    for company in records.companies.values():
        for controller in company.controllers:
            for place in controller.serves:
                check_place(place, f"company {company.id} controller {controller.name}")
        if not any(WORLDWIDE in c.serves for c in company.controllers):
            raise RecordInvalid(f"company {company.id}: no controller serves '*'")
        for guide in company.guides:
            for place in guide.open_to + guide.excluded:
                check_place(place, f"company {company.id} guide {guide.id}")
    _check_authorities(records, check_place)


#: The field a complaint channel needs.
CHANNEL_FIELDS = {"post": "address", "email": "email", "web-form": "web_form", "phone": "phone"}


def _check_authorities(records: Records, check_place: Any) -> None:
    """One authority per place; every channel it takes has the contact that channel needs."""
    seen: dict[str, str] = {}
    for authority in records.authorities.values():
        for code in authority.competent_for:
            check_place(code, f"authority {authority.id}")
            if code in seen:
                raise RecordInvalid(
                    f"authorities {seen[code]} and {authority.id} both claim {code}")
            seen[code] = authority.id
        for channel in authority.channels:
            if not getattr(authority, CHANNEL_FIELDS[channel]):
                raise RecordInvalid(f"authority {authority.id} takes complaints by {channel} "
                                    f"but has no {CHANNEL_FIELDS[channel]}")


@functools.cache
def load() -> Records:
    """The packaged records and the community overlay, loaded and checked once per process."""
    from letters import community
    return community.add_overlay(load_from(DATA_DIR), community.directory())
