"""Right to left: Arabic pages and PDFs are laid out from the right, and Latin text inside
them (addresses, e-mail addresses, "21(1)") stays readable through bidi isolation."""
from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

from letters import Person, bidi, compose_letter
from letters.bidi import FSI, LRI, PDI, RLI
from letters.render.html import letter_html
from letters.render.pdf import letter_pdf
from letters.render.text import letter_text
from tests.conftest import SENT_ON, pdf_lines

ROOT = Path(__file__).resolve().parent.parent
MM = 72 / 25.4
A4_WIDTH = 210 * MM


# -- isolates in plain text, <bdi> in HTML -------------------------------------------------------
@pytest.mark.parametrize("value, direction, expected", [
    ("erika@example.org", "rtl", FSI + "erika@example.org" + PDI),
    ("10115 Berlin", "rtl", FSI + "10115 Berlin" + PDI),
    ("12345", "rtl", FSI + "12345" + PDI),           # digits alone read left to right
    ("محمد عبد الله", "rtl", "محمد عبد الله"),
    ("محمد عبد الله", "ltr", FSI + "محمد عبد الله" + PDI),
    ("Erika Mustermann", "ltr", "Erika Mustermann"),
    ("12345", "ltr", "12345"),
    ("", "rtl", ""),
    ("المادة \u206621(1)\u2069 من GDPR", "rtl", "المادة \u206621(1)\u2069 من GDPR"),
])
def test_a_value_is_isolated_only_where_its_direction_differs(value, direction, expected):
    assert bidi.isolate(value, direction) == expected


@pytest.mark.parametrize("text, html", [
    ("a < b & c", "a &lt; b &amp; c"),
    (f"المادة {LRI}21(1){PDI} من GDPR", 'المادة <bdi dir="ltr">21(1)</bdi> من GDPR'),
    (f"إلى {FSI}erika@example.org{PDI}.", 'إلى <bdi dir="ltr">erika@example.org</bdi>.'),
    (f"to {FSI}محمد{PDI}", 'to <bdi dir="rtl">محمد</bdi>'),
    (f"{FSI}{RLI}ab{PDI} c{PDI}", '<bdi dir="ltr"><bdi dir="rtl">ab</bdi> c</bdi>'),
    (f"a{PDI}b", "ab"),                             # an unmatched PDI means nothing
    (f"a{FSI}<b>", 'a<bdi dir="ltr">&lt;b&gt;</bdi>'),  # an open isolate ends with the text
])
def test_isolates_become_bdi_elements_with_an_explicit_direction(text, html):
    assert bidi.to_markup(text) == html


def test_an_arabic_letter_isolates_latin_values_in_its_plain_text(records, person):
    letter = compose_letter(records, country="DE", company="meta", request="object-ai-training",
                            person=person, language="ar", sent_on=SENT_ON)
    text = letter_text(letter)
    assert f"{FSI}erika@example.org{PDI}" in text             # in a sentence and the header
    assert f"«{FSI}erika.mustermann{PDI}»" in text
    assert f"المادة {LRI}21(1){PDI} من GDPR" in text
    assert f"{FSI}10115 Berlin{PDI}" in text and f"{FSI}Berlin{PDI}، 26 نوفمبر 2026" in text
    assert f"{FSI}Facebook{PDI} و{FSI}Instagram{PDI}" in text


def test_a_latin_letter_gets_no_isolates_unless_a_value_needs_one(records, person):
    letter = compose_letter(records, country="DE", company="meta", request="object-ai-training",
                            person=person, language="de", sent_on=SENT_ON)
    assert not set(letter_text(letter)) & {FSI, LRI, RLI, PDI}
    arabic = Person.from_input(name="محمد عبد الله", email="m@example.org", account="محمد_99")
    letter = compose_letter(records, country="DE", company="meta", request="object-ai-training",
                            person=arabic, language="de", sent_on=SENT_ON)
    assert f"„{FSI}محمد_99{PDI}“" in letter_text(letter)


def test_the_arabic_letter_in_html_is_right_to_left_with_latin_parts_isolated(records, person):
    from bs4 import BeautifulSoup
    letter = compose_letter(records, country="DE", company="meta", request="object-ai-training",
                            person=person, language="ar", sent_on=SENT_ON)
    article = BeautifulSoup(letter_html(letter), "html.parser").article
    assert article["lang"] == "ar" and article["dir"] == "rtl"
    isolated = {bdi.get_text(): bdi["dir"] for bdi in article.find_all("bdi")}
    assert isolated["21(1)"] == "ltr" and isolated["erika@example.org"] == "ltr"
    assert isolated["10115 Berlin"] == "ltr" and isolated["Merrion Road"] == "ltr"
    assert not set(str(article)) & {FSI, LRI, RLI, PDI}     # markup only, no control characters


def test_the_arabic_result_page_is_right_to_left(walk):
    page = walk(lang="ar", letter="ar")
    assert page.soup.html["dir"] == "rtl" and page.soup.html["lang"] == "ar"
    isolated = {bdi.get_text(): bdi["dir"] for bdi in page.soup.select(".panel-deadline bdi")}
    assert isolated == {"Meta": "ltr", "12(3)": "ltr"}   # the company, the article
    assert all(link["dir"] == "ltr" for link in page.soup.select(".guide-link"))


def test_a_latin_letter_on_an_arabic_page_keeps_its_own_direction(walk):
    page = walk(lang="ar", letter="en")
    article = page.soup.select_one("article.letter")
    assert article["dir"] == "ltr" and article["lang"] == "en"


