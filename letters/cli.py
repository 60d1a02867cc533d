"""The ``objector`` command: the same letters, guides and lists as the web app.

Bad input ends with one line on standard error and exit status 2; no file is left behind.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Callable, NoReturn, Sequence

from letters import compose_letter, records
from letters.errors import LetterError, NotOffered, NotPossible
from letters.follow_ups import KINDS as FOLLOW_UPS, compose_follow_up
from letters.guides import guide_sheet
from letters.i18n import N_, SOURCE_LANGUAGE, normalize_language, translations
from letters.person import Person

EXIT_USAGE = 2
LETTER_FORMATS = ("pdf", "html", "text", "eml", "mailto", "ics")
GUIDE_FORMATS = ("pdf", "html", "text")
EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "text", ".eml": "eml",
              ".ics": "ics"}


class UsageError(Exception):
    """A mistake on the command line, reported in one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="objector", description="Objection letters, e-mails and opt-out "
                    "guides under the law where you live.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    letter = commands.add_parser("letter", help="write a letter")
    letter.add_argument("--country", required=True, help="ISO 3166 code of where you live: "
                        "a country (FR) or a state or province (US-CA, CA-QC, DE-BY)")
    letter.add_argument("--company", required=True, help="company id, see 'objector list "
                        "companies'")
    letter.add_argument("--request", required=True, help="request kind, see 'objector list "
                        "requests'; or reminder or complaint to follow up a request you sent")
    letter.add_argument("--original", default=None, metavar="REQUEST",
                        help="for a reminder or complaint: the request you sent (default: "
                        "object-ai-training, or do-not-train where no law gives that right)")
    letter.add_argument("--answered", action="store_true",
                        help="for a complaint: the company answered, but did not do what you "
                        "asked")
    letter.add_argument("--lang", default=SOURCE_LANGUAGE, help="language of the letter")
    letter.add_argument("--name", required=True)
    letter.add_argument("--email", required=True)
    letter.add_argument("--address", default="", help="postal address; \\n between lines")
    letter.add_argument("--place", default="", help="town or city shown before the date")
    letter.add_argument("--account", default="", help="account name or profile URL")
    letter.add_argument("--reason", default="", help="grounds relating to your situation; for "
                        "a complaint, what happened")
    letter.add_argument("--sent-on", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="the day the letter is sent (default: today); for a reminder or "
                        "complaint, the day you sent your request (required)")
    letter.add_argument("--format", choices=LETTER_FORMATS, default=None)
    letter.add_argument("--output", type=Path, default=None, metavar="FILE")

    guide = commands.add_parser("guide", help="a company's own opt-out steps")
    guide.add_argument("--company", required=True)
    guide.add_argument("--country", required=True)
    guide.add_argument("--lang", default=SOURCE_LANGUAGE)
    guide.add_argument("--format", choices=GUIDE_FORMATS, default=None)
    guide.add_argument("--output", type=Path, default=None, metavar="FILE")

    listing = commands.add_parser("list", help="what objector knows")
    listing.add_argument("what", choices=("countries", "companies", "requests"),
                         help="countries lists every country and the states or provinces "
                         "objector asks for, with the law and the requests offered there")
    listing.add_argument("--country", default=None, help="only what applies there")
    listing.add_argument("--lang", default=SOURCE_LANGUAGE)
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = None
    try:
        arguments = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], None] = {
            "letter": run_letter, "guide": run_guide, "list": run_list}[arguments.command]
        handler(arguments)
    except UsageError as error:
        return fail(str(error))
    except LetterError as error:
        language = normalize_language(getattr(arguments, "lang", None)) or SOURCE_LANGUAGE
        message = error.translated(language)
        if isinstance(error, NotOffered):
            message += f" (objector list requests --country {arguments.country.upper()})"
        return fail(message)
    except BrokenPipeError:
        return 0
    return 0


