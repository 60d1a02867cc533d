"""HTML of letters and guides: one template each, for the on-screen preview and the PDF."""
from __future__ import annotations

from markupsafe import Markup

from letters.compose import BulletList, Letter
from letters.environment import environment
from letters.guides import GuideSheet
from letters.i18n import country_name, long_date, text_direction, translations


def letter_html(letter: Letter, heading_level: int = 1) -> Markup:
    """The letter as an ``<article>`` (a bilingual one as two, one per language): embedded
    in the result page and printed to PDF."""
    return Markup("\n").join(_article(half, heading_level) for half in letter.halves)


def _article(letter: Letter, heading_level: int) -> Markup:
    template = environment(letter.language, html=True).get_template("letter.html")
    return Markup(template.render(letter=letter, heading=heading_level,
                                  is_list=lambda block: isinstance(block, BulletList)))


def guide_html(sheet: GuideSheet, heading_level: int = 1) -> Markup:
    """The company's opt-out routes for the person's country, as a ``<section>``."""
    language = sheet.language
    template = environment(language, html=True).get_template("guide.html")
    return Markup(template.render(
        sheet=sheet, heading=heading_level, tr=translations(language).gettext,
        country=country_name(sheet.country, language),
        format_date=lambda day: long_date(day, language, sheet.country)))


def document(content: Markup, *, language: str, title: str) -> str:
    """A whole HTML document around a letter or guide, as WeasyPrint prints it."""
    template = environment(language, html=True).get_template("document.html")
    return template.render(content=content, title=title, direction=text_direction(language))


def letter_document(letter: Letter) -> str:
    """The letter as a whole document: what the PDF prints and --format html shows."""
    return document(letter_html(letter), language=letter.language,
                    title=" / ".join(half.subject for half in letter.halves))
