"""A bilingual letter: the person's language, then the company's, each half complete with its
own subject, in the PDF, the e-mail, the text file, on the command line and in the web flow."""
from __future__ import annotations

import email
import subprocess
import sys
from email import policy

import pytest

from letters import compose_letter
from letters.render.email import email_for, eml_bytes
from letters.render.pdf import letter_pdf
from letters.render.text import BETWEEN_LANGUAGES, letter_text
from tests.conftest import SENT_ON, pdf_lines, pdf_text

ARABIC = {"subject": "اعتراض بموجب المادة", "salutation": "السيدات والسادة المحترمون،",
          "closing": "وتفضلوا بقبول فائق الاحترام،"}
ENGLISH = {"subject": "Objection under Art. 21(1) GDPR", "salutation": "Dear Sir or Madam,",
           "closing": "Yours faithfully,"}
GERMAN = {"subject": "Widerspruch gemäß Art. 21 Abs. 1 DSGVO",
          "salutation": "Sehr geehrte Damen und Herren,", "closing": "Mit freundlichen Grüßen"}


@pytest.fixture
def arabic_and_english(records, person):
    return compose_letter(records, country="DE", company="meta", request="object-ai-training",
                          person=person, language="ar", also_in="en", sent_on=SENT_ON)


def test_a_bilingual_letter_is_the_letter_then_its_translation(arabic_and_english):
    assert [half.language for half in arabic_and_english.halves] == ["ar", "en"]
    assert arabic_and_english.translation.translation is None


@pytest.mark.parametrize("language, also_in, expected", [
    ("de", None, ["de"]), ("de", "en", ["de", "en"]), ("en", "en", ["en"]),
    ("ar-EG", "de-AT", ["ar", "de"]),
])
def test_the_second_half_is_there_only_in_another_language(records, person, language,
                                                           also_in, expected):
    letter = compose_letter(records, country="DE", company="meta", request="object-ai-training",
                            person=person, language=language, also_in=also_in, sent_on=SENT_ON)
    assert [half.language for half in letter.halves] == expected


def test_the_pdf_holds_both_letters_each_from_a_new_page(arabic_and_english):
    pdf = letter_pdf(arabic_and_english)
    lines = pdf_lines(pdf)
    pages = {}
    for half, words in (("ar", "،نومرتحملا"), ("en", "Dear Sir or Madam,")):
        pages[half] = [line.page for line in lines if words in line.text]
    assert len(pages["ar"]) == len(pages["en"]) == 1 and pages["en"][0] > pages["ar"][0]
    english_start = min(line.page for line in lines if "Objection under" in line.text)
    assert english_start > max(line.page for line in lines if "ةداملا" in line.text)
    text = pdf_text(pdf)
    for expected in (*ENGLISH.values(), "Meta Platforms Ireland Limited", "erika@example.org"):
        assert expected in text
    assert text.count("Erika Mustermann") >= 4        # sender and signature, twice


def test_each_half_of_the_pdf_numbers_its_pages_in_its_own_language(arabic_and_english):
    lines = pdf_lines(letter_pdf(arabic_and_english))
    footers = [line for line in lines if line.y > 780]
    first_english = min(line.page for line in lines if "Dear Sir or Madam," in line.text)
    total = max(line.page for line in lines)
    for footer in footers:
        if footer.page < first_english:
            assert footer.text == f"{total} نم {footer.page} ةحفصلا"   # drawn right to left
        else:
            assert footer.text == f"Page {footer.page} of {total}"


def test_the_email_carries_both_halves_each_with_its_subject(arabic_and_english):
    draft = email_for(arabic_and_english)
    first, second = arabic_and_english.halves
    arabic, english = draft.body.split(BETWEEN_LANGUAGES)
    assert arabic.startswith(first.subject + "\n\n" + ARABIC["salutation"])
    assert english.startswith(second.subject + "\n\n" + ENGLISH["salutation"])
    assert ARABIC["closing"] in arabic and ENGLISH["closing"] in english
    assert draft.subject == f"{first.subject} / {second.subject}"
    message = email.message_from_bytes(eml_bytes(draft, attachment=None, filename="x.pdf"),
                                       policy=policy.default)
    assert message["Subject"] == draft.subject
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == draft.body


