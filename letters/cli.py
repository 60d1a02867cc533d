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

from letters import records
from letters.compose import Letter
from letters.errors import LetterError, NotOffered, NotPossible, RecordInvalid
from letters.follow_ups import KINDS as FOLLOW_UPS, compose_follow_up
from letters.guides import guide_sheet
from letters.i18n import (
    N_, SOURCE_LANGUAGE, long_date, normalize_language, translate, translations,
)
from letters.person import Person

EXIT_USAGE = 2
LETTER_FORMATS = ("pdf", "html", "text", "eml", "mailto", "zip", "ics")
GUIDE_FORMATS = ("pdf", "html", "text")
EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "text", ".eml": "eml",
              ".zip": "zip", ".ics": "ics"}


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
    letter.add_argument("--company", required=True, action="append", help="company id, see "
                        "'objector list companies'; repeat it to write to several companies "
                        "at once (a zip of PDFs)")
    letter.add_argument("--request", required=True, help="request kind, see 'objector list "
                        "requests'; or reminder or complaint to follow up a request you sent")
    letter.add_argument("--original", default=None, metavar="REQUEST",
                        help="for a reminder or complaint: the request you sent (default: "
                        "object-ai-training, or do-not-train where no law gives that right)")
    letter.add_argument("--answered", action="store_true",
                        help="for a complaint: the company answered, but did not do what you "
                        "asked")
    letter.add_argument("--lang", default=SOURCE_LANGUAGE, help="language of the letter "
                        "(de, ar, pt-BR or pt_BR, ...)")
    letter.add_argument("--bilingual", action="store_true", help="add the letter in the "
                        "company's language (else English) after it")
    letter.add_argument("--also-lang", default=None, metavar="LANG", help="add the letter in "
                        "this language after it (a bilingual letter)")
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
    listing.add_argument("--search", default=None, metavar="TEXT", help="companies whose "
                         "name, brands or products match TEXT, best first")
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    importer = commands.add_parser(
        "import-datenanfragen", help="offer the companies of the Datenanfragen database",
        description="Read a checkout of github.com/datenanfragen/data (or its companies "
        "folder) into the community overlay, beside objector's own records.")
    importer.add_argument("folder", type=Path, metavar="DIR")
    importer.add_argument("--lang", default=SOURCE_LANGUAGE)
    importer.add_argument("--verbose", action="store_true", help="list the skipped records")

    stale = commands.add_parser("stale", help="records verified too long ago")
    stale.add_argument("--months", type=_months, default=6, help="older than this (default 6)")
    stale.add_argument("--data", type=Path, default=None, metavar="DIR",
                       help="another copy of the records (default: objector's own)")
    stale.add_argument("--lang", default=SOURCE_LANGUAGE)
    stale.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}")


def _months(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of months: {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = None
    try:
        arguments = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], None] = {
            "letter": run_letter, "guide": run_guide, "list": run_list,
            "import-datenanfragen": run_import, "stale": run_stale}[arguments.command]
        handler(arguments)
    except (UsageError, RecordInvalid) as error:
        return fail(str(error))
    except LetterError as error:
        language = normalize_language(getattr(arguments, "lang", None)) or SOURCE_LANGUAGE
        message = error.translated(language)
        if isinstance(error, NotOffered):
            listing = "companies" if error.field == "company" else "requests"
            message += f" (objector list {listing} --country {arguments.country.upper()})"
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
    from letters.batch import chosen_companies, letters_zip
    from letters.render.calendar import deadline_event
    from letters.render.email import email_for, eml_bytes
    from letters.render.html import letter_document
    from letters.render.pdf import letter_pdf
    from letters.render.text import letter_text

    person = Person.from_input(name=arguments.name, email=arguments.email,
                               address=arguments.address.replace("\\n", "\n"),
                               place=arguments.place, account=arguments.account,
                               reason=arguments.reason.replace("\\n", "\n"))
    kind = output_format(arguments, LETTER_FORMATS)
    if len(chosen_companies(arguments.company)) > 1 and kind != "zip":
        raise UsageError("letters to several companies come as one zip of PDFs: "
                         "add --output FILE.zip")
    check_destination(arguments, kind)
    letters = compose(arguments, person)
    letter = letters[0]
    content: bytes | str
    if kind == "ics":
        event = deadline_event(letter)
        if event is None:
            raise NotPossible(N_("No law known to objector sets a deadline for this letter, so "
                                 "there is nothing to put in a calendar."))
        content = event.ics()
    elif kind == "zip":
        content = letters_zip(letters)
    elif kind == "pdf":
        content = letter_pdf(letter)
    elif kind == "html":
        content = letter_document(letter)
    elif kind == "eml":
        content = eml_bytes(email_for(letter), attachment=letter_pdf(letter),
                            filename=f"{letter.file_stem}.pdf")
    elif kind == "mailto":
        content = email_for(letter).mailto + "\n"
    else:
        content = letter_text(letter)
    deliver(content, arguments.output)


