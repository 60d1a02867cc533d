"""The web flow, page by page, as a person goes through it: answers kept, errors explained,
files downloaded, and nothing personal in any URL or cookie."""
from __future__ import annotations

import email
import io
from datetime import date, timedelta
from email import policy

import pytest
from pypdf import PdfReader

from letters.deadlines import deadline_for
from letters.i18n import long_date
from tests.conftest import ANSWERS, pdf_words


# -- language -------------------------------------------------------------------------------
@pytest.mark.parametrize("accept, target", [
    ("de-AT,de;q=0.9,en;q=0.5", "/de/"), ("en-GB", "/en/"), ("fr-CA", "/fr/"),
    ("it-CH,it;q=0.9", "/it/"), ("es-MX", "/es/"), ("ja-JP", "/en/"), ("", "/en/"),
])
def test_the_root_sends_people_to_their_browsers_language(client, accept, target):
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.status_code == 303 and response.headers["Location"] == target


@pytest.mark.parametrize("lang, heading", [
    ("en", "Object to companies"), ("de", "Widerspruch"), ("fr", "Opposez-vous"),
    ("it", "Si opponga"), ("es", "Oponerse"),
])
def test_the_start_page_speaks_the_language_in_its_url(browser, lang, heading):
    page = browser(f"/{lang}/")
    assert page.status == 200 and page.soup.html["lang"] == lang and page.soup.html["dir"] == "ltr"
    assert heading in page.h1


def test_every_page_links_to_the_other_languages(browser):
    page = browser("/en/")
    assert page.soup.find("a", hreflang="de")["href"] == "/de/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/xx/").status_code == 404


# -- the flow -------------------------------------------------------------------------------
def test_the_whole_flow_in_german_ends_with_a_letter_under_article_21(walk):
    page = walk(lang="de")
    assert page.status == 200
    assert "Meta" in page.h1
    preview = " ".join(page.soup.select_one(".paper").get_text(" ").split())
    assert "Art. 21 Abs. 1 DSGVO" in preview and "Meta Platforms Ireland Limited" in preview
    due = long_date(deadline_for(_gdpr(), date.today()), "de", "DE")
    assert due in page.text()
    body = page.soup.find(id="email-body").get_text()
    assert body.startswith("Sehr geehrte Damen und Herren,") and "Erika Mustermann" in body
    assert "Meta Platforms Ireland Limited" in page.soup.select_one(".postal").get_text()
    steps = page.soup.select(".guide-steps li")
    assert steps and any("767264225370182" in step.get_text() for step in steps)


def _gdpr():
    from letters import records
    return records.load().laws["gdpr"]


def _choices(page, name):
    return [(i["value"], i.find_next("label").get_text(strip=True))
            for i in page.soup.find_all("input", attrs={"name": name})]


def test_someone_in_ohio_is_told_plainly_there_is_no_statutory_right(walk):
    request_page = walk(country="US", region="US-OH", until="request")
    assert "knows of no law where you live" in request_page.text()
    assert [value for value, _ in _choices(request_page, "request")] == ["do-not-train"]
    page = walk(country="US", region="US-OH", request="do-not-train")
    assert "No law known to objector sets Meta a deadline" in page.text()
    preview = page.soup.select_one(".paper").get_text(" ")
    assert "Meta Platforms, Inc." in preview and "GDPR" not in preview and "Art." not in preview
    assert "Make your posts or your account private" in page.text()


@pytest.mark.parametrize("step, fields, field, message", [
    ("country", {"country": ""}, "country", "Select the country where you live."),
    ("country", {"country": "XX"}, "country", "There is no country with the code XX."),
    ("company", {"company": ""}, "company", "Select at least one company you want to write to."),
    ("request", {"request": ""}, "request", "Select what you want to ask for."),
    ("details", {"name": ""}, "name", "Enter your full name."),
    ("details", {"email": "erika@"}, "email", "Enter an e-mail address in the correct format"),
    ("details", {"account": ""}, "account", "Enter your account name or a link to your profile."),
    ("details", {"reason": "x" * 4001}, "reason", "Your reasons must be 4000 characters or fewer."),
])
def test_a_wrong_answer_is_explained_at_the_top_and_at_the_field(walk, step, fields, field,
                                                                 message):
    before = {"country": "country", "company": "company", "request": "request",
              "details": "details"}[step]
    page = walk(until=before)
    page = page.submit(**({**ANSWERS, **fields} if step == "details" else fields))
    assert page.status == 200
    assert page.title.startswith("Error:")
    assert any(message in error for error in page.errors()), page.errors()
    assert message in page.field_error(field)
    summary_link = page.soup.select_one(".error-summary a")["href"]
    assert page.soup.find(id=summary_link[1:]) is not None
    target = page.soup.find(id=summary_link[1:])
    if target.get("type") in ("radio", "checkbox"):
        target = target.find_parent("fieldset")
    if target.name in ("input", "textarea", "select", "fieldset"):
        assert f"{field}-error" in target["aria-describedby"]