def test_the_text_file_holds_both_whole_letters(arabic_and_english):
    arabic, english = letter_text(arabic_and_english).split(BETWEEN_LANGUAGES)
    assert arabic.startswith("\u2068Erika Mustermann\u2069") and "Meta Platforms" in arabic
    assert english.startswith("Erika Mustermann") and ENGLISH["subject"] in english


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "letters", "letter", "--country", "DE",
                           "--company", "meta", "--request", "object-ai-training",
                           "--name", "Erika Mustermann", "--email", "erika@example.org",
                           "--sent-on", "2026-11-26", *arguments], capture_output=True,
                          timeout=120)


def test_the_command_line_writes_a_bilingual_pdf(tmp_path):
    target = tmp_path / "letter.pdf"
    result = run("--lang", "de", "--bilingual", "--output", str(target))
    assert result.returncode == 0, result.stderr
    text = pdf_text(target.read_bytes())
    for expected in (*GERMAN.values(), *ENGLISH.values()):
        assert expected in text


@pytest.mark.parametrize("arguments, first, second", [
    (("--lang", "ar", "--also-lang", "de"), ARABIC, GERMAN),
    (("--lang", "de", "--also-lang", "en-GB", "--format", "eml"), GERMAN, ENGLISH),
])
def test_the_command_line_adds_any_language_asked_for(arguments, first, second):
    result = run(*arguments)
    assert result.returncode == 0, result.stderr
    output = result.stdout.decode()
    if "--format" in arguments:
        output = email.message_from_bytes(result.stdout, policy=policy.default).get_body(
            ("plain",)).get_content()
    assert output.index(first["salutation"]) < output.index(second["salutation"])


def test_bilingual_in_the_same_language_is_one_letter():
    result = run("--lang", "en", "--bilingual")
    assert result.stdout.decode().count("Dear Sir or Madam,") == 1


def test_an_unknown_second_language_is_a_one_line_error():
    result = run("--lang", "de", "--also-lang", "xx")
    assert result.returncode == 2
    assert result.stderr.decode() == ("objector: error: objector kann noch keine Briefe in "
                                      "der Sprache „xx“ schreiben.\n")


def test_the_web_flow_offers_and_makes_the_bilingual_letter(walk):
    page = walk(lang="de", letter="de", bilingual=True)
    articles = page.soup.select("article.letter")
    assert [(a["lang"], a["dir"]) for a in articles] == [("de", "ltr"), ("en", "ltr")]
    body = page.soup.find(id="email-body").get_text()
    assert body.index(GERMAN["salutation"]) < body.index(ENGLISH["salutation"])
    pdf = page.submit("PDF").response.data
    text = pdf_text(pdf)
    assert text.index(GERMAN["salutation"]) < text.index(ENGLISH["salutation"])
    eml = email.message_from_bytes(page.submit(".eml").response.data, policy=policy.default)
    assert GERMAN["subject"] in eml["Subject"] and ENGLISH["subject"] in eml["Subject"]


def test_the_check_page_says_the_letter_is_bilingual(walk):
    page = walk(lang="en", letter="ar", bilingual=True, until="check")
    assert "Arabic, then the same letter in English" in page.text()


def test_several_companies_each_get_the_letter_in_both_languages(records, person):
    import io
    import zipfile
    from letters.batch import compose_letters, letters_zip
    letters = compose_letters(records, country="DE", companies=["meta", "linkedin"],
                              request="object-ai-training", person=person, language="de",
                              sent_on=SENT_ON, bilingual=True)
    assert [[half.language for half in letter.halves] for letter in letters] == \
        [["de", "en"], ["de", "en"]]
    with zipfile.ZipFile(io.BytesIO(letters_zip(letters))) as archive:
        for name in archive.namelist():
            text = pdf_text(archive.read(name))
            assert text.index(GERMAN["salutation"]) < text.index(ENGLISH["salutation"])


def test_the_language_question_for_several_companies_offers_each_ones_language(walk):
    page = walk(lang="en", company=["meta", "linkedin"], until="language")
    label = page.soup.find("label", attrs={"for": "bilingual"}).get_text()
    assert "each company’s language" in label
    page = page.submit(letter_language="de", bilingual="yes").submit()
    bodies = [area.get_text() for area in page.soup.select("textarea.email-body")]
    assert len(bodies) == 2
    assert all(GERMAN["salutation"] in body and ENGLISH["salutation"] in body
               for body in bodies)
