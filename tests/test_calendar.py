"""The deadline in a calendar: an .ics read back with icalendar and imported into a real
calendar application (khal), and Google Calendar and Outlook.com links that decode to the
same event. None of them holds anything about the person."""
from __future__ import annotations

import shutil
import subprocess
import textwrap
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from letters import compose_letter
from letters.render.calendar import deadline_event
from tests.conftest import SENT_ON

DEADLINE = date(2026, 12, 26)


@pytest.fixture
def letter(records, person):
    return compose_letter(records, country="DE", company="meta", request="object-ai-training",
                          person=person, language="en", sent_on=SENT_ON)


def personal_data(person) -> list[str]:
    return [person.name, person.email, person.account, *person.address_lines, person.place]


def test_the_ics_is_one_all_day_event_on_the_deadline_with_a_reminder(letter):
    calendar = Calendar.from_ical(deadline_event(letter).ics())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1 and calendar["VERSION"] == "2.0"
    event = events[0]
    assert event.decoded("DTSTART") == DEADLINE == letter.deadline
    assert event.decoded("DTEND") == DEADLINE + timedelta(days=1)
    assert str(event["SUMMARY"]) == "Last day for Meta to answer your letter"
    description = str(event["DESCRIPTION"])
    assert "“Objection under Art. 21(1) GDPR" in description
    assert "Meta Platforms Ireland Limited on 26 November 2026" in description
    assert "Art. 12(3) GDPR" in description
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == timedelta(hours=9)
    assert str(event["UID"]).endswith("@objector") and event.decoded("DTSTAMP")


def test_every_download_gets_its_own_uid(letter):
    event = deadline_event(letter)
    uids = {str(Calendar.from_ical(event.ics()).walk("VEVENT")[0]["UID"]) for _ in range(3)}
    assert len(uids) == 3


def test_the_calendar_holds_nothing_about_the_person(letter, person):
    event = deadline_event(letter)
    unfolded = Calendar.from_ical(event.ics()).to_ical().decode().replace("\r\n ", "")
    for value in personal_data(person) + ["Musterstraße"]:
        assert value not in unfolded
        assert value not in event.google_url and value not in event.outlook_url


def test_the_event_speaks_the_letters_language(records, person):
    letter = compose_letter(records, country="DE", company="meta",
                            request="object-ai-training", person=person, language="de",
                            sent_on=SENT_ON)
    event = Calendar.from_ical(deadline_event(letter).ics()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Letzter Tag für die Antwort von Meta auf Ihr Schreiben"
    assert "Art. 12 Abs. 3 DSGVO" in str(event["DESCRIPTION"])


@pytest.mark.parametrize("country, kind", [
    ("US-OH", "do-not-train"),        # no law known
    ("US-CA", "do-not-train"),        # a law, but a request that claims none
])
def test_no_deadline_no_event(records, person, country, kind):
    letter = compose_letter(records, country=country, company="meta", request=kind,
                            person=person, language="en", sent_on=SENT_ON)
    assert deadline_event(letter) is None


@pytest.mark.parametrize("country, kind, deadline", [
    ("US-CA", "opt-out-sale-sharing", date(2026, 12, 17)),   # 15 business days
    ("US-IA", "delete", date(2027, 2, 24)),                  # 90 days
    ("BR", "access", date(2026, 12, 11)),                    # 15 days
])
def test_the_event_falls_on_the_deadline_of_the_request(records, person, country, kind,
                                                        deadline):
    letter = compose_letter(records, country=country, company="meta", request=kind,
                            person=person, language="en", sent_on=SENT_ON)
    event = Calendar.from_ical(deadline_event(letter).ics()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == deadline


def test_the_google_calendar_link_decodes_to_the_event(letter):
    event = deadline_event(letter)
    url = urlsplit(event.google_url)
    query = parse_qs(url.query)
    assert (url.scheme, url.netloc, url.path) == ("https", "calendar.google.com",
                                                  "/calendar/render")
    assert query == {"action": ["TEMPLATE"], "text": [event.summary],
                     "dates": ["20261226/20261227"], "details": [event.description]}


def test_the_outlook_link_decodes_to_the_event(letter):
    event = deadline_event(letter)
    url = urlsplit(event.outlook_url)
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("outlook.live.com", "/calendar/0/deeplink/compose")
    assert query == {"path": ["/calendar/action/compose"], "rru": ["addevent"],
                     "startdt": ["2026-12-26"], "enddt": ["2026-12-27"], "allday": ["true"],
                     "subject": [event.summary], "body": [event.description]}


# -- a real calendar application ------------------------------------------------------------
@pytest.fixture
def khal(tmp_path):
    """khal with an empty calendar of its own in a temporary folder."""
    assert shutil.which("khal"), "khal is missing: run 'make test' to install it"
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(textwrap.dedent(f"""\
        [calendars]
        [[objector]]
        path = {tmp_path / "calendar"}
        type = calendar
        [sqlite]
        path = {tmp_path / "khal.db"}
        [locale]
        timeformat = %H:%M
        dateformat = %Y-%m-%d
        longdateformat = %Y-%m-%d
        datetimeformat = %Y-%m-%d %H:%M
        longdatetimeformat = %Y-%m-%d %H:%M
        local_timezone = UTC
        default_timezone = UTC
        [default]
        default_calendar = objector
        """), encoding="utf-8")

    def run(*arguments: str) -> str:
        result = subprocess.run(["khal", "-c", str(config), *arguments], capture_output=True,
                                text=True, timeout=60,
                                env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
                                     "LANG": "C.UTF-8"})
        assert result.returncode == 0, result.stderr
        return result.stdout
    return run


def test_khal_imports_the_event_onto_the_deadline(letter, khal, tmp_path):
    ics = tmp_path / "deadline.ics"
    ics.write_bytes(deadline_event(letter).ics())
    khal("import", "--batch", str(ics))
    listed = khal("list", "--format", "{start-date}|{title}|{alarm-symbol}", "2026-12-20", "14d")
    events = [line.strip() for line in listed.splitlines() if "|" in line]
    assert events == ["2026-12-26|Last day for Meta to answer your letter| ⏰"]
    assert "Meta" not in khal("list", "2026-12-27", "1d")