# -- the PDF: right-aligned lines, mirrored margins, order read back ----------------------------
@pytest.fixture(scope="module")
def arabic_and_german_pdfs():
    from letters import records
    writer = Person.from_input(name="Erika Mustermann", email="erika@example.org",
                               address="Musterstraße 1\n10115 Berlin", place="Berlin")
    pdfs = {}
    for language in ("ar", "de"):
        letter = compose_letter(records.load(), country="DE", company="meta",
                                request="object-ai-training", person=writer,
                                language=language, sent_on=SENT_ON)
        pdfs[language] = pdf_lines(letter_pdf(letter))
    return pdfs


def line_with(lines, words):
    return next(line for line in lines if all(word in line.text for word in words))


def test_arabic_pdf_lines_start_at_the_right_margin(arabic_and_german_pdfs):
    """Right-to-left pages mirror the letter: lines start 25 mm from the right edge (the
    wider, filing margin), the date sits on the left, a short line leaves the left empty."""
    lines = arabic_and_german_pdfs["ar"]
    start = A4_WIDTH - 25 * MM
    for words in (["Erika", "Mustermann"], ["ةداملا", "21(1)"], ["،نومرتحملا"],
                  ["،مارتحلاا"]):              # sender, subject, salutation, closing
        line = line_with(lines, words)
        assert abs(line.x_max - start) < 1.5, line.text
    assert line_with(lines, ["،نومرتحملا"]).x_min > A4_WIDTH / 2
    date = line_with(lines, ["Berlin", "2026"])
    assert abs(date.x_min - 20 * MM) < 1.5        # text-align: end is the left in Arabic
    assert min(line.x_min for line in lines) > 20 * MM - 1.5


def test_german_pdf_lines_start_at_the_left_margin(arabic_and_german_pdfs):
    lines = arabic_and_german_pdfs["de"]
    for words in (["Erika", "Mustermann"], ["Widerspruch", "DSGVO"], ["Sehr", "geehrte"],
                  ["Mit", "freundlichen"]):
        assert abs(line_with(lines, words).x_min - 25 * MM) < 1.5
    assert line_with(lines, ["Sehr", "geehrte"]).x_max < A4_WIDTH / 2
    assert abs(line_with(lines, ["Berlin,", "2026"]).x_max - (A4_WIDTH - 20 * MM)) < 1.5


def test_the_arabic_subject_reads_from_the_right_with_the_article_left_to_right(
        arabic_and_german_pdfs):
    """Drawn from the right: المادة, then 21(1) as one left-to-right piece, من, GDPR."""
    subject = next(line for line in arabic_and_german_pdfs["ar"] if "21(1)" in line.text)
    x = {word.text: word.x_min for word in subject.words}
    assert x["ةداملا"] > x["21(1)"] > x["نم"] > x["GDPR"]   # words as drawn, left to right


def test_the_arabic_pdf_numbers_its_pages_in_arabic_in_the_middle(arabic_and_german_pdfs):
    footers = [line for line in arabic_and_german_pdfs["ar"] if line.y > 780]
    assert [line.page for line in footers] == [1, 2]
    for line in footers:
        assert "ةحفصلا" in line.text and "نم" in line.text
        assert abs((line.x_min + line.x_max) / 2 - A4_WIDTH / 2) < 15


# -- stylesheets mirror by themselves ---------------------------------------------------------
PHYSICAL = {"left", "right", "margin-left", "margin-right", "padding-left", "padding-right",
            "border-left", "border-right", "float", "clear"}


@pytest.mark.parametrize("stylesheet", ["webapp/static/app.css", "letters/static/letter.css",
                                        "letters/static/page.css"])
def test_stylesheets_use_logical_properties_that_follow_the_direction(stylesheet):
    rules = tinycss2.parse_stylesheet((ROOT / stylesheet).read_text(), skip_comments=True,
                                      skip_whitespace=True)
    found = []

    def walk(nodes):
        for node in nodes:
            if node.type == "qualified-rule":
                for declaration in tinycss2.parse_declaration_list(
                        node.content, skip_comments=True, skip_whitespace=True):
                    if declaration.type != "declaration":
                        continue
                    value = tinycss2.serialize(declaration.value).strip()
                    if declaration.lower_name in PHYSICAL or (
                            declaration.lower_name == "text-align" and value in PHYSICAL):
                        found.append(f"{tinycss2.serialize(node.prelude)}{{{declaration.name}}}")
            elif node.type == "at-rule" and node.lower_at_keyword == "media" and node.content:
                walk(tinycss2.parse_rule_list(node.content, skip_comments=True,
                                              skip_whitespace=True))
    walk(rules)   # @page margins are page geometry, mirrored by the "rtl" named page
    assert not found


def test_an_arabic_complaint_isolates_what_it_quotes(records, person):
    """A follow-up quotes the company's address and the first letter's subject: in an
    Arabic complaint the Latin lines keep their order, the Arabic subject needs nothing."""
    from datetime import date
    from letters.follow_ups import compose_follow_up
    complaint = compose_follow_up(records, kind="complaint", country="DE-BY", company="meta",
                                  person=person, language="ar", sent_on=date(2026, 9, 1),
                                  answered=True, today=SENT_ON)
    text = letter_text(complaint)
    assert f"{FSI}Meta Platforms Ireland Limited{PDI}\n{FSI}ATTN: Privacy Operations{PDI}" in text
    assert f"المادة {LRI}77{PDI} من GDPR" in complaint.subject
    assert f"«اعتراض بموجب المادة {LRI}21(1){PDI} من GDPR" in text