def compose(arguments: argparse.Namespace, person: Person) -> tuple[Letter, ...]:
    """The letters the arguments ask for, one per company: requests, or reminders or
    complaints about requests sent before."""
    from letters.batch import chosen_companies, compose_letters

    follow_up = arguments.request.strip().lower()
    if follow_up not in FOLLOW_UPS:
        if arguments.original or arguments.answered:
            raise UsageError("--original and --answered go with --request reminder or "
                             "complaint")
        return compose_letters(records.load(), country=arguments.country,
                               companies=arguments.company, request=arguments.request,
                               person=person, language=arguments.lang,
                               sent_on=arguments.sent_on, bilingual=arguments.bilingual,
                               also=arguments.also_lang)
    if arguments.sent_on is None:
        raise UsageError(f"a {follow_up} needs --sent-on YYYY-MM-DD: the day you sent your "
                         "request")
    if arguments.answered and follow_up != "complaint":
        raise UsageError("--answered goes with --request complaint")
    if arguments.bilingual or arguments.also_lang:
        raise UsageError(f"a {follow_up} is written in one language: leave out --bilingual "
                         "and --also-lang")
    return tuple(compose_follow_up(records.load(), kind=follow_up, country=arguments.country,
                                   company=company, original=arguments.original,
                                   person=person, language=arguments.lang,
                                   sent_on=arguments.sent_on, answered=arguments.answered)
                 for company in chosen_companies(arguments.company))


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
                                                   title=title))
    elif kind == "html":
        content = document(guide_html(sheet), language=sheet.language, title=title)
    else:
        content = guide_text(sheet)
    deliver(content, arguments.output)


def run_list(arguments: argparse.Namespace) -> None:
    from letters.compose import check_language

    if arguments.search is not None and arguments.what != "companies":
        raise UsageError("--search works with 'list companies' only")
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
        rows = [{"id": c.id, "name": c.name, "brands": list(c.brands),
                 "aliases": list(c.aliases),
                 "source": c.community.database if c.community else "objector"}
                for c in companies_listed(found, arguments.search, where and where.code)]
        text = ["\t".join((r["id"], r["name"], ", ".join(r["brands"] or r["aliases"]),
                           r["source"])) for r in rows]
    else:
        kinds = found.offered(where) if where else list(found.requests.values())
        rows = [{"id": k.id, "title": tr(k.title)} for k in kinds]
        text = [f"{r['id']}\t{r['title']}" for r in rows]
    if arguments.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print("\n".join(text))


def companies_listed(found: records.Records, search: str | None, country: str | None) -> list:
    """Every company (or those ``search`` finds), only those with a contact in ``country``."""
    from letters.search import alphabetical, find_companies

    if search is not None:
        return find_companies(found, search, country)
    return alphabetical(c for c in found.companies.values()
                        if not country or found.serves(c, country))


def run_import(arguments: argparse.Namespace) -> None:
    from letters import community
    from letters.compose import check_language
    from letters.datenanfragen import import_database

    language = check_language(arguments.lang)
    if not arguments.folder.is_dir():
        raise UsageError(f"not a folder: {arguments.folder}")
    summary = import_database(arguments.folder, community.directory())
    if arguments.verbose:
        for skipped in summary.skipped:
            print(f"{skipped.file}: {skipped.reason}", file=sys.stderr)
    print(translate(language, "Imported %(imported)s of %(read)s Datenanfragen records into "
                    "%(file)s. Skipped as invalid: %(skipped)s.", imported=summary.imported,
                    read=summary.read, file=str(summary.overlay),
                    skipped=len(summary.skipped)))


def run_stale(arguments: argparse.Namespace) -> None:
    from letters.compose import check_language
    from letters.records import DATA_DIR
    from letters.staleness import cutoff_for, stale_parts

    language = check_language(arguments.lang)
    data = arguments.data or DATA_DIR
    if not (data / "regions.yaml").is_file():
        raise UsageError(f"no records in {data}")
    found = stale_parts(data, months=arguments.months)
    if arguments.json:
        print(json.dumps([{"file": p.file, "part": p.part, "verified": p.verified.isoformat()}
                          for p in found], ensure_ascii=False, indent=2))
        return
    cutoff = long_date(cutoff_for(arguments.months), language)
    if not found:
        print(translate(language, "Every record was verified on or after %(date)s.",
                        date=cutoff))
        return
    print(translate(language, "Verified before %(date)s, to check again: %(count)s",
                    date=cutoff, count=len(found)))
    for part in found:
        print(f"{part.verified.isoformat()}\t{part.file}\t{part.part}".rstrip("\t"))


def check_destination(arguments: argparse.Namespace, kind: str) -> None:
    output: Path | None = arguments.output
    if output is None:
        if kind in ("pdf", "zip") and sys.stdout.isatty():
            raise UsageError(f"a {kind.upper()} is not shown in a terminal: add --output FILE")
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