def test_answers_are_kept_when_another_answer_is_wrong(walk):
    page = walk(until="details").submit(**{**ANSWERS, "email": "nope"})
    assert page.value("name") == "Erika Mustermann"
    assert page.value("address") == "Musterstraße 1\n10115 Berlin"
    assert page.value("reason") == ANSWERS["reason"]
    assert page.value("email") == "nope"
    assert page.value("country") == "DE" and page.value("company") == "meta"


def test_back_keeps_every_answer(walk):
    page = walk(until="check").submit("Back")
    assert page.value("name") == "Erika Mustermann"
    page = page.submit("Back")
    assert page.value("request") == "object-ai-training"
    page = page.submit("Back").submit("Back")
    assert page.value("country") == "DE"


def test_change_on_the_check_page_returns_to_it(walk):
    check = walk(until="check")
    assert "Check your answers" in check.h1
    rows = check.soup.select(".summary-row")
    assert len(rows) == 11 and all(row.find("button") for row in rows)
    assert "Berlin" in rows[1].get_text()
    page = check.submit("Change full name")
    assert page.value("name") == "Erika Mustermann"
    page = page.submit(name="Erika Musterfrau")
    assert "Check your answers" in page.h1 and "Erika Musterfrau" in page.text()


def test_changing_the_country_on_the_check_page_keeps_the_rest(walk):
    page = walk(until="check").submit("Change where you live")
    page = page.submit(country="AT")
    assert "Check your answers" in page.h1
    assert "State or province" not in page.text() and page.value("region") == ""
    assert "Österreich" not in page.text() and "Austria" in page.text()
    assert "Erika Mustermann" in page.text()


def test_switching_language_mid_flow_keeps_what_was_typed(walk):
    page = walk(until="details").submit("Deutsch", name="Erika Mustermann",
                                        email="erika@example.org")
    assert page.soup.html["lang"] == "de"
    assert "Ihre Angaben" in page.h1
    assert page.value("name") == "Erika Mustermann" and page.value("email") == "erika@example.org"
    assert page.errors() == []


def test_the_result_page_switches_language_but_the_letter_keeps_the_chosen_one(walk):
    page = walk(lang="en").submit("Deutsch")
    assert page.soup.html["lang"] == "de" and "Ihr Brief an Meta" in page.h1
    assert "Art. 21(1) GDPR" in page.soup.select_one(".paper").get_text()


def test_tampered_hidden_answers_send_people_back_to_the_question(walk, client):
    page = walk(until="check")
    page = page.submit(country="XX")
    assert page.value("country") == "" or "There is no country" in page.text()
    assert any("There is no country with the code XX" in e for e in page.errors())


# -- downloads ------------------------------------------------------------------------------
def test_the_letter_pdf_download(walk):
    page = walk(lang="de")
    download = page.submit("PDF")
    assert download.status == 200 and download.response.mimetype == "application/pdf"
    disposition = download.response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "Erika" not in disposition
    words = pdf_words(download.response.data)
    assert "Meta Platforms Ireland Limited" in words and "Art. 21 Abs. 1 DSGVO" in words
    assert "Erika Mustermann" in words
    assert long_date(deadline_for(_gdpr(), date.today()), "de", "DE") in words


