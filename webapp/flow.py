"""The request flow: where you live, company, request, your details, the letter's language,
check, result.

Every page is a POST of all answers so far; nothing is kept between requests. Buttons say
what to do: ``continue`` checks the page and moves on, ``back`` and ``change-<step>`` move
without checking, ``stay`` shows the same page again (after a language switch).
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import get_locale, gettext as _
from werkzeug.datastructures import MultiDict

from letters import compose_letter, records
from letters.compose import Letter, letter_languages
from letters.errors import LetterError
from letters.guides import guide_sheet
from letters.i18n import country_name, language_name
from letters.person import Person
from letters.render.email import MAILTO_LIMIT, email_for, eml_bytes
from letters.render.html import document, guide_html, letters_document, letters_html
from letters.render.pdf import render_pdf
from letters.render.text import letters_text
from webapp.answers import PAGES, STEPS, Answers
from webapp.forms import FORMS, answer_of

bp = Blueprint("flow", __name__)

QUESTIONS = tuple(STEPS)


def _language() -> str:
    return str(get_locale())


def form_for(step: str, answers: Answers, formdata=None):
    """The form of one question page, filled from the answers or from the posted data."""
    kwargs = {}
    if step == "request":
        kwargs["country"] = answers.country
    if step == "details":
        company = records.load().companies.get(answers.company)
        kwargs["accounts_required"] = company.user_accounts if company else True
    if step == "language":
        kwargs["company"] = records.load().companies.get(answers.company)
    return FORMS[step](formdata=formdata, data=answers.of(step), **kwargs)


def first_invalid(answers: Answers):
    """The first question page whose answers do not hold up, with its checked form."""
    for step in QUESTIONS:
        form = form_for(step, answers, formdata=MultiDict(answers.of(step)))
        if not form.validate():
            return step, form
    return None, None


def show(step: str, answers: Answers, form=None, returning: bool = False, status: int = 200):
    form = form or form_for(step, answers)
    position = QUESTIONS.index(step) + 1
    return render_template(
        f"flow/{step}.html", step=step, form=form, answers=answers,
        hidden=answers.hidden(STEPS[step]), returning=returning,
        position=position, total=len(QUESTIONS),
        has_errors=bool(form.errors), **step_context(step, answers)), status


def step_context(step: str, answers: Answers) -> dict:
    found = records.load()
    if step == "company":
        return {"companies": found.companies}
    if step == "request":
        try:
            jurisdiction = found.jurisdiction(answers.country)
        except LetterError:
            jurisdiction = None
        return {"jurisdiction": jurisdiction, "kinds": found.requests}
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

    if step in ("check", "result") and action in ("stay", "continue"):
        invalid, form = first_invalid(answers)
        if invalid:
            return show(invalid, answers, form=form, returning=True)
        if step == "check" and action == "stay":
            return check_page(answers)
        return result_page(answers)
    if action == "stay":
        return show(step, answers, returning=returning)
    if action == "back":
        position = QUESTIONS.index(step) if step in QUESTIONS else len(QUESTIONS)
        return show(QUESTIONS[max(position - 1, 0)], answers)
    if action.startswith("change-") and action[7:] in QUESTIONS:
        return show(action[7:], answers, returning=True)

    form = form_for(step, answers, formdata=request.form)
    if not form.validate():
        return show(step, answers, form=form, returning=returning)
    answers = answers.replace(**{name: answer_of(form[name]) for name in STEPS[step]})
    following = QUESTIONS.index(step) + 1
    if returning or following == len(QUESTIONS):
        invalid, invalid_form = first_invalid(answers)
        if invalid:
            return show(invalid, answers, form=invalid_form, returning=True)
        return check_page(answers)
    return show(QUESTIONS[following], answers)


def check_page(answers: Answers):
    found = records.load()
    jurisdiction = found.jurisdiction(answers.country)
    names = [language_name(code, _language()) for code in languages_of(answers)]
    return render_template(
        "flow/check.html", step="check", answers=answers, hidden=answers.hidden(),
        company=found.company(answers.company), kind=found.request(answers.request),
        jurisdiction=jurisdiction, country_name=country_name(jurisdiction.code, _language()),
        letter_languages=names)


def person_of(answers: Answers) -> Person:
    return Person.from_input(name=answers.name, email=answers.email, address=answers.address,
                             place=answers.place, account=answers.account,
                             reason=answers.reason)


def languages_of(answers: Answers) -> tuple[str, ...]:
    """The letter's language (the interface's until the person chose), then the company's
    for a bilingual letter."""
    return letter_languages(records.load().company(answers.company),
                            answers.letter_language or _language(),
                            bilingual=answers.bilingual == "yes")


def letters_of(answers: Answers) -> list[Letter]:
    """The letter, or the bilingual letter's two languages, for these answers."""
    return [compose_letter(records.load(), country=answers.country, company=answers.company,
                           request=answers.request, person=person_of(answers),
                           language=language)
            for language in languages_of(answers)]


def result_page(answers: Answers):
    letters = letters_of(answers)
    letter = letters[0]
    draft = email_for(*letters)
    sheet = guide_sheet(records.load(), company=answers.company, country=answers.country,
                        language=_language())
    return render_template(
        "flow/result.html", step="result", answers=answers, hidden=answers.hidden(),
        letter=letter, preview=letters_html(letters, heading_level=3), email=draft,
        mailto_limit=MAILTO_LIMIT, guide=guide_html(sheet, heading_level=2), sheet=sheet,
        deadline=letter.deadline and letter.format_date(letter.deadline),
        extended=letter.extended_deadline and letter.format_date(letter.extended_deadline))


DOWNLOADS = {
    "letter.pdf": "application/pdf",
    "letter.eml": "message/rfc822",
    "letter.txt": "text/plain; charset=utf-8",
    "guide.pdf": "application/pdf",
}


@bp.post("/<lang:lang>/download/<name>")
def download(name: str):
    """A file made from the posted answers; never a GET, so no answer is ever in a URL."""
    if name not in DOWNLOADS:
        abort(404)
    answers = Answers.from_form(request.form)
    invalid, form = first_invalid(answers)
    if invalid:
        return show(invalid, answers, form=form, returning=True, status=422)
    letters = letters_of(answers)
    letter = letters[0]
    stem = f"{letter.request.id}-{letter.company.id}-{letter.sent_on.isoformat()}"
    if name == "guide.pdf":
        sheet = guide_sheet(records.load(), company=answers.company, country=answers.country,
                            language=_language())
        title = _("%(company)s: how to opt out", company=sheet.company.name)
        body = render_pdf(document(guide_html(sheet), language=sheet.language, title=title))
        filename = f"guide-{letter.company.id}-{letter.country.lower()}.pdf"
    elif name == "letter.txt":
        body = letters_text(letters).encode("utf-8")
        filename = f"{stem}.txt"
    else:
        pdf = render_pdf(letters_document(letters))
        if name == "letter.pdf":
            body, filename = pdf, f"{stem}.pdf"
        else:
            body = eml_bytes(email_for(*letters), attachment=pdf, filename=f"{stem}.pdf")
            filename = f"{stem}.eml"
    return Response(body, mimetype=DOWNLOADS[name], headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})
