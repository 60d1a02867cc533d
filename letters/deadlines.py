"""When a company must answer: the law's period added to the day the request is sent.

Month arithmetic follows python-dateutil: one month after 31 January is the last day of
February, as Regulation (EEC, Euratom) No 1182/71 on time limits provides. Business
days skip Saturdays and Sundays; public holidays differ by place and are not counted out,
so a computed date is never later than the law allows.
"""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule

from letters.i18n import NP_, translate
from letters.model import DeadlineRule, Law


def deadline_for(law: Law, sent_on: date) -> date | None:
    """The last day to answer a request sent on ``sent_on`` under the law's usual period, or
    None where the law sets none (a request may have a period of its own: see
    ``LetterSpec.deadline_rule``)."""
    return due_date(law.deadline, sent_on) if law.deadline else None


def due_date(rule: DeadlineRule, sent_on: date) -> date:
    due = sent_on + relativedelta(months=rule.months, days=rule.days)
    if rule.business_days:
        due = add_business_days(due, rule.business_days)
    return due


def extended_deadline_for(law: Law, sent_on: date) -> date | None:
    """The latest day if the company uses the extension the law allows, else None."""
    return extended_due_date(law.deadline, sent_on) if law.deadline else None


def extended_due_date(rule: DeadlineRule, sent_on: date) -> date | None:
    if not (rule.extension_months or rule.extension_days):
        return None
    return due_date(rule, sent_on) + relativedelta(months=rule.extension_months,
                                                   days=rule.extension_days)


def period_phrase(rule: DeadlineRule, language: str) -> str:
    """The period in words, as a letter in ``language`` says it: "within 45 days"."""
    if rule.months == 1 and not (rule.days or rule.business_days):
        return translate(language, "within one month")
    if rule.months and not (rule.days or rule.business_days):
        return translate(language, NP_("within %(num)s month", "within %(num)s months", "num"),
                         num=rule.months)
    if rule.business_days and not (rule.months or rule.days):
        return translate(language, NP_("within %(num)s business day",
                                       "within %(num)s business days", "num"),
                         num=rule.business_days)
    if rule.days and not (rule.months or rule.business_days):
        return translate(language, NP_("within %(num)s day", "within %(num)s days", "num"),
                         num=rule.days)
    raise ValueError(f"no wording for a period of {rule}")


def add_business_days(start: date, count: int) -> date:
    """The ``count``-th weekday after ``start``."""
    weekdays = rrule(DAILY, dtstart=start + timedelta(days=1), byweekday=(MO, TU, WE, TH, FR),
                     count=count)
    return list(weekdays)[-1].date()
