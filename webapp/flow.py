"""The request flow: where you live (and the state or province, where it matters),
companies, request, your details, check, result.

Every page is a POST of all answers so far; nothing is kept between requests. Buttons say
what to do: ``continue`` checks the page and moves on, ``back`` and ``change-<step>`` move
without checking, ``stay`` shows the same page again (after a language switch), ``search``
shows the company question again with the companies matching what was typed.

One company gets the result page with its letter, e-mail and guide; several get one page
with every e-mail ready to send and a zip of all the letters.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import get_locale, gettext as _
from werkzeug.datastructures import MultiDict

from letters import records
from letters.batch import compose_letters, letters_zip
from letters.compose import Letter
from letters.deadlines import period_phrase
from letters.errors import LetterError
from letters.guides import guide_sheet
from letters.i18n import country_name
from letters.person import Person
from letters.render.email import MAILTO_LIMIT, email_for, eml_bytes
from letters.render.html import document, guide_html, letter_html
from letters.render.pdf import letter_pdf, render_pdf
from letters.render.text import letter_text
from webapp.answers import PAGES, STEPS, Answers
from webapp.company_list import company_list, count_messages, search_data
from webapp.forms import FORMS

bp = Blueprint("flow", __name__)


def _language() -> str:
    return str(get_locale())


def questions(answers: Answers) -> tuple[str, ...]:
    """The question pages for these answers: the region page only where the country has one."""
    asks_region = records.load().subdivisions_of(answers.country) is not None
    return tuple(step for step in STEPS if step != "region" or asks_region)


def jurisdiction_of(answers: Answers):
    try:
        return records.load().jurisdiction(answers.residence)
    except LetterError:
        return None


def form_for(step: str, answers: Answers, formdata=None):
    """The form of one question page, filled from the answers or from the posted data."""
    kwargs = {}
    if step == "region":
        kwargs["country"] = answers.country
    if step in ("company", "request"):
        kwargs["country"] = answers.residence
    if step == "details":
        companies = records.load().companies
        known = [companies[slug] for slug in answers.company if slug in companies]
        # An account name is asked for when any company chosen is known to have accounts.
        kwargs["accounts_required"] = any(c.user_accounts for c in known) if known else True
        jurisdiction = jurisdiction_of(answers)
        kwargs["particular_situation"] = bool(jurisdiction and
                                              jurisdiction.law.family == "gdpr")
    return FORMS[step](formdata=formdata, data=answers.of(step), **kwargs)


def first_invalid(answers: Answers):
    """The first question page whose answers do not hold up, with its checked form."""
    for step in questions(answers):
        form = form_for(step, answers, formdata=MultiDict(answers.of(step)))
        if not form.validate():
            return step, form
    return None, None


def show(step: str, answers: Answers, form=None, returning: bool = False, status: int = 200):
    form = form or form_for(step, answers)
    steps = questions(answers)
    return render_template(
        f"flow/{step}.html", step=step, form=form, answers=answers,
        hidden=answers.hidden(STEPS[step]), returning=returning,
        position=steps.index(step) + 1, total=len(steps),
        has_errors=bool(form.errors), **step_context(step, answers)), status


def step_context(step: str, answers: Answers) -> dict:
    found = records.load()
    if step == "company":
        return {"listing": company_list(answers, request.form.get("company_search", "")),
                "search_data": search_data, "count_messages": count_messages(_language())}
    if step == "request":
        return {"jurisdiction": jurisdiction_of(answers), "kinds": found.requests}
    return {}


@bp.route("/<lang:lang>/request", methods=["GET", "POST"])
def request_flow():
    if request.method == "GET":
        return show("country", Answers())
    answers = Answers.from_form(request.form)
    step = request.form.get("step", "country")
    if step not in PAGES:
        step = "country"
    action = request.form.get("action", "continue")
    returning = request.form.get("return_to") == "check"

    steps = questions(answers)
    if step in ("check", "result") and action in ("stay", "continue"):
        invalid, form = first_invalid(answers)
        if invalid:
            return show(invalid, answers, form=form, returning=True)
        if step == "check" and action == "stay":
            return check_page(answers)
        return result_page(answers)
    if step not in steps and step in STEPS:
        step = steps[0]  # a region page for a country that has none
    if action in ("stay", "search"):
        return show(step, answers, returning=returning)
    if action == "back":
        position = steps.index(step) if step in steps else len(steps)
        return show(steps[max(position - 1, 0)], answers)
    if action.startswith("change-") and action[7:] in steps:
        return show(action[7:], answers, returning=True)

    form = form_for(step, answers, formdata=request.form)
    if not form.validate():
        return show(step, answers, form=form, returning=returning)
    answers = answers.replace(**{name: form[name].data or "" for name in STEPS[step]})
    if answers.region and answers.residence != answers.region:
        answers = answers.replace(region="")  # a state of another country
    steps = questions(answers)  # a new country may add or drop the region page
    following = steps.index(step) + 1
    if step == "country" and "region" in steps and answers.residence == answers.country:
        return show("region", answers, returning=returning)
    if returning or following == len(steps):
        invalid, invalid_form = first_invalid(answers)
        if invalid:
            return show(invalid, answers, form=invalid_form, returning=True)
        return check_page(answers)
    return show(steps[following], answers)


def check_page(answers: Answers):
    found = records.load()
    jurisdiction = found.jurisdiction(answers.residence)
    listing = found.subdivisions_of(answers.country)
    return render_template(
        "flow/check.html", step="check", answers=answers, hidden=answers.hidden(),
        companies=[found.company(slug) for slug in answers.company],
        kind=found.request(answers.request),
        jurisdiction=jurisdiction, country_name=country_name(answers.country, _language()),
        region_name=listing and _(listing.names[answers.residence]),
        region_label=listing and _(listing.question))


def person_of(answers: Answers) -> Person:
    return Person.from_input(name=answers.name, email=answers.email, address=answers.address,
                             place=answers.place, account=answers.account,
                             reason=answers.reason)


def letters_of(answers: Answers) -> tuple[Letter, ...]:
    return compose_letters(records.load(), country=answers.residence,
                           companies=answers.company, request=answers.request,
                           person=person_of(answers), language=_language())


def sheet_of(letter: Letter):
    return guide_sheet(records.load(), company=letter.company.id, country=letter.country,
                       language=_language())


def result_page(answers: Answers):
    letters = letters_of(answers)
    if len(letters) > 1:
        return batch_page(answers, letters)
    letter = letters[0]
    draft = email_for(letter)
    sheet = sheet_of(letter)
    return render_template(
        "flow/result.html", step="result", answers=answers, hidden=answers.hidden(),
        letter=letter, preview=letter_html(letter, heading_level=3), email=draft,
        mailto_limit=MAILTO_LIMIT, guide=guide_html(sheet, heading_level=2), sheet=sheet,
        **deadline_context(letter))


def deadline_context(letter: Letter) -> dict:
    """The dates and period the result pages show, in the letter's words."""
    return {
        "deadline": letter.deadline and letter.format_date(letter.deadline),
        "period": letter.deadline_rule and period_phrase(letter.deadline_rule, letter.language),
        "extended": letter.extended_deadline and letter.format_date(letter.extended_deadline)}


