"""After a request: a reminder to the company when its deadline passed without an answer, and
a complaint to the competent authority. Both cite the original request and the day it was sent.

The original letter is composed again, as it was on the day it was sent, so that a follow-up
quotes its subject and deadline exactly; it works from the law's records alone (its deadline
rule and complaint provision), so every law objector knows gets follow-ups.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from letters.complaints import ComplaintRoute, complaint_route
from letters.compose import Letter, check_language, compose_letter, products_of, write
from letters.deadlines import due_date, period_phrase
from letters.errors import InvalidInput, NotPossible, UnknownRecord
from letters.i18n import N_, long_date
from letters.model import DeadlineRule, Jurisdiction
from letters.person import Person
from letters.records import Records

REMINDER = "reminder"
COMPLAINT = "complaint"
KINDS = (REMINDER, COMPLAINT)
#: The request a follow-up is about when none is named: the objection to AI training where
#: the law gives that right, else the polite request not to train on one's data.
DEFAULT_ORIGINALS = ("object-ai-training", "do-not-train")


@dataclass(frozen=True)
class FollowUp:
    kind: str
    original: Letter
    route: ComplaintRoute
    #: The company answered, but did not do what was asked (complaints only).
    answered: bool = False


def default_original(records: Records, country: str) -> str:
    """The request a follow-up is about when the person names none (see DEFAULT_ORIGINALS)."""
    jurisdiction = records.jurisdiction(country)
    offered = {kind.id for kind in records.offered(jurisdiction)}
    return next((kind for kind in DEFAULT_ORIGINALS if kind in offered), DEFAULT_ORIGINALS[0])


def compose_follow_up(records: Records, *, kind: str, country: str, company: str,
                      person: Person, language: str, sent_on: date | None,
                      original: str | None = None, answered: bool = False,
                      today: date | None = None) -> Letter:
    """A reminder or complaint, dated ``today``, about the request ``original`` that
    ``person`` sent to ``company`` on ``sent_on`` (by default the one about AI training).

    Raises ``LetterError`` subclasses, with a message for the person, when it cannot be
    written: a date in the future, a deadline not yet passed, no authority to complain to.
    """
    today = today or date.today()
    original = original or default_original(records, country)
    route = check_follow_up(records, kind=kind, country=country, company=company,
                            original=original, sent_on=sent_on, answered=answered,
                            language=language, today=today)
    request = compose_letter(records, country=country, company=company, request=original,
                             person=person, language=language, sent_on=sent_on)
    follow_up = FollowUp(kind=kind, original=request, route=route,
                         answered=answered and kind == COMPLAINT)
    return _letter(follow_up, today)


def check_follow_up(records: Records, *, kind: str, country: str, company: str,
                    original: str, sent_on: date | None, answered: bool, language: str,
                    today: date) -> ComplaintRoute:
    """Whether a follow-up can be written, before anyone gives their details: the route a
    complaint would take, or a ``LetterError`` that says why not."""
    if kind not in KINDS:
        raise UnknownRecord(N_("objector has no request called “%(kind)s”."), field="request",
                            kind=kind or "-")
    jurisdiction = records.jurisdiction(country)
    firm = records.company(company)
    request = records.request(original)
    records.require_offered(request, jurisdiction)
    language = check_language(language)
    if sent_on is None:
        raise InvalidInput(N_("Enter the date you sent your letter."), field="sent_on")
    if sent_on > today:
        raise InvalidInput(N_("The date you sent your letter must be today or in the past."),
                           field="sent_on")
    spec = request.spec_for(jurisdiction.law)
    route = complaint_route(records, jurisdiction,
                            claims_law=bool(spec and spec.claims_law(jurisdiction.law)))
    if kind == COMPLAINT:
        route.require_writable(language)
    rule = original_deadline_rule(records, original, jurisdiction)
    deadline = due_date(rule, sent_on) if rule else None
    if deadline is None or today > deadline or (kind == COMPLAINT and answered):
        return route
    # A missing answer is a reason to write only once the company's time is up.
    message = (N_("%(company)s has until %(deadline)s to answer. You can send a reminder after "
                  "that day.") if kind == REMINDER else
               N_("%(company)s has until %(deadline)s to answer. You can complain about a "
                  "missing answer after that day."))
    raise NotPossible(message, field="follow_up", company=firm.name,
                     deadline=long_date(deadline, language, jurisdiction.code))


def original_deadline_rule(records: Records, original: str,
                           jurisdiction: Jurisdiction) -> DeadlineRule | None:
    """The period the request ``original`` gave the company where the person lives."""
    spec = records.request(original).spec_for(jurisdiction.law)
    return spec.deadline_rule(jurisdiction.law) if spec else None


def _letter(follow_up: FollowUp, today: date) -> Letter:
    request = follow_up.original
    law = request.law
    route = follow_up.route
    language = request.language
    complaining = follow_up.kind == COMPLAINT
    # A request that claims no right is followed up as one: politely, citing nothing.
    names = (law.id, law.family, "statutory") if request.claims_law else ("none",)
    rule = request.deadline_rule
    words = write(
        [f"follow-ups/{follow_up.kind}/{name}.txt" for name in names], language=language,
        law=law, person=request.sender, company=request.company,
        controller=request.controller,
        products=products_of(request.company, language, request.country),
        original_subject=request.subject,
        original_date=request.format_date(request.sent_on),
        deadline=request.format_date(request.deadline) if request.deadline else None,
        deadline_provision=rule.provision if rule else None,
        period=period_phrase(rule, language) if rule else None,
        answered=follow_up.answered, complaint_possible=route.available,
        authority=route.authority.name(language) if route.authority else None)
    addressee = route.addressee() if complaining else request.addressee
    return Letter(
        language=language, country=request.country, jurisdiction=request.jurisdiction,
        request=request.request, company=request.company, controller=request.controller,
        sender=request.sender, sent_on=today, deadline=None, extended_deadline=None,
        addressee=addressee, follow_up=follow_up, **words)