def fail(message: str) -> int:
    print(f"objector: error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_USAGE


def output_format(arguments: argparse.Namespace, allowed: Sequence[str]) -> str:
    if arguments.format:
        return arguments.format
    if arguments.output is not None:
        found = EXTENSIONS.get(arguments.output.suffix.lower())
        if found in allowed:
            return found
    return "text"


def run_letter(arguments: argparse.Namespace) -> None:
    from letters.render.calendar import deadline_event
    from letters.render.email import email_for, eml_bytes
    from letters.render.html import document, letter_html
    from letters.render.pdf import render_pdf
    from letters.render.text import letter_text

    person = Person.from_input(name=arguments.name, email=arguments.email,
                               address=arguments.address.replace("\\n", "\n"),
                               place=arguments.place, account=arguments.account,
                               reason=arguments.reason.replace("\\n", "\n"))
    letter = compose(arguments, person)
    kind = output_format(arguments, LETTER_FORMATS)
    check_destination(arguments, kind)

    def pdf() -> bytes:
        return render_pdf(document(letter_html(letter), language=letter.language,
                                   title=letter.subject), letter.language)

    stem = letter.file_stem
    content: bytes | str
    if kind == "ics":
        event = deadline_event(letter)
        if event is None:
            raise NotPossible(N_("No law known to objector sets a deadline for this letter, so "
                                 "there is nothing to put in a calendar."))
        content = event.ics()
    elif kind == "pdf":
        content = pdf()
    elif kind == "html":
        content = document(letter_html(letter), language=letter.language, title=letter.subject)
    elif kind == "eml":
        content = eml_bytes(email_for(letter), attachment=pdf(), filename=f"{stem}.pdf")
    elif kind == "mailto":
        content = email_for(letter).mailto + "\n"
    else:
        content = letter_text(letter)
    deliver(content, arguments.output)


def compose(arguments: argparse.Namespace, person: Person):
    """The letter the arguments ask for: a request, or a reminder or complaint about one."""
    follow_up = arguments.request.strip().lower() in FOLLOW_UPS
    if not follow_up and (arguments.original or arguments.answered):
        raise UsageError("--original and --answered go with --request reminder or complaint")
    if not follow_up:
        return compose_letter(records.load(), country=arguments.country,
                              company=arguments.company, request=arguments.request,
                              person=person, language=arguments.lang,
                              sent_on=arguments.sent_on)
    if arguments.sent_on is None:
        raise UsageError(f"a {arguments.request.strip().lower()} needs --sent-on YYYY-MM-DD: "
                         "the day you sent your request")
    if arguments.answered and arguments.request.strip().lower() != "complaint":
        raise UsageError("--answered goes with --request complaint")
    return compose_follow_up(records.load(), kind=arguments.request.strip().lower(),
                             country=arguments.country, company=arguments.company,
                             original=arguments.original, person=person,
                             language=arguments.lang, sent_on=arguments.sent_on,
                             answered=arguments.answered)


def run_guide(arguments: argparse.Namespace) -> None:
    from letters.render.html import document, guide_html
    from letters.render.pdf import render_pdf
    from letters.render.text import guide_text

    sheet = guide_sheet(records.load(), company=arguments.company, country=arguments.country,
                        language=arguments.lang)
    kind = output_format(arguments, GUIDE_FORMATS)
    check_destination(arguments, kind)
    title = sheet.company.name
    if kind == "pdf":
        content: bytes | str = render_pdf(document(guide_html(sheet), language=sheet.language,
                                                   title=title), sheet.language)
    elif kind == "html":
        content = document(guide_html(sheet), language=sheet.language, title=title)
    else:
        content = guide_text(sheet)
    deliver(content, arguments.output)


def run_list(arguments: argparse.Namespace) -> None:
    from letters.compose import check_language

    found = records.load()
    language = check_language(arguments.lang)
    tr = translations(language).gettext
    where = found.jurisdiction(arguments.country) if arguments.country else None
    rows: list[dict]
    if arguments.what == "countries":
        codes = [where.code] if where else found.places()
        rows = []
        for code in codes:
            jurisdiction = found.jurisdiction(code)
            law = jurisdiction.law
            rows.append({"code": code, "name": found.place_name(code, language),
                         "country": code.split("-")[0], "law": law.id,
                         "law_name": law.name(language).name, "statutory": law.statutory,
                         "requests": [kind.id for kind in found.offered(jurisdiction)]})
        text = [f"{r['code']}\t{r['name']}\t{r['law']}\t{','.join(r['requests'])}"
                for r in rows]
    elif arguments.what == "companies":
        rows = [{"id": c.id, "name": c.name, "brands": list(c.brands)}
                for c in found.companies.values()]
        text = [f"{r['id']}\t{r['name']}\t{', '.join(r['brands'])}" for r in rows]
    else:
        kinds = found.offered(where) if where else list(found.requests.values())
        rows = [{"id": k.id, "title": tr(k.title)} for k in kinds]
        text = [f"{r['id']}\t{r['title']}" for r in rows]
    if arguments.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print("\n".join(text))


def check_destination(arguments: argparse.Namespace, kind: str) -> None:
    output: Path | None = arguments.output
    if output is None:
        if kind == "pdf" and sys.stdout.isatty():
            raise UsageError("a PDF is not shown in a terminal: add --output FILE")
        return
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        raise UsageError(f"--output is a folder, not a file: {output}")
    if not folder.is_dir():
        raise UsageError(f"the folder for --output does not exist: {folder}")


def deliver(content: bytes | str, output: Path | None) -> None:
    """Write the whole file or nothing: a temporary file is renamed once complete."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".objector-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    os.chmod(output, 0o600)


if __name__ == "__main__":
    sys.exit(main())
