"""The flows: where you live (and the state or province, where it matters), companies,
request, your details, the letter's language, check, result; and for a letter already sent,
the same with the day it was sent and what to write now (a reminder or a complaint).

Every page is a POST of all answers so far; nothing is kept between requests. Buttons say
what to do: ``continue`` checks the page and moves on, ``back`` and ``change-<step>`` move
without checking, ``stay`` shows the same page again (after a language switch), ``search``
shows the company question again with the companies matching what was typed.

One company gets the result page with its letter, e-mail and guide; several get one page
with every e-mail ready to send and a zip of all the letters. A reminder or complaint
follows up one letter to one company.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import get_locale, gettext as _

from letters import records
from letters.batch import compose_letters, letters_zip
from letters.complaints import ComplaintRoute, complaint_route
from letters.compose import Letter, check_language, second_language
from letters.deadlines import due_date, period_phrase
from letters.errors import LetterError
from letters.follow_ups import compose_follow_up, original_deadline_rule
from letters.guides import guide_sheet
from letters.i18n import country_name, language_name, long_date
from letters.person import Person
from letters.render.calendar import deadline_event
from letters.render.email import MAILTO_LIMIT, email_for, eml_bytes
from letters.render.html import document, guide_html, letter_html
from letters.render.pdf import letter_pdf, render_pdf
from letters.render.text import letter_text
from webapp.answers import STEPS, Answers
from webapp.company_list import company_list, count_messages, search_data
from webapp.forms import FOLLOW_UP_CHOICES, FORMS, NextForm, formdata_of

bp = Blueprint("flow", __name__)


@dataclass(frozen=True)
class Journey:
    """The question pages of one way through objector, and the view that serves them."""

    endpoint: str
    steps: tuple[str, ...]


#: A new request; and "I already sent a letter": a reminder or complaint about one.
NEW_REQUEST = Journey("flow.request_flow",
                      ("country", "region", "company", "request", "details", "language"))
FOLLOW_UP = Journey("flow.follow_up_flow",
                    ("country", "region", "company", "request", "sent", "next", "details",
                     "language"))


def journey_of(answers: Answers) -> Journey:
    return FOLLOW_UP if answers.follow_up else NEW_REQUEST


def _language() -> str:
    return str(get_locale())


def questions(answers: Answers, journey: Journey) -> tuple[str, ...]:
    """The question pages for these answers: the region page only where the country has one."""
    asks_region = records.load().subdivisions_of(answers.country) is not None
    return tuple(step for step in journey.steps if step != "region" or asks_region)


def jurisdiction_of(answers: Answers):
    try:
        return records.load().jurisdiction(answers.residence)
    except LetterError:
        return None


def form_for(step: str, answers: Answers, journey: Journey, formdata=None):
    """The form of one question page, filled from the answers or from the posted data."""
    kwargs: dict = {}
    if step == "region":
        kwargs["country"] = answers.country
    if step in ("company", "request"):
        kwargs.update(country=answers.residence, sent=journey is FOLLOW_UP)
    if step == "next":
        kwargs["answers"] = answers
    if step == "details":
        companies = records.load().companies
        known = [companies[slug] for slug in answers.company if slug in companies]
        # An account name is asked for when any company chosen is known to have accounts.
        kwargs["accounts_required"] = any(c.user_accounts for c in known) if known else True
        jurisdiction = jurisdiction_of(answers)
        kwargs["particular_situation"] = bool(jurisdiction and
                                              jurisdiction.law.family == "gdpr")
        kwargs["follow_up"] = (FOLLOW_UP_CHOICES.get(answers.follow_up, ("", False))[0]
                               if journey is FOLLOW_UP else "")
    if step == "language":
        companies = records.load().companies
        kwargs["companies"] = [companies[slug] for slug in answers.company if slug in companies]
        kwargs["bilingual"] = journey is NEW_REQUEST   # a follow-up answers one letter
    return FORMS[step](formdata=formdata, data=answers.of(step), **kwargs)


def first_invalid(answers: Answers, journey: Journey):
    """The first question page whose answers do not hold up, with its checked form."""
    for step in questions(answers, journey):
        form = form_for(step, answers, journey, formdata=formdata_of(step, answers))
        if not form.validate():
            return step, form
    return None, None


def show(step: str, answers: Answers, journey: Journey, form=None, returning: bool = False,
         status: int = 200):
    form = form or form_for(step, answers, journey)
    steps = questions(answers, journey)
    return render_template(
        f"flow/{step}.html", step=step, form=form, answers=answers,
        hidden=answers.hidden(STEPS[step]), returning=returning,
        position=steps.index(step) + 1, total=len(steps), flow_action=url_for(journey.endpoint),
        has_errors=bool(form.errors), **step_context(step, answers)), status


def step_context(step: str, answers: Answers) -> dict:
    found = records.load()
    if step == "company":
        return {"listing": company_list(answers, request.form.get("company_search", "")),
                "search_data": search_data, "count_messages": count_messages(_language())}
    if step in ("request", "next"):
        jurisdiction = jurisdiction_of(answers)
        context = {"jurisdiction": jurisdiction, "kinds": found.requests}
        if step == "next" and jurisdiction:
            context.update(next_context(answers, jurisdiction))
        return context
    return {}


def next_context(answers: Answers, jurisdiction) -> dict:
    """What the "what now" page says: the deadline that passed, and where complaints go."""
    rule = (original_deadline_rule(records.load(), answers.request, jurisdiction)
            if answers.sent_on and answers.request in records.load().requests else None)
    deadline = rule and due_date(rule, answers.sent_on)
    company = records.load().companies.get(answers.company[0] if answers.company else "")
    return {"deadline": deadline and long_date(deadline, _language(), jurisdiction.code),
            "company": company, **route_context(complaint_route(records.load(), jurisdiction))}


def route_context(route: ComplaintRoute) -> dict:
    """Where complaints go, as the page templates show it (flow/_complaint_route.html)."""
    language = _language()
    authority = route.authority
    return {"route": route, "route_notices": route.notices(language),
            "route_checked": authority and long_date(authority.verified, language),
            "authority_languages": authority and ", ".join(
                language_name(code, language) for code in authority.languages)}


@bp.route("/<lang:lang>/request", methods=["GET", "POST"])
def request_flow():
    return answer(NEW_REQUEST)


@bp.route("/<lang:lang>/follow-up", methods=["GET", "POST"])
def follow_up_flow():
    """For a letter already sent: the same questions, the day it was sent, and what now."""
    return answer(FOLLOW_UP)


def answer(journey: Journey):
    """One question page of ``journey``: check what was posted, then show the next page."""
    if request.method == "GET":
        return show(journey.steps[0], Answers(), journey)
    answers = Answers.from_form(request.form)
    step = request.form.get("step", journey.steps[0])
    if step not in (*journey.steps, "check", "result"):
        step = journey.steps[0]
    action = request.form.get("action", "continue")
    returning = request.form.get("return_to") == "check"

    steps = questions(answers, journey)
    if step in ("check", "result") and action in ("stay", "continue"):
        invalid, form = first_invalid(answers, journey)
        if invalid:
            return show(invalid, answers, journey, form=form, returning=True)
        if step == "check" and action == "stay":
            return check_page(answers, journey)
        return result_page(answers, journey)
    if step not in steps and step in STEPS:
        step = steps[0]  # a region page for a country that has none
    if action in ("stay", "search"):
        return show(step, answers, journey, returning=returning)
    if action == "back":
        position = steps.index(step) if step in steps else len(steps)
        return show(steps[max(position - 1, 0)], answers, journey)
    if action.startswith("change-") and action[7:] in steps:
        return show(action[7:], answers, journey, returning=True)

    form = form_for(step, answers, journey, formdata=request.form)
    if not form.validate():
        return show(step, answers, journey, form=form, returning=returning)
    answers = answers.replace(**form.answers())
    if answers.region and answers.residence != answers.region:
        answers = answers.replace(region="")  # a state of another country
    steps = questions(answers, journey)  # a new country may add or drop the region page
    following = steps.index(step) + 1
    if step == "country" and "region" in steps and answers.residence == answers.country:
        return show("region", answers, journey, returning=returning)
    if returning or following == len(steps):
        invalid, invalid_form = first_invalid(answers, journey)
        if invalid:
            return show(invalid, answers, journey, form=invalid_form, returning=True)
        return check_page(answers, journey)
    return show(steps[following], answers, journey)


def check_page(answers: Answers, journey: Journey):
    found = records.load()
    jurisdiction = found.jurisdiction(answers.residence)
    listing = found.subdivisions_of(answers.country)
    follow_up = journey is FOLLOW_UP
    return render_template(
        "flow/check.html", step="check", answers=answers, hidden=answers.hidden(),
        companies=[found.company(slug) for slug in answers.company],
        kind=found.request(answers.request),
        jurisdiction=jurisdiction, country_name=country_name(answers.country, _language()),
        region_name=listing and _(listing.names[answers.residence]),
        region_label=listing and _(listing.question),
        flow_action=url_for(journey.endpoint), follow_up=follow_up,
        sent_on=answers.sent_on and long_date(answers.sent_on, _language(),
                                              jurisdiction.code),
        next_choice=follow_up and dict(NextForm(formdata=None, answers=answers)
                                       .follow_up.choices).get(answers.follow_up, ""),
        letter_languages=languages_of(answers, journey))


def person_of(answers: Answers) -> Person:
    return Person.from_input(name=answers.name, email=answers.email, address=answers.address,
                             place=answers.place, account=answers.account,
                             reason=answers.reason)


def letter_language(answers: Answers) -> str:
    """The language the person chose for the letter; the interface's until they choose."""
    return answers.letter_language or _language()


