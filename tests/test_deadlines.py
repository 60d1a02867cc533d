"""Deadlines: the law's period added to the sending date, month ends and leap years included."""
from datetime import date

import pytest

from letters.deadlines import (
    add_business_days, deadline_for, due_date, extended_deadline_for, extended_due_date,
    period_phrase,
)
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


def rule(records, law, name=None):
    found = records.laws[law]
    return found.deadlines[name] if name else found.deadline


# Dates worked out by hand; the extension is counted from the end of the first period.
@pytest.mark.parametrize("law, name, sent_on, due, extended", [
    ("gdpr", None, date(2028, 1, 31), date(2028, 2, 29), date(2028, 4, 29)),
    ("uk-gdpr", None, date(2027, 8, 31), date(2027, 9, 30), date(2027, 11, 30)),
    ("us-va-vcdpa", None, date(2028, 1, 15), date(2028, 2, 29), date(2028, 4, 14)),
    ("us-tx-tdpsa", None, date(2026, 12, 31), date(2027, 2, 14), date(2027, 3, 31)),
    ("us-ia-icdpa", None, date(2026, 12, 1), date(2027, 3, 1), date(2027, 4, 15)),
    ("us-fl-fdbr", None, date(2026, 11, 26), date(2027, 1, 10), date(2027, 1, 25)),
    ("us-mn-mcdpa", None, date(2026, 11, 26), date(2027, 1, 10), None),
    ("ca-pipeda", None, date(2027, 1, 31), date(2027, 3, 2), date(2027, 4, 1)),
    ("ca-qc-private-sector", None, date(2028, 2, 1), date(2028, 3, 2), None),
    ("ch-dsg", None, date(2026, 11, 26), date(2026, 12, 26), None),
    ("br-lgpd", "access", date(2028, 2, 20), date(2028, 3, 6), None),
    ("kr-pipa", "access", date(2026, 2, 20), date(2026, 3, 2), None),
    ("kr-pipa", "suspension", date(2028, 2, 20), date(2028, 3, 1), None),
    ("us-ca-ccpa", None, date(2026, 11, 26), date(2027, 1, 10), date(2027, 2, 24)),
])
def test_each_law_counts_its_own_period(records, law, name, sent_on, due, extended):
    period = rule(records, law, name)
    assert due_date(period, sent_on) == due
    assert extended_due_date(period, sent_on) == extended


@pytest.mark.parametrize("sent_on, due", [
    (date(2026, 11, 26), date(2026, 12, 17)),   # Thursday
    (date(2026, 12, 18), date(2027, 1, 8)),     # Friday: holidays are not counted out
    (date(2026, 12, 19), date(2027, 1, 8)),     # Saturday counts from Monday
    (date(2027, 2, 28), date(2027, 3, 19)),     # Sunday at a month's end
    (date(2028, 2, 11), date(2028, 3, 3)),      # across 29 February
])
def test_ccpa_opt_outs_are_due_within_15_business_days(records, sent_on, due):
    assert due_date(rule(records, "us-ca-ccpa", "opt-out"), sent_on) == due


@pytest.mark.parametrize("law, name, language, words", [
    ("gdpr", None, "en", "within one month"),
    ("gdpr", None, "de", "innerhalb eines Monats"),
    ("us-va-vcdpa", None, "en", "within 45 days"),
    ("us-va-vcdpa", None, "de", "innerhalb von 45 Tagen"),
    ("us-ca-ccpa", "opt-out", "en", "within 15 business days"),
    ("us-ca-ccpa", "opt-out", "de", "innerhalb von 15 Arbeitstagen"),
])
def test_periods_are_said_in_words_in_the_letters_language(records, law, name, language,
                                                          words):
    assert period_phrase(rule(records, law, name), language) == words


def test_a_request_can_have_a_period_of_its_own_or_none(records):
    ccpa = records.laws["us-ca-ccpa"]
    assert records.requests["opt-out-sale-sharing"].spec_for(ccpa).deadline_rule(ccpa) == \
        ccpa.deadlines["opt-out"]
    assert records.requests["know"].spec_for(ccpa).deadline_rule(ccpa) == ccpa.deadline
    assert records.requests["limit-sensitive"].spec_for(ccpa).deadline_rule(ccpa) is None
    assert records.requests["do-not-train"].spec_for(ccpa).deadline_rule(ccpa) is None
