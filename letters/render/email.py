"""The letter as an e-mail: mailto (RFC 6068) and webmail links, and an .eml file."""
from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from datetime import datetime, timezone
from urllib.parse import quote, urlencode

from letters.compose import Letter
from letters.render.text import BETWEEN_LANGUAGES

#: Headers are written on lines of up to the 998 characters RFC 5322 allows, so that a name
#: or subject of any length objector accepts is never folded: Python 3.11's folding of
#: non-ASCII headers loses or adds spaces between encoded words (CPython gh-144156). The
#: price: encoded words longer than the 75 characters RFC 2047 asks for, which decoders
#: generally accept.
HEADERS = SMTP.clone(max_line_length=998)

#: Browsers and mail programs cut or refuse longer mailto links (about 2,000 characters in
#: Chrome and Outlook on Windows); past this the page offers copying and the .eml instead.
MAILTO_LIMIT = 1800


@dataclass(frozen=True)
class EmailDraft:
    sender_name: str
    sender_email: str
    to: str | None
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        """``mailto:`` with only ``subject`` and ``body``; CRLF line breaks as RFC 6068 asks."""
        query = "&".join(f"{key}={quote(value, safe='')}" for key, value in
                         (("subject", self.subject), ("body", crlf(self.body))))
        return f"mailto:{quote(self.to or '', safe='@')}?{query}"

    @property
    def fits_mailto(self) -> bool:
        return len(self.mailto) <= MAILTO_LIMIT

    @property
    def gmail_url(self) -> str:
        return "https://mail.google.com/mail/?" + urlencode(
            {"view": "cm", "fs": "1", "to": self.to or "", "su": self.subject,
             "body": self.body}, quote_via=quote)

    @property
    def outlook_url(self) -> str:
        return "https://outlook.live.com/mail/0/deeplink/compose?" + urlencode(
            {"to": self.to or "", "subject": self.subject, "body": self.body},
            quote_via=quote)


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def email_for(letter: Letter) -> EmailDraft:
    """The e-mail of a letter; of a bilingual letter, both languages, each with its subject."""
    if not letter.translation:
        subject, body = letter.subject, letter.text
    else:
        subject = " / ".join(half.subject for half in letter.halves)
        body = BETWEEN_LANGUAGES.join(f"{half.subject}\n\n{half.text}"
                                      for half in letter.halves)
    return EmailDraft(sender_name=letter.sender.name, sender_email=letter.sender.email,
                      to=letter.addressee.email, subject=subject, body=body)


def eml_bytes(draft: EmailDraft, *, attachment: bytes | None, filename: str,
              now: datetime | None = None) -> bytes:
    """A ready-to-send draft: headers from the standard library's policy, the PDF attached.

    ``X-Unsent: 1`` makes Outlook and others open it as a draft to send, not a sent mail.
    The policy refuses CR or LF in any header, so no input can add headers.
    """
    message = EmailMessage()
    message["From"] = Address(display_name=draft.sender_name, addr_spec=draft.sender_email)
    if draft.to:
        message["To"] = draft.to
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(now or datetime.now(timezone.utc))
    message["X-Unsent"] = "1"
    message.set_content(draft.body, cte="quoted-printable")
    if attachment is not None:
        message.add_attachment(attachment, maintype="application", subtype="pdf",
                               filename=filename)
    return message.as_bytes(policy=HEADERS)