def languages_of(answers: Answers, journey: Journey) -> tuple[str, list[str]]:
    """The name of the letter's language, and of the languages added after it (bilingual)."""
    language = check_language(letter_language(answers))
    bilingual = journey is NEW_REQUEST and answers.bilingual == "yes"
    added = [] if not bilingual else [
        code for code in dict.fromkeys(second_language(records.load().company(slug), True)
                                       for slug in answers.company) if code != language]
    return (language_name(language, _language()),
            [language_name(code, _language()) for code in added])


def letters_of(answers: Answers, journey: Journey) -> tuple[Letter, ...]:
    """The letters for these answers: one per company, in the language the person chose, a
    bilingual one with each company's language after it; or one reminder or complaint."""
    if journey is FOLLOW_UP:
        kind, answered = FOLLOW_UP_CHOICES.get(answers.follow_up, (answers.follow_up, False))
        return (compose_follow_up(
            records.load(), kind=kind, country=answers.residence, company=answers.company[0],
            original=answers.request, person=person_of(answers),
            language=letter_language(answers), sent_on=answers.sent_on, answered=answered),)
    return compose_letters(records.load(), country=answers.residence,
                           companies=answers.company, request=answers.request,
                           person=person_of(answers), language=letter_language(answers),
                           bilingual=answers.bilingual == "yes")


