"""The letter as an e-mail: mailto and webmail links decode back to the exact text; the .eml
parses back with its headers, body and PDF."""
from __future__ import annotations

import email
import io
from email import policy
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from pypdf import PdfReader

from letters import Person, compose_letter
from letters.render.email import MAILTO_LIMIT, EmailDraft, email_for, eml_bytes
from tests.conftest import SENT_ON


@pytest.fixture
def draft(records, person):
    letter = compose_letter(records, country="DE", company="meta",
                            request="object-ai-training", person=person, language="en",
                            sent_on=SENT_ON)
    return email_for(letter)


def test_the_mailto_link_decodes_back_to_the_exact_subject_and_body(draft):
    parts = urlsplit(draft.mailto)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert set(query) == {"subject", "body"}
    assert query["subject"] == [draft.subject]
    assert query["body"] == [draft.body.replace("\n", "\r\n")]
    assert "+" not in parts.query and " " not in draft.mailto


def test_mailto_encoding_follows_rfc_6068():
    tricky = EmailDraft("A", "a@example.org", "privacy@example.org",
                        "Subject & more? #1 100%", "Line 1\nLine 2 & ?body=x #frag %20")
    parts = urlsplit(tricky.mailto)
    assert unquote(parts.path) == "privacy@example.org"
    assert "%0D%0A" in parts.query and "%26" in parts.query and "%23" in parts.query
    query = parse_qs(parts.query)
    assert set(query) == {"subject", "body"}
    assert query["body"] == ["Line 1\r\nLine 2 & ?body=x #frag %20"]


def test_a_long_letter_is_too_long_for_a_mailto_link(draft):
    assert len(draft.mailto) > MAILTO_LIMIT and not draft.fits_mailto
    short = EmailDraft("A", "a@example.org", None, "Hi", "Short text.")
    assert short.fits_mailto


@pytest.mark.parametrize("link, subject_key", [("gmail_url", "su"), ("outlook_url", "subject")])
def test_webmail_links_carry_the_same_text(draft, link, subject_key):
    url = getattr(draft, link)
    parts = urlsplit(url)
    assert parts.scheme == "https"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query[subject_key] == [draft.subject]
    assert query["body"] == [draft.body]


def test_the_eml_file_parses_back_with_headers_body_and_pdf(draft):
    raw = eml_bytes(draft, attachment=b"%PDF-1.7 test", filename="letter.pdf")
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["From"].addresses[0].addr_spec == "erika@example.org"
    assert message["From"].addresses[0].display_name == "Erika Mustermann"
    assert message["Subject"] == draft.subject
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",)).get_content()
    assert body.replace("\r\n", "\n") == draft.body
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["letter.pdf"]
    assert attachments[0].get_content() == b"%PDF-1.7 test"
    assert b"\r\n" in raw and not any(len(line) > 998 for line in raw.split(b"\r\n"))


def test_a_real_pdf_survives_the_round_trip(records, person):
    from letters.render.html import document, letter_html
    from letters.render.pdf import render_pdf
    letter = compose_letter(records, country="DE", company="meta",
                            request="object-ai-training", person=person, language="en",
                            sent_on=SENT_ON)
    pdf = render_pdf(document(letter_html(letter), language="en", title=letter.subject))
    message = email.message_from_bytes(eml_bytes(email_for(letter), attachment=pdf,
                                                 filename="x.pdf"), policy=policy.default)
    attached = next(message.iter_attachments()).get_content()
    assert attached == pdf and PdfReader(io.BytesIO(attached)).pages


def test_meta_publishes_no_privacy_email_so_the_draft_has_no_recipient(draft):
    assert draft.to is None
    assert draft.mailto.startswith("mailto:?subject=")


def test_headers_refuse_line_breaks_whatever_reaches_them():
    hostile = EmailDraft("Eve\r\nBcc: x@example.org", "eve@example.org", None,
                         "Hi\r\nBcc: victim@example.org", "Body")
    with pytest.raises(ValueError):
        eml_bytes(hostile, attachment=None, filename="x.pdf")


def test_non_ascii_names_and_subjects_are_encoded(records):
    writer = Person.from_input(name="Zoë Ærøskøbing-Łukasz", email="zoe@example.org")
    letter = compose_letter(records, country="DE", company="meta",
                            request="object-ai-training", person=writer, language="de",
                            sent_on=SENT_ON)
    raw = eml_bytes(email_for(letter), attachment=None, filename="x.pdf")
    raw.decode("ascii")  # 7-bit on the wire
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["From"].addresses[0].display_name == "Zoë Ærøskøbing-Łukasz"
    assert message["Subject"] == letter.subject
