"""Deadlines: the law's period added to the sending date, month ends and leap years included."""
from datetime import date

import pytest

from letters.deadlines import add_business_days, deadline_for, due_date, extended_deadline_for
from letters.model import DeadlineRule


@pytest.mark.parametrize("sent_on, due", [
    (date(2026, 11, 26), date(2026, 12, 26)),
    (date(2026, 1, 31), date(2026, 2, 28)),   # no 31 February: the month's last day
    (date(2028, 1, 31), date(2028, 2, 29)),   # leap year
    (date(2026, 3, 31), date(2026, 4, 30)),
    (date(2026, 12, 31), date(2027, 1, 31)),  # across the year
    (date(2027, 2, 28), date(2027, 3, 28)),
])
def test_gdpr_deadline_is_one_calendar_month(records, sent_on, due):
    assert deadline_for(records.laws["gdpr"], sent_on) == due


def test_gdpr_extension_adds_two_months(records):
    assert extended_deadline_for(records.laws["gdpr"], date(2026, 11, 30)) == date(2027, 2, 28)


def test_uk_gdpr_deadline_is_one_month(records):
    assert deadline_for(records.laws["uk-gdpr"], date(2026, 1, 31)) == date(2026, 2, 28)


def test_no_deadline_where_no_law_sets_one(records):
    assert deadline_for(records.laws["none"], date(2026, 11, 26)) is None
    assert extended_deadline_for(records.laws["none"], date(2026, 11, 26)) is None


@pytest.mark.parametrize("start, count, due", [
    (date(2026, 11, 26), 1, date(2026, 11, 27)),   # Thursday -> Friday
    (date(2026, 11, 27), 1, date(2026, 11, 30)),   # Friday -> Monday
    (date(2026, 11, 28), 1, date(2026, 11, 30)),   # Saturday -> Monday
    (date(2026, 11, 26), 15, date(2026, 12, 17)),
    (date(2026, 12, 31), 10, date(2027, 1, 14)),
])
def test_business_days_skip_weekends(start, count, due):
    assert add_business_days(start, count) == due


def test_day_periods_are_calendar_days():
    assert due_date(DeadlineRule(provision="x", days=45), date(2026, 11, 26)) == date(2027, 1, 10)
