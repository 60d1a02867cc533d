"""Properties that hold for any text at all, checked with Hypothesis: the field rules either
refuse with a message or give clean text; the form never fails; mailto, webmail and .eml
builders give back exactly what went in, with no header or parameter added."""
from __future__ import annotations

import email
import re
import unicodedata
from email import policy
from email.header import decode_header, make_header
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from werkzeug.datastructures import MultiDict

from letters.errors import InvalidInput
from letters.person import BIDI_CONTROLS, LIMITS, MULTILINE, clean
from letters.render.email import EmailDraft, crlf, eml_bytes
from tests.conftest import REGIONS
from tests.test_ssrf import OTHER_TEXT_FIELDS, TEXT_FIELDS
from webapp import create_app

#: Anything a browser can send: every code point except lone surrogates, which UTF-8
#: cannot carry.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)


def accepted(field: str) -> st.SearchStrategy[str]:
    """Text as the field rules leave it, for text they accept."""
    def attempt(text: str) -> str | None:
        try:
            return clean(field, text)
        except InvalidInput:
            return None
    return st.text(st.characters(exclude_categories=("Cs",)),
                   max_size=LIMITS[field] + 20).map(attempt).filter(bool)


# -- the field rules ------------------------------------------------------------------------
@given(field=st.sampled_from(sorted(LIMITS)), text=st.text(max_size=600))
@settings(max_examples=400)
def test_any_text_is_refused_with_a_message_or_comes_out_clean(field, text):
    try:
        value = clean(field, text)
    except InvalidInput as error:
        assert error.field == field
        for language in ("en", "de"):
            message = error.translated(language)
            assert message and "%(" not in message
        return
    assert unicodedata.is_normalized("NFC", value)
    assert len(value) <= LIMITS[field]
    assert value == value.strip()
    assert not value or any(unicodedata.category(char) not in ("Zs", "Cc", "Cf")
                            for char in value)
    assert all(unicodedata.category(char) not in ("Cc", "Cs") for char in value
               if char != "\n")
    if field not in MULTILINE:
        assert "\n" not in value and not BIDI_CONTROLS & set(value)
    assert clean(field, value) == value


# -- the form, over HTTP --------------------------------------------------------------------
@pytest.fixture(scope="module")
def details_page():
    """A client on the details page, and the hidden answers and token it carries."""
    app = create_app({"TESTING": True, "SECRET_KEY": "property-tests"})
    client = app.test_client()
    page = BeautifulSoup(client.get("/en/request").get_data(as_text=True), "html.parser")
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    hidden = {"csrf_token": token, "country": "DE", "region": REGIONS["DE"],
              "company": "meta", "request": "object-ai-training", "step": "details",
              "action": "continue"}
    return client, hidden


def keep_the_suggested_language(client, page):
    """Send the letter's language question as the page suggests it; the next page."""
    form = page.find("form", id="flow")
    select = form.find("select", attrs={"name": "letter_language"})
    values = [(field["name"], field["value"]) for field in form.find_all("input", type="hidden")]
    values.append(("letter_language", (select.find("option", selected=True)
                                       or select.find("option"))["value"]))
    response = client.post("/en/request", data=MultiDict([*values, ("action", "continue")]))
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@given(answers=st.fixed_dictionaries({
    name: st.one_of(ANY_TEXT, st.just("erika@example.org" if name == "email" else "Erika"))
    for name in TEXT_FIELDS}))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_answers_give_the_check_page_or_messages_never_an_error(details_page, answers):
    client, hidden = details_page
    response = client.post("/en/request", data={**hidden, **answers})
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    summary = [a["href"][1:] for a in page.select(".error-summary li a")]
    if summary:
        assert page.title.get_text().startswith("Error:")
        assert set(summary) <= set(TEXT_FIELDS)
        return
    page = keep_the_suggested_language(client, page)
    assert page.find("input", attrs={"name": "step"})["value"] == "check"
    shown = " ".join(page.get_text(" ").split())
    for name, text in answers.items():
        assert " ".join(clean(name, text).split()) in shown


@given(day=st.fixed_dictionaries({name: st.one_of(ANY_TEXT, st.integers(1, 28).map(str))
                                  for name in OTHER_TEXT_FIELDS}))
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_date_of_a_sent_letter_gives_a_message_or_the_next_question(details_page, day):
    client, hidden = details_page
    response = client.post("/en/follow-up", data={**hidden, **day, "step": "sent"})
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    step = page.find("input", attrs={"name": "step"})["value"]
    errors = page.select(".error-summary li a")
    assert (step == "sent") == bool(errors)


# -- e-mail links ---------------------------------------------------------------------------
def query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)


@given(to=st.one_of(st.none(), st.emails()), subject=ANY_TEXT, body=ANY_TEXT)
@settings(max_examples=300)
def test_links_carry_exactly_the_subject_and_body_whatever_they_hold(to, subject, body):
    draft = EmailDraft("Erika", "erika@example.org", to, subject, body)
    parts = urlsplit(draft.mailto)
    assert parts.scheme == "mailto" and not parts.fragment
    assert unquote(parts.path) == (to or "")
    assert query(draft.mailto) == [("subject", subject), ("body", crlf(body))]
    assert " " not in draft.mailto and "+" not in parts.query
    assert query(draft.gmail_url) == [("view", "cm"), ("fs", "1"), ("to", to or ""),
                                      ("su", subject), ("body", body)]
    assert query(draft.outlook_url) == [("to", to or ""), ("subject", subject),
                                        ("body", body)]


# -- the .eml file --------------------------------------------------------------------------
HEADERS = {"From", "Subject", "Date", "X-Unsent", "MIME-Version", "Content-Type"}


@given(name=accepted("name"), subject=accepted("name"), reason=accepted("reason"),
       to=st.one_of(st.none(), st.emails()))
@settings(max_examples=150)
def test_an_eml_gives_back_every_accepted_name_subject_and_body(name, subject, reason, to):
    body = f"Dear Sir or Madam,\n\n{reason}\n\nErika\n"
    raw = eml_bytes(EmailDraft(name, "erika@example.org", to, subject, body),
                    attachment=b"%PDF-1.7 test", filename="letter.pdf")
    raw.decode("ascii")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    message = email.message_from_bytes(raw, policy=policy.default)
    assert set(message.keys()) == HEADERS | ({"To"} if to else set())
    assert message["From"].addresses[0].display_name == name
    assert message["Subject"] == subject
    # An RFC 2047 decoder that joins adjacent encoded words reads the same subject.
    legacy = email.message_from_bytes(raw, policy=policy.compat32)
    assert str(make_header(decode_header(legacy["Subject"]))) == subject
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == body
    assert [part.get_content() for part in message.iter_attachments()] == [b"%PDF-1.7 test"]


@given(name=ANY_TEXT.filter(str.strip), subject=ANY_TEXT)
@settings(max_examples=150)
def test_no_text_adds_a_header_to_an_eml(name, subject):
    try:
        raw = eml_bytes(EmailDraft(name, "erika@example.org", None, subject, "Body\n"),
                        attachment=None, filename="letter.pdf")
    except ValueError:  # the standard library's policy refuses CR and LF in headers
        assume(False)
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    names = re.findall(r"^([^\s:]+):", head, flags=re.MULTILINE)
    assert sorted(names) == sorted(HEADERS | {"Content-Transfer-Encoding"})
