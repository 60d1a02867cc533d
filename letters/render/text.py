"""Plain text of letters and guides, for the terminal and for pasting into web forms."""
from __future__ import annotations

from letters.compose import Letter
from letters.guides import GuideSheet
from letters.i18n import country_name, long_date, translate, translations

#: Between the two languages of a bilingual letter, in its text and in its e-mail.
BETWEEN_LANGUAGES = "\n" + "\u2014" * 30 + "\n\n"


def letter_text(letter: Letter) -> str:
    """The whole letter: parties, date and subject above the e-mail body; a bilingual one
    in both languages, one after the other."""
    return BETWEEN_LANGUAGES.join(_one_language(half) for half in letter.halves)


def _one_language(letter: Letter) -> str:
    sender = [letter.sender.name, *letter.sender.address_lines, letter.sender.email]
    recipient = [letter.addressee.name, *letter.addressee.address]
    head = ["\n".join(letter.isolated(sender)), "\n".join(letter.isolated(recipient)),
            letter.date_line, letter.subject]
    return "\n\n".join(head) + "\n\n" + letter.text


def guide_text(sheet: GuideSheet) -> str:
    language = sheet.language
    tr = translations(language).gettext
    country = country_name(sheet.country, language)
    lines = [translate(language, "How to opt out with %(company)s’s own tools in %(country)s",
                     company=sheet.company.name, country=country), ""]
    platforms = {"web": translate(language, "On the web:"),
                 "ios": translate(language, "On iPhone or iPad:"),
                 "android": translate(language, "On Android:"),
                 "desktop": translate(language, "In the desktop app:")}
    for guide in sheet.guides:
        lines += [tr(guide.title), translate(
            language, "For %(product)s. Steps last checked on %(date)s; companies change their "
            "settings often.", product=guide.product,
            date=long_date(guide.verified, language, sheet.country)), ""]
        for number, step in enumerate(guide.steps, 1):
            prefix = platforms.get(step.platform)
            text = f"{prefix} {tr(step.text)}" if prefix else tr(step.text)
            lines.append(f"{number}. {text}")
            if step.url:
                lines.append(f"   {step.url}")
        if guide.result:
            lines += ["", translate(language, "What happens next"), tr(guide.result)]
        if guide.not_covered:
            lines += ["", translate(language, "What this does not cover")]
            lines += [f"- {tr(item)}" for item in guide.not_covered]
        lines += ["", translate(language, "Sources:"), *guide.sources, ""]
    if not sheet.guides:
        lines.append(translate(
            language, "objector knows of no opt-out route that %(company)s offers to people in "
            "%(country)s. A letter is the way to ask.", company=sheet.company.name,
            country=country))
    return "\n".join(lines).rstrip() + "\n"
