"""What next, on the web: the calendar entry on the result page, and "I already sent a letter"
from the start page to a reminder or a complaint, with their downloads."""
from __future__ import annotations

import email
from datetime import date, timedelta
from email import policy
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from letters import records
from letters.deadlines import deadline_for
from letters.i18n import long_date
from tests.conftest import ANSWERS, REGIONS, answer_pages, pdf_words

SENT = date.today() - timedelta(days=60)


def day_fields(day: date) -> dict[str, str]:
    return {"sent_day": str(day.day), "sent_month": str(day.month), "sent_year": str(day.year)}


@pytest.fixture
def follow(browser):
    """From the start page through "I already sent a letter" to the result (or ``until``)."""
    def go(lang="en", country="DE", follow_up="reminder", sent_on=SENT, until="result",
           region=None, request="object-ai-training", **details):
        link = {"en": "I already sent a letter", "de": "Ich habe bereits einen Brief"}[lang]
        return answer_pages(browser(f"/{lang}/").follow(link), [
            ("country", {"country": country}),
            ("region", {"region": region or REGIONS.get(country, "")}),
            ("company", {"company": "meta"}), ("request", {"request": request}),
            ("sent", day_fields(sent_on)), ("next", {"follow_up": follow_up}),
            ("details", {**ANSWERS, **details}), ("language", {}), ("check", {})], until)
    return go


# -- the calendar on the result page --------------------------------------------------------
def test_the_result_page_offers_the_deadline_for_calendars(walk):
    page = walk()
    deadline = deadline_for(records.load().laws["gdpr"], date.today())
    links = {a.get_text(strip=True): a["href"] for a in page.soup.find_all("a")}
    google = urlsplit(links["Add it to Google Calendar"])
    outlook = urlsplit(links["Add it to Outlook.com"])
    assert google.netloc == "calendar.google.com" and f"{deadline:%Y%m%d}" in google.query
    assert outlook.netloc == "outlook.live.com" and deadline.isoformat() in outlook.query
    assert "Erika" not in google.query + outlook.query
    download = page.submit("calendar entry (.ics)")
    assert download.status == 200 and download.response.mimetype == "text/calendar"
    assert download.response.headers["Cache-Control"] == "no-store"
    assert download.history[-1].endswith("/download/deadline.ics")
    disposition = download.response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="deadline-meta-{deadline.isoformat()}.ics"'
    event = Calendar.from_ical(download.response.data).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == deadline
    assert b"Erika" not in download.response.data and b"example.org" not in download.response.data


def test_the_result_page_says_where_complaints_go(walk):
    what_next = walk(country="IE").text().split("What next")[-1]
    assert "Complaints go to Data Protection Commission (Ireland)" in what_next
    assert "I already sent a letter" in what_next


@pytest.mark.parametrize("region, kind, said", [
    ("US-OH", "do-not-train", "knows of no law where you live that lets you complain"),
    ("US-FL", "delete", "knows no authority that takes complaints about this where you live"),
    ("US-CO", "delete", "knows no complaint form, e-mail address or postal address for it"),
])
def test_the_result_page_is_honest_where_no_complaint_can_be_written(walk, region, kind, said):
    what_next = walk(country="US", region=region, request=kind).text().split("What next")[-1]
    assert said in what_next
    if kind == "do-not-train":
        assert "calendar" not in what_next


# -- a reminder ------------------------------------------------------------------------------
def test_a_reminder_from_the_start_page_to_the_pdf(follow):
    page = follow(follow_up="reminder")
    assert page.status == 200 and page.h1 == "Your reminder to Meta is ready"
    preview = " ".join(page.soup.select_one(".paper").get_text(" ").split())
    sent = long_date(SENT, "en", "DE")
    assert f"On {sent} I sent you my request “Objection under Art. 21(1) GDPR" in preview
    assert "Art. 12(3) GDPR" in preview and "Meta Platforms Ireland Limited" in preview
    pdf = page.submit("Download the letter (PDF)")
    assert pdf.response.mimetype == "application/pdf"
    assert pdf.response.headers["Content-Disposition"] == \
        f'attachment; filename="reminder-meta-{date.today().isoformat()}.pdf"'
    words = pdf_words(pdf.response.data)
    assert "Reminder: Objection under Art. 21(1) GDPR" in words and sent in words


