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
from letters.compose import letter_languages
from letters.errors import LetterError
from letters.guides import guide_sheet
from letters.i18n import SOURCE_LANGUAGE, country_name, normalize_language, translations
from letters.person import Person

EXIT_USAGE = 2
LETTER_FORMATS = ("pdf", "html", "text", "eml", "mailto")
GUIDE_FORMATS = ("pdf", "html", "text")
EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "text", ".eml": "eml"}


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
    letter.add_argument("--country", required=True, help="ISO 3166 code of where you live")
    letter.add_argument("--company", required=True, help="company id, see 'objector list "
                        "companies'")
    letter.add_argument("--request", required=True, help="request kind, see 'objector list "
                        "requests'")
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
    letter.add_argument("--reason", default="", help="grounds relating to your situation")
    letter.add_argument("--sent-on", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="the day the letter is sent (default: today)")
    letter.add_argument("--format", choices=LETTER_FORMATS, default=None)
    letter.add_argument("--output", type=Path, default=None, metavar="FILE")

    guide = commands.add_parser("guide", help="a company's own opt-out steps")
    guide.add_argument("--company", required=True)
    guide.add_argument("--country", required=True)
    guide.add_argument("--lang", default=SOURCE_LANGUAGE)
    guide.add_argument("--format", choices=GUIDE_FORMATS, default=None)
    guide.add_argument("--output", type=Path, default=None, metavar="FILE")

    listing = commands.add_parser("list", help="what objector knows")
    listing.add_argument("what", choices=("countries", "companies", "requests"))
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
        return fail(error.translated(language))
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
    from letters.render.email import email_for, eml_bytes
    from letters.render.html import letters_document
    from letters.render.pdf import render_pdf
    from letters.render.text import letters_text

    person = Person.from_input(name=arguments.name, email=arguments.email,
                               address=arguments.address.replace("\\n", "\n"),
                               place=arguments.place, account=arguments.account,
                               reason=arguments.reason.replace("\\n", "\n"))
    found = records.load()
    languages = letter_languages(found.company(arguments.company), arguments.lang,
                                 bilingual=arguments.bilingual, also=arguments.also_lang)
    letters = [compose_letter(found, country=arguments.country, company=arguments.company,
                              request=arguments.request, person=person, language=language,
                              sent_on=arguments.sent_on) for language in languages]
    letter = letters[0]
    kind = output_format(arguments, LETTER_FORMATS)
    check_destination(arguments, kind)

    stem = f"{letter.request.id}-{letter.company.id}-{letter.sent_on.isoformat()}"
    content: bytes | str
    if kind == "pdf":
        content = render_pdf(letters_document(letters))
    elif kind == "html":
        content = letters_document(letters)
    elif kind == "eml":
        content = eml_bytes(email_for(*letters), attachment=render_pdf(letters_document(letters)),
                            filename=f"{stem}.pdf")
    elif kind == "mailto":
        content = email_for(*letters).mailto + "\n"
    else:
        content = letters_text(letters)
    deliver(content, arguments.output)


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

    found = records.load()
    language = check_language(arguments.lang)
    tr = translations(language).gettext
    where = found.jurisdiction(arguments.country) if arguments.country else None
    rows: list[dict]
    if arguments.what == "countries":
        codes = [where.code] if where else found.countries()
        rows = []
        for code in codes:
            law = found.jurisdiction(code).law
            rows.append({"code": code, "name": country_name(code, language), "law": law.id,
                         "law_name": law.name(language).name,
                         "requests": [kind.id for kind in found.offered(found.jurisdiction(code))]})
        text = [f"{r['code']}\t{r['name']}\t{r['law']}" for r in rows]
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