def batch_page(answers: Answers, letters: tuple[Letter, ...]):
    """Every letter of a batch with its e-mail ready to send, and the zip of their PDFs.

    One law, one request and one day of sending: every letter has the same period and cites
    the same provisions, so the first speaks for all."""
    first = letters[0]
    return render_template(
        "flow/letters.html", step="result", answers=answers, hidden=answers.hidden(),
        letters=[(letter, email_for(letter), bool(sheet_of(letter).guides))
                 for letter in letters],
        first=first, mailto_limit=MAILTO_LIMIT, **deadline_context(first))


DOWNLOADS = {
    "letter.pdf": "application/pdf",
    "letter.eml": "message/rfc822",
    "letter.txt": "text/plain; charset=utf-8",
    "guide.pdf": "application/pdf",
    "letters.zip": "application/zip",
}


@bp.post("/<lang:lang>/download/<name>")
def download(name: str):
    """A file made from the posted answers; never a GET, so no answer is ever in a URL.

    With several companies, ``letter_for`` names the company whose letter, e-mail or guide
    is wanted; ``letters.zip`` holds them all.
    """
    if name not in DOWNLOADS:
        abort(404)
    answers = Answers.from_form(request.form)
    invalid, form = first_invalid(answers)
    if invalid:
        return show(invalid, answers, form=form, returning=True, status=422)
    letters = letters_of(answers)
    if name == "letters.zip":
        first = letters[0]
        return _attachment(letters_zip(letters), name,
                           f"{first.request.id}-{first.sent_on.isoformat()}.zip")
    wanted = request.form.get("letter_for", letters[0].company.id)
    letter = next((letter for letter in letters if letter.company.id == wanted), None)
    if letter is None:
        abort(400)
    stem = letter.file_stem
    if name == "guide.pdf":
        sheet = sheet_of(letter)
        title = _("%(company)s: how to opt out", company=sheet.company.name)
        body = render_pdf(document(guide_html(sheet), language=sheet.language, title=title),
                          sheet.language)
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
