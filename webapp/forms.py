"""One form per question page. Rules on what a field may hold live in the core
(``letters.person``), so the web and the command line refuse the same things."""
from __future__ import annotations

import functools
from datetime import date
from typing import Sequence

from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField,
)
from wtforms.validators import InputRequired, ValidationError

from letters import records
from letters.batch import chosen_companies
from letters.complaints import complaint_route
from letters.compose import check_language, company_language
from letters.errors import InvalidInput, LetterError
from letters.follow_ups import COMPLAINT, REMINDER, check_follow_up
from letters.i18n import N_, country_name, language_name, languages, sort_key, translate
from letters.model import Company
from letters.person import LIMITS, checked_email, clean
from webapp.answers import STEPS, Answers


def _language() -> str:
    return str(get_locale())


class StepForm(FlaskForm):
    """A question page's form; CSRF is checked for every POST by ``CSRFProtect``."""

    step = ""

    class Meta:
        csrf = False

    def answers(self) -> dict[str, str]:
        """What the page's fields change in the answers."""
        return {name: self[name].data or "" for name in STEPS[self.step]}


class PersonField:
    """Cleans a field the way letters do and reports the core's message, translated."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, form: FlaskForm, field: StringField) -> None:
        try:
            field.data = clean(self.name, field.data)
            if self.name == "email":
                field.data = checked_email(field.data)
            elif self.name == "name" and not field.data:
                raise InvalidInput(N_("Enter your full name."), field="name")
            elif self.name == "account" and not field.data and form.accounts_required:
                raise InvalidInput(N_("Enter your account name or a link to your profile."),
                                   field="account")
        except LetterError as error:
            field.errors[:] = []
            raise ValidationError(error.translated(_language())) from None


class CountryForm(StepForm):
    step = "country"
    country = SelectField(_l("Where do you live?"), validate_choice=False,
                          validators=[InputRequired(_l("Select the country where you live."))],
                          description=_l("The law of the country where you live decides "
                                         "what you can ask for."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("Choose a country")), *country_choices(_language())]

    def validate_country(self, field: SelectField) -> None:
        try:
            field.data = records.load().jurisdiction(field.data).code
        except LetterError as error:
            raise ValidationError(error.translated(_language())) from None


class RegionForm(StepForm):
    """The state or province, for countries whose law or authority depends on it."""

    step = "region"
    region = SelectField(validate_choice=False)

    def __init__(self, *args, country: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = _language()
        self.listing = records.load().subdivisions_of(country)
        names = self.listing.names if self.listing else {}
        self.region.label.text = translate(language, self.listing.question) if self.listing else ""
        self.region.description = translate(language, self.listing.hint) if self.listing else ""
        choices = sorted(((code, translate(language, name)) for code, name in names.items()),
                         key=lambda item: sort_key(language)(item[1]))
        self.region.choices = [("", _l("Choose from the list"))] + choices

    def validate_region(self, field: SelectField) -> None:
        if self.listing is None:
            field.data = ""
            return
        code = (field.data or "").strip().upper()
        if code not in self.listing.names:
            raise ValidationError(translate(_language(), self.listing.missing))
        field.data = code


class CompanyForm(StepForm):
    """One or more companies: checkboxes, listed by ``webapp.company_list`` (too many for a
    list of choices here once the community overlay holds thousands)."""

    step = "company"
    company = SelectMultipleField(_l("Which companies do you want to write to?"),
                                  validate_choice=False,
                                  description=_l("Choose one or more. objector writes a letter "
                                                 "to each from the same details."))

    def __init__(self, *args, country: str = "", sent: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country = country
        self.single = sent
        if sent:
            self.company.label.text = _l("Which company did you write to?")
            self.company.description = _l("Choose the company you sent your letter to.")

    def validate_company(self, field: SelectMultipleField) -> None:
        found = records.load()
        try:
            field.data = chosen_companies(field.data or ())
            if self.single and len(field.data) > 1:
                raise ValidationError(_("Choose one company: a reminder or complaint follows "
                                        "up one letter."))
            where = found.jurisdiction(self.country).code if self.country else None
            for slug in field.data:
                company = found.company(slug)
                if where:
                    found.controller_for(company, where)
        except LetterError as error:
            raise ValidationError(error.translated(_language())) from None


class RequestForm(StepForm):
    step = "request"
    request = RadioField(_l("What do you want to ask for?"), validate_choice=False,
                         validators=[InputRequired(_l("Select what you want to ask for."))])

    def __init__(self, *args, country: str = "", sent: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if sent:
            self.request.label.text = _l("What did you ask for in your letter?")
        self.jurisdiction = None
        found = records.load()
        try:
            self.jurisdiction = found.jurisdiction(country)
        except LetterError:
            kinds = []
        else:
            kinds = found.offered(self.jurisdiction)
        language = _language()
        self.request.choices = [(kind.id, translate(language, kind.title)) for kind in kinds]

    def validate_request(self, field: RadioField) -> None:
        found = records.load()
        try:
            kind = found.request(field.data)
            if self.jurisdiction is None:
                raise ValidationError(_l("Select the country where you live first."))
            found.require_offered(kind, self.jurisdiction)
        except LetterError as error:
            raise ValidationError(error.translated(_language())) from None


class DetailsForm(StepForm):
    step = "details"
    name = StringField(_l("Full name"), validators=[PersonField("name")],
                       description=_l("As the company knows you, for example on your "
                                      "account."))
    email = StringField(_l("E-mail address"), validators=[PersonField("email")],
                        description=_l("The company will reply to this address."))
    address = TextAreaField(_l("Postal address (optional)"), validators=[PersonField("address")],
                            description=_l("Printed at the top of the letter. Leave it out "
                                           "if you send the letter by e-mail."))
    place = StringField(_l("Town or city (optional)"), validators=[PersonField("place")],
                        description=_l("Shown before the date, as in “Berlin, 26 November "
                                       "2026”."))
    account = StringField(_l("Account name or profile link"),
                          validators=[PersonField("account")],
                          description=_l("Helps the company find your account, for example "
                                         "@yourname or the address of your profile page."))
    reason = TextAreaField(_l("Your particular situation (optional)"),
                           validators=[PersonField("reason")],
                           description=_l("Why the use of your data affects you, for example "
                                          "your work or your safety. The law lets you "
                                          "object on grounds relating to your particular "
                                          "situation; giving them makes your objection "
                                          "stronger."))

    limits = LIMITS

    def __init__(self, *args, accounts_required: bool = True,
                 particular_situation: bool = True, follow_up: str = "",
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.accounts_required = accounts_required
        if not accounts_required:
            self.account.label.text = _l("Account name or profile link (optional)")
        if not particular_situation:
            # Only the GDPR family weighs "grounds relating to your particular situation".
            self.reason.label.text = _l("Your reasons (optional)")
            self.reason.description = _l("Why the use of your data affects you, for example "
                                         "your work or your safety. They go into your letter "
                                         "in your own words.")
        if follow_up == REMINDER:
            del self["reason"]  # a reminder only repeats the request
        elif follow_up:
            self.reason.label.text = _l("What happened (optional)")
            self.reason.description = _l("For example what the company answered, or that it "
                                         "sent only an automatic reply. The authority reads "
                                         "this in your complaint.")

    def answers(self) -> dict[str, str]:
        return {name: self[name].data or "" for name in STEPS[self.step] if name in self}


class SentForm(StepForm):
    """The day a letter was sent, as three numbers (the GOV.UK date input pattern)."""

    step = "sent"
    sent_day = StringField(_l("Day"))
    sent_month = StringField(_l("Month"))
    sent_year = StringField(_l("Year"))
    legend = _l("When did you send your letter?")
    description = _l("The date you sent it by post or e-mail, for example 27 10 2026.")

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        for name in STEPS[self.step]:
            self[name].data = (self[name].data or "").strip()
        answers = Answers(**self.answers())
        if not all(self.answers().values()):
            message = _("Enter the date you sent your letter, with day, month and year.")
        elif answers.sent_on is None:
            message = _("Enter a real date, for example 27 10 2026.")
        elif answers.sent_on > date.today():
            message = _("The date you sent your letter must be today or in the past.")
        else:
            return True
        self.sent_day.errors.append(message)
        return False


#: The choices on the "what now" page: (follow-up kind, whether the company answered).
FOLLOW_UP_CHOICES = {"reminder": (REMINDER, False), "complaint": (COMPLAINT, False),
                     "complaint-answered": (COMPLAINT, True)}


class NextForm(StepForm):
    """After a letter: a reminder, or a complaint where objector can write one."""

    step = "next"
    follow_up = RadioField(_l("What do you want to do now?"), validate_choice=False,
                           validators=[InputRequired(_l("Select what you want to do now."))])

    def __init__(self, *args, answers: Answers | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.context = answers or Answers()
        found = records.load()
        self.company_id = self.context.company[0] if self.context.company else ""
        company = found.companies.get(self.company_id)
        name = company.name if company else ""
        try:
            jurisdiction = found.jurisdiction(self.context.residence)
            spec = found.request(self.context.request).spec_for(jurisdiction.law)
            route = complaint_route(found, jurisdiction,
                                    claims_law=bool(spec and spec.claims_law(jurisdiction.law)))
        except LetterError:
            route = None
        choices = [("reminder", _("Send %(company)s a reminder: it has not answered",
                                  company=name))]
        if route and route.writable:
            authority = route.authority.name(_language())
            choices += [
                ("complaint", _("Complain to %(authority)s: %(company)s has not answered",
                                authority=authority, company=name)),
                ("complaint-answered", _("Complain to %(authority)s: %(company)s answered, "
                                         "but did not do what I asked",
                                         authority=authority, company=name)),
            ]
        self.follow_up.choices = choices

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        kind, answered = FOLLOW_UP_CHOICES.get(self.follow_up.data, (self.follow_up.data, False))
        try:
            check_follow_up(records.load(), kind=kind, country=self.context.residence,
                            company=self.company_id, original=self.context.request,
                            sent_on=self.context.sent_on, answered=answered,
                            language=_language(), today=date.today())
        except LetterError as error:
            self.follow_up.errors.append(error.translated(_language()))
            return False
        return True


class LanguageForm(StepForm):
    """The letter's language, the interface's by default, and whether to add the company's
    (not for a reminder or complaint, which follows up one letter)."""

    step = "language"
    letter_language = SelectField(_l("Which language should your letter be in?"),
                                  validate_choice=False,
                                  validators=[InputRequired(_l("Select the language of your "
                                                               "letter."))])
    bilingual = BooleanField()

    def __init__(self, *args, companies: Sequence[Company] = (), bilingual: bool = True,
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        interface = _language()
        self.letter_language.data = self.letter_language.data or interface
        self.letter_language.choices = language_choices(interface)
        if not bilingual:
            del self.bilingual
            return
        self.bilingual.description = _l(
            "For a company in another country: it gets your letter in your language and in "
            "its own, one after the other, in the PDF and in the e-mail.")
        if len(companies) != 1:
            self.bilingual.label.text = _(
                "Add the same letter in each company’s language after it (a bilingual "
                "letter; English where objector does not know the company’s language)")
            return
        company = companies[0]
        wanted = company_language(company)
        if company.request_languages:
            self.letter_language.description = _(
                "%(company)s handles privacy requests in %(language)s.", company=company.name,
                language=language_name(wanted, interface))
        else:
            self.letter_language.description = _(
                "objector does not know which language %(company)s prefers; most companies "
                "understand English.", company=company.name)
        self.bilingual.label.text = _(
            "Add the same letter in %(language)s after it (a bilingual letter)",
            language=language_name(wanted, interface))

    def validate_letter_language(self, field: SelectField) -> None:
        try:
            field.data = check_language(field.data)
        except LetterError as error:
            raise ValidationError(error.translated(_language())) from None

    def answers(self) -> dict[str, str]:
        """The language, and "yes" for a bilingual letter (a ticked box travels as text)."""
        ticked = "bilingual" in self and self.bilingual.data
        return {"letter_language": self.letter_language.data or "",
                "bilingual": "yes" if ticked else ""}


def language_choices(interface: str) -> list[tuple[str, str]]:
    """Every language objector writes letters in, by its own name, then the interface's."""
    def label(code: str) -> str:
        own, here = language_name(code), language_name(code, interface)
        return own if own == here else f"{own} ({here})"
    labels = [(code, label(code)) for code in languages()]
    return sorted(labels, key=lambda item: sort_key(interface)(item[1]))


FORMS = {"country": CountryForm, "region": RegionForm, "company": CompanyForm,
         "request": RequestForm, "sent": SentForm, "next": NextForm,
         "details": DetailsForm, "language": LanguageForm}


@functools.cache
def country_choices(language: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every country, by name in ``language``: sorted once per language."""
    return tuple(sorted(((code, country_name(code, language))
                         for code in records.load().countries()),
                        key=lambda item: sort_key(language)(item[1])))


def formdata_of(step: str, answers: Answers) -> MultiDict:
    """A page's fields as a browser would post them, to check answers already given."""
    return MultiDict(answers.of(step))
