"""The objector command, run as a person would run it."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from letters.cli import main
from letters.i18n import long_date
from tests.conftest import pdf_words

OBJECTOR = [sys.executable, "-m", "letters"]
LETTER = ["letter", "--country", "DE", "--company", "meta", "--request", "object-ai-training",
          "--name", "Erika Mustermann", "--email", "erika@example.org", "--sent-on",
          "2026-11-26"]


def objector(*arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([*OBJECTOR, *arguments], capture_output=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr.decode()
    return result


def test_a_letter_as_text_goes_to_standard_output():
    result = objector(*LETTER, "--lang", "de")
    text = result.stdout.decode()
    assert "Art. 21 Abs. 1 DSGVO" in text and "Meta Platforms Ireland Limited" in text
    assert "26. Dezember 2026" in text


def test_a_letter_as_pdf_is_written_to_the_output_file(tmp_path):
    target = tmp_path / "brief.pdf"
    result = objector(*LETTER, "--lang", "de", "--output", str(target))
    assert result.stdout == b"" and target.read_bytes().startswith(b"%PDF-")
    assert "Art. 21 Abs. 1 DSGVO" in pdf_words(target.read_bytes())


@pytest.mark.parametrize("fmt, marker", [("html", "<article class=\"letter\""),
                                         ("eml", "X-Unsent: 1"), ("text", "Dear Sir")])
def test_text_formats_go_to_standard_output(fmt, marker):
    assert marker in objector(*LETTER, "--format", fmt).stdout.decode()


def test_the_mailto_format_prints_one_link_that_decodes_to_the_letter():
    link = objector(*LETTER, "--format", "mailto").stdout.decode().strip()
    body = parse_qs(urlsplit(link).query)["body"][0]
    text = objector(*LETTER).stdout.decode()
    assert body.replace("\r\n", "\n") in text


def test_the_format_follows_the_output_extension(tmp_path):
    objector(*LETTER, "--output", str(tmp_path / "x.eml"))
    assert b"Content-Type: application/pdf" in (tmp_path / "x.eml").read_bytes()


def test_a_letter_from_ohio_claims_no_law():
    arguments = [{"DE": "US-OH", "object-ai-training": "do-not-train"}.get(a, a) for a in LETTER]
    text = objector(*arguments).stdout.decode()
    assert "Meta Platforms, Inc." in text and "GDPR" not in text and "Art." not in text


def test_guides_in_every_format(tmp_path):
    text = objector("guide", "--company", "meta", "--country", "DE", "--lang", "de").stdout
    assert "767264225370182" in text.decode()
    objector("guide", "--company", "meta", "--country", "DE", "--output",
             str(tmp_path / "guide.pdf"))
    assert "Instagram" in pdf_words((tmp_path / "guide.pdf").read_bytes())


def test_list_countries_as_json():
    rows = json.loads(objector("list", "countries", "--json", "--lang", "de").stdout)
    by_code = {row["code"]: row for row in rows}
    assert by_code["DE"]["name"] == "Deutschland" and by_code["DE"]["law"] == "gdpr"
    assert by_code["GB"]["law"] == "uk-gdpr" and by_code["US"]["law"] == "none"
    assert by_code["US-CA"]["law"] == "us-ca-ccpa" and by_code["CA-QC"]["law"] == \
        "ca-qc-private-sector"
    assert by_code["DE-BY"]["law"] == "gdpr" and by_code["DE-BY"]["name"] == \
        "Bayern, Deutschland"
    assert "opt-out-sale-sharing" in by_code["US-TX"]["requests"]
    assert by_code["US-OH"]["requests"] == ["do-not-train"]
    assert len(rows) == 249 + 57 + 13 + 16  # countries, and the US, CA and DE subdivisions


def test_list_companies_and_requests():
    assert "meta\tMeta" in objector("list", "companies").stdout.decode()
    rows = json.loads(objector("list", "requests", "--country", "FR", "--json").stdout)
    assert [row["id"] for row in rows] == [
        "object-ai-training", "object-direct-marketing", "object-profiling", "erasure",
        "access", "restriction", "withdraw-consent"]


@pytest.mark.parametrize("change, message", [
    (("--country", "XX"), "There is no country with the code XX."),
    (("--company", "acme"), "objector has no company called “acme”."),
    (("--email", "not-an-address"), "Enter an e-mail address in the correct format"),
    (("--name", ""), "Enter your full name."),
    (("--lang", "xx"), "objector cannot write letters in “xx” yet."),
    (("--sent-on", "26.11.2026"), "not a date in the form YYYY-MM-DD"),
    (("--format", "docx"), "invalid choice: 'docx'"),
])
def test_bad_input_ends_with_one_line_and_exit_status_2(tmp_path, change, message):
    arguments = list(LETTER)
    if change[0] in arguments:
        arguments[arguments.index(change[0]) + 1] = change[1]
    else:
        arguments += list(change)
    target = tmp_path / "letter.pdf"
    result = objector(*arguments, "--output", str(target), check=False)
    assert result.returncode == 2
    error = result.stderr.decode()
    assert error.count("\n") == 1 and error.startswith("objector: error: "), error
    assert message in error and "Traceback" not in error
    assert list(tmp_path.iterdir()) == []


def test_errors_are_in_the_letters_language():
    result = objector(*LETTER, "--lang", "de", "--email", "kaputt", check=False)
    assert result.returncode == 2
    assert "E-Mail-Adresse" in result.stderr.decode()


def test_a_missing_output_folder_is_an_error_not_a_traceback(tmp_path):
    result = objector(*LETTER, "--output", str(tmp_path / "no" / "such" / "x.pdf"), check=False)
    assert result.returncode == 2 and "does not exist" in result.stderr.decode()


def test_the_console_script_is_installed():
    script = Path(sys.executable).with_name("objector")
    assert script.exists()
    result = subprocess.run([str(script), "list", "requests"], capture_output=True, timeout=60)
    assert result.returncode == 0 and b"object-ai-training" in result.stdout


# -- reminders, complaints and calendars ------------------------------------------------------
SENT = date.today() - timedelta(days=60)
FOLLOW_UP = ["letter", "--company", "meta", "--name", "Erika Mustermann", "--email",
             "erika@example.org", "--sent-on", SENT.isoformat()]


def test_a_reminder_cites_the_request_sent_on_the_given_day():
    text = objector(*FOLLOW_UP, "--request", "reminder", "--country", "DE").stdout.decode()
    assert f"On {long_date(SENT, 'en', 'DE')} I sent you my request “Objection under " \
        "Art. 21(1) GDPR" in text
    assert "Meta Platforms Ireland Limited" in text.split("Reminder:")[0]


def test_a_complaint_goes_to_the_authority_of_the_state(tmp_path):
    target = tmp_path / "beschwerde.pdf"
    objector(*FOLLOW_UP, "--request", "complaint", "--country", "DE-BY", "--lang", "de",
             "--output", str(target))
    words = pdf_words(target.read_bytes())
    assert "Bayerisches Landesamt für Datenschutzaufsicht (BayLDA) Promenade 27" in words
    assert "Beschwerde gemäß Art. 77 DSGVO gegen Meta Platforms Ireland Limited" in words


def test_a_complaint_by_e_mail_is_addressed_to_the_authority():
    link = objector(*FOLLOW_UP, "--request", "complaint", "--country", "IE", "--format",
                    "mailto").stdout.decode().strip()
    assert urlsplit(link).path == "info@dataprotection.ie"
    assert parse_qs(urlsplit(link).query)["subject"] == [
        "Complaint under Art. 77 GDPR against Meta Platforms Ireland Limited"]


def test_a_complaint_after_an_answer_can_come_before_the_deadline():
    arguments = [a if a != SENT.isoformat() else date.today().isoformat() for a in FOLLOW_UP]
    text = objector(*arguments, "--request", "complaint", "--answered", "--country", "GB",
                    "--reason", "Meta refused.").stdout.decode()
    assert "Information Commissioner's Office (ICO)" in text and "Meta refused." in text


@pytest.mark.parametrize("arguments, message", [
    (("--request", "complaint", "--country", "US-OH"),
     "objector knows of no law where you live that lets you complain to an authority"),
    (("--request", "complaint", "--country", "DE"),
     "Complaints in Germany go to the authority of your state: choose it, for example DE-BB."),
    (("--request", "reminder", "--country", "DE", "--sent-on", date.today().isoformat()),
     "to answer. You can send a reminder after that day."),
    (("--request", "reminder", "--country", "DE", "--sent-on", "2026-02-30"),
     "argument --sent-on: not a date in the form YYYY-MM-DD: '2026-02-30'"),
    (("--request", "reminder", "--country", "DE", "--sent-on", "yesterday"),
     "not a date in the form YYYY-MM-DD: 'yesterday'"),
    (("--request", "reminder", "--country", "DE",
      "--sent-on", (date.today() + timedelta(days=1)).isoformat()),
     "The date you sent your letter must be today or in the past."),
    (("--request", "complaint", "--country", "IE", "--original", "object-everything"),
     "objector has no request called “object-everything”."),
    (("--request", "reminder", "--country", "IE", "--answered"),
     "--answered goes with --request complaint"),
    (("--request", "object-ai-training", "--country", "IE", "--original", "x"),
     "--original and --answered go with --request reminder or complaint"),
    (("--request", "reminder", "--country", "IE", "--format", "ics"),
     "No law known to objector sets a deadline for this letter"),
])
def test_follow_ups_that_cannot_be_written_end_with_one_line(tmp_path, capsys, arguments,
                                                            message):
    """In-process, as the matrix runs the command: the same code path, many times faster."""
    base = list(FOLLOW_UP)
    if "--sent-on" in arguments:
        del base[base.index("--sent-on"):base.index("--sent-on") + 2]
    status = main([*base, *arguments, "--output", str(tmp_path / "x.pdf")])
    error = capsys.readouterr().err
    assert status == 2 and error.count("\n") == 1, error
    assert error.startswith("objector: error: ") and message in error
    assert list(tmp_path.iterdir()) == []


def test_a_follow_up_needs_the_day_the_request_was_sent():
    arguments = FOLLOW_UP[:FOLLOW_UP.index("--sent-on")]
    result = objector(*arguments, "--request", "reminder", "--country", "DE", check=False)
    assert result.returncode == 2
    assert "a reminder needs --sent-on YYYY-MM-DD" in result.stderr.decode()


def test_the_deadline_as_a_calendar_file(tmp_path):
    target = tmp_path / "deadline.ics"
    objector(*LETTER, "--output", str(target))
    event = Calendar.from_ical(target.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == date(2026, 12, 26)
    assert b"Erika" not in target.read_bytes()