def test_the_eml_download_has_the_letter_and_the_pdf(walk):
    download = walk().submit(".eml")
    assert download.response.mimetype == "message/rfc822"
    message = email.message_from_bytes(download.response.data, policy=policy.default)
    assert message["From"].addresses[0].addr_spec == "erika@example.org"
    assert "Art. 21(1) GDPR" in message["Subject"]
    assert "Erika Mustermann" in message.get_body(("plain",)).get_content()
    pdf = next(message.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert "Merrion Road" in pdf_words(pdf.get_content())


def test_the_guide_pdf_and_text_downloads(walk):
    page = walk()
    guide = page.submit("Download this guide")
    assert guide.response.mimetype == "application/pdf"
    assert "767264225370182" in pdf_words(guide.response.data)
    text = page.submit("Download as text")
    assert text.response.content_type == "text/plain; charset=utf-8"
    assert "Dear Sir or Madam" in text.response.get_data(as_text=True)


def test_downloads_are_never_gets(client):
    response = client.get("/en/download/letter.pdf?name=Erika&email=erika@example.org")
    assert response.status_code == 405


def test_a_download_with_bad_answers_explains_instead_of_sending_a_file(walk):
    page = walk()
    page.soup  # the result page's form carries every answer
    broken = page.submit("PDF", email="broken")
    assert broken.response.mimetype == "text/html"
    assert any("correct format" in e for e in broken.errors())


def test_the_mailto_link_or_a_notice_about_its_length(walk):
    page = walk()
    mailto = [a["href"] for a in page.soup.find_all("a") if a["href"].startswith("mailto:")]
    long_notice = "too long for an e-mail link" in page.text()
    assert bool(mailto) != long_notice
    gmail = next(a["href"] for a in page.soup.find_all("a") if "mail.google.com" in a["href"])
    assert "view=cm" in gmail


def test_the_copy_button_has_a_plain_text_fallback(walk):
    page = walk()
    button = page.soup.find("button", attrs={"data-copy-target": "email-body"})
    assert button.has_attr("hidden")  # shown by the script only
    assert page.soup.find(id="email-body").has_attr("readonly")
    assert page.soup.find(attrs={"role": "status"}) is not None


# -- privacy and safety ---------------------------------------------------------------------
SENTINEL = "Sentinel7Q9Zed"


def test_nothing_typed_reaches_a_url_or_a_cookie(app, walk):
    page = walk(name=f"{SENTINEL} Name", account=f"{SENTINEL}acct", reason=SENTINEL)
    for url in page.history:
        assert SENTINEL not in url
    client = page.client
    for cookie in client._cookies.values():
        assert SENTINEL not in cookie.value
        assert SENTINEL not in _session_contents(app, cookie.value)
    for download in ("PDF", ".eml", "Download this guide"):
        response = page.submit(download).response
        assert SENTINEL not in response.headers.get("Location", "")
        assert SENTINEL not in response.headers.get("Content-Disposition", "")
        assert SENTINEL not in str(response.headers.getlist("Set-Cookie"))


def _session_contents(app, value: str) -> str:
    serializer = app.session_interface.get_signing_serializer(app)
    try:
        return str(serializer.loads(value))
    except Exception:
        return ""


def test_only_the_csrf_token_lives_in_the_session(app, walk):
    page = walk()
    cookies = list(page.client._cookies.values())
    assert [c.key for c in cookies] == ["session"]
    assert set(eval(_session_contents(app, cookies[0].value))) == {"csrf_token"}


def test_a_post_without_the_security_token_is_refused_kindly(client):
    response = client.post("/de/request", data={"step": "country", "country": "DE",
                                                 "action": "continue"})
    assert response.status_code == 400
    assert "abgelaufen" in response.get_data(as_text=True)


def test_pages_made_from_answers_are_not_cached_and_carry_security_headers(walk):
    page = walk()
    headers = page.response.headers
    assert headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    pdf = page.submit("PDF").response
    assert pdf.headers["Cache-Control"] == "no-store"


def test_pages_load_nothing_from_other_sites(walk):
    page = walk()
    for element in page.soup.find_all(["script", "link", "img", "iframe"]):
        url = element.get("src") or element.get("href") or ""
        assert not url.startswith(("http:", "https:", "//")), url
    assert not page.soup.find("script", src=False)  # no inline scripts


def test_error_pages_speak_the_persons_language(client):
    response = client.get("/de/nirgendwo")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.get_data(as_text=True)


# -- structure ------------------------------------------------------------------------------
@pytest.mark.parametrize("until", ["company", "request", "details", "language", "check", "result"])
def test_every_field_has_a_label_and_every_page_one_h1(walk, until):
    page = walk(until=until)
    assert len(page.soup.find_all("h1")) == 1
    for element in page.soup.find_all(["input", "select", "textarea"]):
        if element.get("type") in ("hidden", "submit"):
            continue
        assert page.soup.find("label", attrs={"for": element["id"]}), element


def test_personal_fields_say_what_they_are_for_autofill(walk):
    page = walk(until="details")
    expected = {"name": "name", "email": "email", "address": "street-address",
                "place": "address-level2", "account": "username"}
    for name, token in expected.items():
        assert page.soup.find(attrs={"name": name})["autocomplete"] == token
    assert "(optional)" in page.soup.find("label", attrs={"for": "address"}).get_text()


# -- states and provinces -------------------------------------------------------------------
@pytest.mark.parametrize("country, question, count", [
    ("US", "Which state or territory do you live in?", 57),
    ("CA", "Which province or territory do you live in?", 13),
    ("DE", "Which federal state do you live in?", 16),
])
def test_the_form_asks_for_the_state_or_province_where_it_matters(walk, country, question,
                                                                  count):
    page = walk(country=country, until="region")
    assert page.h1 == question and page.title.startswith(question)
    options = page.soup.find("select", attrs={"name": "region"}).find_all("option")
    assert len([o for o in options if o["value"]]) == count
    assert all(o["value"].startswith(f"{country}-") for o in options if o["value"])
    assert page.soup.find("script", src=False) is None  # a plain form: no script needed


def test_other_countries_go_straight_to_the_company(walk):
    page = walk(country="FR", until="region")
    assert page.soup.find("select", attrs={"name": "region"}) is None
    assert "Which companies" in page.h1 and "Question 2 of 5" in page.text()


def test_state_names_are_in_the_interface_language(walk):
    page = walk(lang="de", country="DE", until="region")
    labels = [o.get_text() for o in page.soup.find_all("option")]
    assert "Bayern" in labels and "Bavaria" not in labels
    assert "Question 2 of 6" in walk(country="US", until="region").text()


def test_a_state_is_required_and_a_state_of_another_country_refused(walk):
    page = walk(country="US", until="region")
    for value in ("", "DE-BY", "US-XX"):
        refused = page.submit(region=value)
        assert any("Select the state or territory where you live." in e
                   for e in refused.errors()), value


@pytest.mark.parametrize("country, region, law_words, offered, absent", [
    ("CA", "CA-QC", "Quebec’s private-sector privacy law", "withdraw-consent", "erasure"),
    ("CA", "CA-ON", "Canada’s federal privacy law", "access", "object-ai-training"),
    ("US", "US-CA", None, "limit-sensitive", "object-profiling"),
    ("US", "US-TX", None, "object-profiling", "limit-sensitive"),
    ("US", "US-OH", "knows of no law where you live", "do-not-train", "delete"),
    ("DE", "DE-BY", None, "object-ai-training", "do-not-train"),
])
def test_the_state_or_province_decides_the_law_and_the_requests(walk, country, region,
                                                               law_words, offered, absent):
    page = walk(country=country, region=region, until="request")
    values = [value for value, _ in _choices(page, "request")]
    assert offered in values and absent not in values
    if law_words:
        assert law_words.replace("’", "'") in page.text().replace("’", "'")


def test_the_check_page_shows_the_state_and_lets_people_change_it(walk):
    check = walk(country="US", region="US-VA", request="delete", until="check")
    assert "Virginia" in check.text()
    page = check.submit("Change state or province")
    assert page.value("region") == "US-VA"
    page = page.submit(region="US-CO")
    assert "Check your answers" in page.h1 and "Colorado" in page.text()


def test_a_letter_from_a_us_state_names_its_law_and_deadline(walk):
    page = walk(country="US", region="US-TX", request="opt-out-sale-sharing")
    preview = " ".join(page.soup.select_one(".paper").get_text(" ").split())
    assert "Tex. Bus. & Com. Code § 541.051(b)(5)" in preview
    assert "GDPR" not in preview and "Art." not in preview
    due = date.today() + timedelta(days=45)
    assert long_date(due, "en", "US-TX") in page.text()
    provisions = [li.get_text(" ", strip=True) for li in page.soup.select(".provisions li")]
    assert "Tex. Bus. & Com. Code § 541.052" in provisions


def test_the_result_page_says_what_the_law_does_not_oblige(walk):
    page = walk(country="CH", request="object-ai-training")
    text = page.text()
    assert "The law sets Meta no fixed number of days for this request" in text
    assert "It need not stop on your word alone" in text
    us = walk(country="US", region="US-CA", request="do-not-train")
    assert "gives you no right aimed at AI training" in us.text()
    assert "within 45 days" not in us.text()


def test_the_result_page_lists_the_cited_provisions_with_their_official_titles(walk):
    page = walk(lang="de", request="access")
    provisions = [li.get_text(" ", strip=True) for li in page.soup.select(".provisions li")]
    assert "Art. 15 Abs. 1 DSGVO – Auskunftsrecht der betroffenen Person" in provisions
    assert "Art. 77 DSGVO – Recht auf Beschwerde bei einer Aufsichtsbehörde" in provisions


def test_the_requests_are_offered_in_the_interface_language(walk):
    page = walk(lang="de", country="US", region="US-CA", until="request")
    labels = [label for _, label in _choices(page, "request")]
    assert "Dem Verkauf und der Weitergabe Ihrer Daten widersprechen" in labels
    assert "Opt out of the sale and sharing of your data" not in labels