def sheet_of(letter: Letter):
    return guide_sheet(records.load(), company=letter.company.id, country=letter.country,
                       language=_language())


def result_page(answers: Answers, journey: Journey):
    letters = letters_of(answers, journey)
    if len(letters) > 1:
        return batch_page(answers, letters, journey)
    letter = letters[0]
    context = dict(step="result", answers=answers, hidden=answers.hidden(), letter=letter,
                   preview=letter_html(letter, heading_level=3), email=email_for(letter),
                   mailto_limit=MAILTO_LIMIT, flow_action=url_for(journey.endpoint))
    if letter.follow_up:
        return render_template("flow/follow_up_result.html",
                               **route_context(letter.follow_up.route), **context)
    sheet = sheet_of(letter)
    return render_template(
        "flow/result.html", guide=guide_html(sheet, heading_level=2), sheet=sheet,
        event=deadline_event(letter), **deadline_context(letter),
        **route_context(complaint_route(records.load(), letter.jurisdiction,
                                        claims_law=letter.claims_law)), **context)


def deadline_context(letter: Letter) -> dict:
    """The dates and period the result pages show, in the interface's language (the letter's
    may be another)."""
    language = _language()

    def when(day):
        return day and long_date(day, language, letter.country)
    return {
        "deadline": when(letter.deadline),
        "period": letter.deadline_rule and period_phrase(letter.deadline_rule, language),
        "extended": when(letter.extended_deadline)}