def test_a_reminder_page_hides_what_only_a_complaint_needs(follow):
    details = follow(follow_up="reminder", until="details")
    assert details.soup.find(attrs={"name": "reason"}) is None
    language = details.submit(**{k: v for k, v in ANSWERS.items() if k != "reason"})
    assert language.soup.find(attrs={"name": "bilingual"}) is None   # one letter followed up
    check = language.submit()
    assert "Sent on" in check.text() and long_date(SENT, "en", "DE") in check.text()
    assert "Send Meta a reminder" in check.text()


def test_a_reminder_before_the_deadline_is_explained_at_the_choice(follow):
    page = follow(follow_up="reminder", sent_on=date.today(), until="details")
    deadline = long_date(deadline_for(records.load().laws["gdpr"], date.today()), "en", "DE")
    assert page.title.startswith("Error:")
    assert page.field_error("follow_up") == (
        f"Error: Meta has until {deadline} to answer. You can send a reminder after that day.")


@pytest.mark.parametrize("fields, message", [
    ({"sent_day": "", "sent_month": "", "sent_year": ""}, "Enter the date you sent your letter"),
    ({"sent_day": "31", "sent_month": "2", "sent_year": "2026"}, "Enter a real date"),
    ({"sent_day": "x", "sent_month": "1", "sent_year": "2026"}, "Enter a real date"),
    (day_fields(date.today() + timedelta(days=1)), "must be today or in the past"),
])
def test_a_wrong_date_is_explained_and_kept(follow, fields, message):
    page = follow(until="sent").submit(**fields)
    assert page.title.startswith("Error:") and message in page.errors()[0]
    assert page.soup.select_one(".error-summary a")["href"] == "#sent_day"
    assert page.value("sent_day") == fields["sent_day"]
    assert page.soup.find(id="sent_day")["aria-invalid"] == "true"


# -- a complaint -----------------------------------------------------------------------------
def test_a_complaint_in_germany_goes_to_the_authority_of_the_state(follow):
    state = follow(country="DE", until="region")
    assert state.h1 == "Which federal state do you live in?"
    page = follow(country="DE", follow_up="complaint", region="DE-BY")
    assert page.h1 == ("Your complaint to Bavarian Data Protection Authority (private sector) "
                       "is ready")
    recipient = page.soup.select_one(".letter-recipient").get_text(" ")
    assert "Bayerisches Landesamt für Datenschutzaufsicht" in recipient
    assert "Promenade 27" in recipient
    preview = " ".join(page.soup.select_one(".paper").get_text(" ").split())
    assert "Complaint under Art. 77 GDPR against Meta Platforms Ireland Limited" in preview
    assert long_date(SENT, "en", "DE") in preview
    assert page.soup.find("a", href="https://www.lda.bayern.de/de/beschwerde.html")
    assert "poststelle@lda.bayern.de" in page.soup.select_one(".email-fields").get_text()


def test_the_complaint_downloads_are_addressed_to_the_authority(follow):
    page = follow(country="IE", follow_up="complaint")
    message = email.message_from_bytes(page.submit(".eml").response.data, policy=policy.default)
    assert message["To"] == "info@dataprotection.ie"
    assert message["Subject"] == ("Complaint under Art. 77 GDPR against Meta Platforms Ireland "
                                  "Limited")
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == f"complaint-meta-{date.today().isoformat()}.pdf"
    assert "21 Fitzwilliam Square South" in pdf_words(attachment.get_content())


