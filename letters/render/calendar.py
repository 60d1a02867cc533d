"""The deadline of a letter in a calendar: an iCalendar file (RFC 5545) made with the
icalendar library, and links that open Google Calendar or Outlook.com with the same event.

The event says which company must answer which request by when; it holds nothing about the
person (no name, address, e-mail or account), so the links may carry it in their address.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from urllib.parse import quote, urlencode

from icalendar import Alarm, Calendar, Event

from letters.compose import Letter
from letters.i18n import translate

PRODUCT_ID = "-//objector//deadline reminder//EN"
#: The reminder pops up at 09:00 on the deadline day (all-day events start at midnight).
ALARM_AFTER_START = timedelta(hours=9)


@dataclass(frozen=True)
class DeadlineEvent:
    """An all-day event on the day a company must have answered."""

    day: date
    summary: str
    description: str

    @property
    def end(self) -> date:
        """All-day events end, exclusively, on the next day (RFC 5545 DTEND)."""
        return self.day + timedelta(days=1)

    def ics(self, *, uid: str | None = None, now: datetime | None = None) -> bytes:
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        event = Event()
        event.add("uid", uid or f"{uuid.uuid4()}@objector")
        event.add("dtstamp", now or datetime.now(timezone.utc))
        event.add("dtstart", self.day)
        event.add("dtend", self.end)
        event.add("summary", self.summary)
        event.add("description", self.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", ALARM_AFTER_START)
        alarm.add("description", self.summary)
        event.add_component(alarm)
        calendar.add_component(event)
        return calendar.to_ical()

    @property
    def google_url(self) -> str:
        dates = f"{self.day:%Y%m%d}/{self.end:%Y%m%d}"
        return "https://calendar.google.com/calendar/render?" + urlencode(
            {"action": "TEMPLATE", "text": self.summary, "dates": dates,
             "details": self.description}, quote_via=_quote)

    @property
    def outlook_url(self) -> str:
        return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
            {"path": "/calendar/action/compose", "rru": "addevent",
             "startdt": self.day.isoformat(), "enddt": self.end.isoformat(), "allday": "true",
             "subject": self.summary, "body": self.description}, quote_via=_quote)


def _quote(value: str, *_: object) -> str:
    """Percent-encoding that leaves "/" as the calendars write it (dates=A/B, path=/...)."""
    return quote(value, safe="/")


def deadline_event(letter: Letter) -> DeadlineEvent | None:
    """The event for a request's deadline, in the letter's language; None without one."""
    rule = letter.deadline_rule
    if letter.deadline is None or rule is None:
        return None
    language = letter.language
    summary = translate(language, "Last day for %(company)s to answer your letter",
                        company=letter.company.name)
    description = translate(
        language, "You sent “%(subject)s” to %(controller)s on %(date)s. Under %(rule)s it "
        "must answer by today. If no answer has arrived, objector writes a reminder or a "
        "complaint for you: on its start page, choose “I already sent a letter”.",
        subject=letter.subject, controller=letter.controller.name,
        date=letter.format_date(letter.sent_on),
        rule=letter.law.cite(rule.provision, language))
    return DeadlineEvent(day=letter.deadline, summary=summary, description=description)