def batch_page(answers: Answers, letters: tuple[Letter, ...], journey: Journey):
    """Every letter of a batch with its e-mail ready to send, and the zip of their PDFs.

    One law, one request and one day of sending: every letter has the same period and cites
    the same provisions, so the first speaks for all."""
    first = letters[0]
    return render_template(
        "flow/letters.html", step="result", answers=answers, hidden=answers.hidden(),
        letters=[(letter, email_for(letter), bool(sheet_of(letter).guides))
                 for letter in letters],
        first=first, mailto_limit=MAILTO_LIMIT, flow_action=url_for(journey.endpoint),
        **deadline_context(first), **route_context(complaint_route(
            records.load(), first.jurisdiction, claims_law=first.claims_law)))


DOWNLOADS = {
    "deadline.ics": "text/calendar",
    "letter.pdf": "application/pdf",
    "letter.eml": "message/rfc822",
    "letter.txt": "text/plain",          # Werkzeug adds "; charset=utf-8" to text types
    "guide.pdf": "application/pdf",
    "letters.zip": "application/zip",
}


@bp.post("/<lang:lang>/download/<name>")
def download(name: str):
    """A file made from the posted answers; never a GET, so no answer is ever in a URL.

    With several companies, ``letter_for`` names the company whose letter, e-mail, guide or
    calendar entry is wanted; ``letters.zip`` holds them all.
    """
    if name not in DOWNLOADS:
        abort(404)
    answers = Answers.from_form(request.form)
    journey = journey_of(answers)
    invalid, form = first_invalid(answers, journey)
    if invalid:
        return show(invalid, answers, journey, form=form, returning=True, status=422)
    letters = letters_of(answers, journey)
    if name == "letters.zip":
        first = letters[0]
        return _attachment(letters_zip(letters), name,
                           f"{first.request.id}-{first.sent_on.isoformat()}.zip")
    wanted = request.form.get("letter_for", letters[0].company.id)
    letter = next((letter for letter in letters if letter.company.id == wanted), None)
    if letter is None:
        abort(400)
    stem = letter.file_stem
    if name == "deadline.ics":
        event = deadline_event(letter)
        if event is None:
            abort(404)
        body = event.ics()
        filename = f"deadline-{letter.company.id}-{event.day.isoformat()}.ics"
    elif name == "guide.pdf":
        sheet = sheet_of(letter)
        title = _("%(company)s: how to opt out", company=sheet.company.name)
        body = render_pdf(document(guide_html(sheet), language=sheet.language, title=title))
        filename = f"guide-{letter.company.id}-{letter.country.lower()}.pdf"
    elif name == "letter.txt":
        body = letter_text(letter).encode("utf-8")
        filename = f"{stem}.txt"
    else:
        pdf = letter_pdf(letter)
        if name == "letter.pdf":
            body, filename = pdf, f"{stem}.pdf"
        else:
            body = eml_bytes(email_for(letter), attachment=pdf, filename=f"{stem}.pdf")
            filename = f"{stem}.eml"
    return _attachment(body, name, filename)


def _attachment(body: bytes, name: str, filename: str) -> Response:
    return Response(body, mimetype=DOWNLOADS[name], headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})