def test_a_complaint_after_an_answer_carries_what_happened(follow):
    page = follow(country="FR", follow_up="complaint-answered", sent_on=date.today(),
                  reason="Meta replied with a form letter.")
    preview = page.soup.select_one(".paper").get_text(" ")
    assert "The controller answered, but did not do what I asked." in preview
    assert "Meta replied with a form letter." in preview
    assert "accepts complaints only in these languages: French." in page.text()


def test_no_complaint_is_offered_where_none_is_possible(follow):
    page = follow(country="US", region="US-OH", request="do-not-train", until="next")
    assert [i["value"] for i in page.soup.select("input[name=follow_up]")] == ["reminder"]
    assert "knows of no law where you live that lets you complain" in page.text()
    tampered = page.submit(follow_up="complaint")
    assert "knows of no law where you live" in tampered.field_error("follow_up")


def test_a_complaint_page_in_german(follow):
    page = follow(lang="de", country="DE", follow_up="complaint", region="DE-BY")
    assert page.soup.html["lang"] == "de"
    preview = " ".join(page.soup.select_one(".paper").get_text(" ").split())
    assert "Beschwerde gemäß Art. 77 DSGVO gegen Meta Platforms Ireland Limited" in preview
    assert "hiermit lege ich gemäß Art. 77 DSGVO Beschwerde" in preview


def test_nothing_typed_in_the_follow_up_reaches_a_url(follow):
    page = follow(country="IE", follow_up="complaint", name="Sentinel7Q9Zed")
    assert not any("Sentinel7Q9Zed" in url for url in page.history)
    for link in page.soup.find_all("a"):
        assert "Sentinel7Q9Zed" not in link.get("href", "") or link["href"].startswith(
            ("mailto:", "https://mail.google.com/", "https://outlook.live.com/mail/"))


@pytest.mark.parametrize("until", ["sent", "next", "details", "check", "result"])
def test_every_follow_up_page_has_one_h1_and_labelled_fields(follow, until):
    page = follow(country="DE", until=until, follow_up="complaint", region="DE-BY")
    assert page.status == 200
    assert page.status == 200 and len(page.soup.find_all("h1")) == 1
    for element in page.soup.find_all(["input", "select", "textarea"]):
        if element.get("type") in ("hidden", "submit"):
            continue
        assert page.soup.find("label", attrs={"for": element["id"]}), element


def test_the_typed_date_survives_a_language_switch(follow):
    page = follow(until="sent").submit("Deutsch", sent_day="3", sent_month="10",
                                       sent_year="2026")
    assert page.soup.html["lang"] == "de" and page.errors() == []
    assert [page.value(f"sent_{part}") for part in ("day", "month", "year")] == \
        ["3", "10", "2026"]


@pytest.mark.parametrize("tampered, shown", [
    ({"sent_day": "99"}, "sent_day"),
    ({"follow_up": "complaint-everything"}, "follow_up"),
])
def test_tampered_follow_up_answers_send_people_back_to_the_question(follow, tampered, shown):
    page = follow(country="IE", until="check").submit(**tampered)
    assert page.status == 200 and page.title.startswith("Error:")
    assert page.soup.find(id=shown) is not None or page.soup.find(id=f"{shown}-0") is not None


def test_a_follow_up_answer_smuggled_into_a_new_request_is_ignored(walk):
    page = walk(until="check").submit(follow_up="reminder", sent_day="1")
    assert page.status == 200 and "Your letter to Meta is ready" in page.h1


def test_a_follow_up_is_about_one_company(follow):
    page = follow(country="IE", until="sent").submit("Back")
    assert page.h1 == "What did you ask for in your letter?"
    page = page.submit("Back")
    assert page.h1 == "Which company did you write to?"
    page = page.submit(company=["meta", "google"])
    assert "Choose one company: a reminder or complaint follows up one letter." in \
        page.field_error("company")


def test_letters_to_several_companies_say_where_complaints_go(walk):
    page = walk(country="IE", company=["meta", "google"])
    what_next = page.text().split("What next")[-1]
    assert "Complaints go to Data Protection Commission (Ireland)" in what_next
    assert "If you have no answer by" in what_next
