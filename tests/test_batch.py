"""Several companies at once: one set of details, one letter per company, each to the entity
responsible where the person lives; a zip of their PDFs and every e-mail ready to send."""
from __future__ import annotations

import email
import io
import zipfile
from email import policy

import pytest
from werkzeug.datastructures import MultiDict

from letters.batch import compose_letters, letters_zip
from letters.errors import InvalidInput
from tests.conftest import SENT_ON, pdf_words
from tests.test_cli import LETTER, objector

THREE = ["meta", "bildwerk", "datenhaus"]
#: Who each letter from Germany goes to, and who it must not go to.
ADDRESSEES = {
    "meta": ("Meta Platforms Ireland Limited", "Merrion Road", "Meta Platforms, Inc."),
    "bildwerk": ("Bildwerk Europe B.V.", "Voorbeeldstraat 1", "1 Example Way"),
    "datenhaus": ("Datenhaus Brokers", "1 Example Way", "Voorbeeldstraat"),
}


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


# -- the core ---------------------------------------------------------------------------------
@pytest.fixture
def three_letters(fixture_records, person):
    return compose_letters(fixture_records, country="DE", companies=THREE,
                           request="object-ai-training", person=person, language="de",
                           sent_on=SENT_ON)


def test_one_set_of_details_makes_a_letter_to_each_company(three_letters):
    assert [letter.company.id for letter in three_letters] == THREE
    assert {letter.sender.name for letter in three_letters} == {"Erika Mustermann"}
    assert [letter.controller.name for letter in three_letters] == \
        [entity for entity, *_ in ADDRESSEES.values()]


def test_the_zip_holds_one_pdf_per_company_addressed_to_its_entity(three_letters):
    files = read_zip(letters_zip(three_letters))
    assert sorted(files) == sorted(f"object-ai-training-{slug}-2026-11-26.pdf" for slug in THREE)
    for slug, (entity, street, elsewhere) in ADDRESSEES.items():
        words = pdf_words(files[f"object-ai-training-{slug}-2026-11-26.pdf"])
        assert entity in words and street in words and elsewhere not in words, slug
        assert "Erika Mustermann" in words and "Art. 21 Abs. 1 DSGVO" in words


def test_the_account_name_goes_only_to_companies_where_people_have_accounts(three_letters):
    concerning = {letter.company.id: "erika.mustermann" in letter.text for letter in three_letters}
    assert concerning == {"meta": True, "bildwerk": True, "datenhaus": False}


def test_a_company_chosen_twice_gets_one_letter(fixture_records, person):
    letters = compose_letters(fixture_records, country="DE", companies=["meta", " META ", "meta"],
                              request="object-ai-training", person=person, language="en")
    assert len(letters) == 1 and letters[0].sender.account == "erika.mustermann"


@pytest.mark.parametrize("companies, message", [
    ([], "Select at least one company"), (["", " "], "Select at least one company"),
    ([f"c{n}" for n in range(31)], "at most 30 companies"),
])
def test_no_company_or_too_many_is_refused(records, person, companies, message):
    with pytest.raises(InvalidInput, match=message):
        compose_letters(records, country="DE", companies=companies,
                        request="object-ai-training", person=person, language="en")


# -- the web ----------------------------------------------------------------------------------
@pytest.fixture
def batch_page(walk, fixture_records):
    return walk(company=THREE)


def test_the_batch_page_has_every_email_ready_to_send(batch_page):
    page = batch_page
    assert page.status == 200 and page.h1 == "Your letters to 3 companies are ready"
    sections = page.soup.select("section.batch-letter")
    assert [s["id"] for s in sections] == [f"letter-{slug}" for slug in THREE]
    for section, (slug, (entity, street, _)) in zip(sections, ADDRESSEES.items()):
        body = section.find("textarea")
        assert body["id"] == f"email-body-{slug}" and body.has_attr("readonly")
        assert body.get_text().startswith("Dear Sir or Madam,")
        assert "Erika Mustermann" in body.get_text()
        copy = section.find("button", attrs={"data-copy-target": f"email-body-{slug}"})
        assert copy is not None and section.find(attrs={"role": "status"}) is not None
        links = [a["href"] for a in section.find_all("a")]
        assert any(link.startswith("https://mail.google.com/") for link in links)
        assert any(link.startswith("https://outlook.live.com/") for link in links)
        assert entity in section.select_one(".postal").get_text()
    to = [" ".join(s.select_one(".email-fields dd").get_text().split()) for s in sections]
    assert to == ["No e-mail address published", "privacy@eu.bildwerk.example.org",
                  "optout@datenhaus.example.org"]
    for section in sections:
        mailto = [a["href"] for a in section.find_all("a") if a["href"].startswith("mailto:")]
        assert bool(mailto) != ("too long for an e-mail link" in section.get_text())


def test_the_batch_zip_download_has_three_pdfs_with_the_right_addressees(batch_page):
    download = batch_page.submit("Download all letters")
    assert download.status == 200 and download.response.mimetype == "application/zip"
    disposition = download.response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith('.zip"')
    assert download.response.headers["Cache-Control"] == "no-store"
    files = read_zip(download.response.data)
    assert len(files) == 3
    for slug, (entity, street, elsewhere) in ADDRESSEES.items():
        (name,) = [name for name in files if f"-{slug}-" in name]
        words = pdf_words(files[name])
        assert entity in words and street in words and elsewhere not in words


def test_each_company_has_its_own_eml_and_pdf(batch_page):
    section = batch_page.soup.find(id="letter-datenhaus")
    eml_button = next(b for b in section.find_all("button") if ".eml" in b.get_text())
    assert eml_button["name"] == "letter_for" and eml_button["value"] == "datenhaus"
    eml = batch_page.submit("Download the e-mail with the PDF attached",
                            button_value="datenhaus")
    message = email.message_from_bytes(eml.response.data, policy=policy.default)
    assert message["To"] == "optout@datenhaus.example.org"
    assert "Datenhaus Brokers" in pdf_words(next(message.iter_attachments()).get_content())
    pdf = batch_page.submit("Download the letter (PDF)", button_value="bildwerk")
    assert "Bildwerk Europe B.V." in pdf_words(pdf.response.data)


def test_a_letter_for_a_company_not_chosen_is_refused(batch_page):
    answers = batch_page.form_values(batch_page.soup.find("form", id="flow"))
    response = batch_page.client.post("/en/download/letter.pdf",
                                      data=MultiDict([*answers, ("letter_for", "acme")]))
    assert response.status_code == 400


def test_one_company_still_gets_the_single_result_page(walk, fixture_records):
    page = walk(company=["bildwerk"])
    assert page.h1 == "Your letter to Bildwerk is ready"
    assert page.soup.select_one(".paper") is not None and page.soup.find(id="email-body")


# -- the command line -------------------------------------------------------------------------
def test_letters_to_three_companies_make_one_zip_on_the_command_line(overlay, tmp_path):
    arguments = [a for a in LETTER if a != "meta"]
    arguments.remove("--company")
    target = tmp_path / "letters.zip"
    objector(*arguments, "--company", "meta", "--company", "deutsche-bahn", "--company",
             "zalando", "--lang", "de", "--output", str(target))
    files = read_zip(target.read_bytes())
    expected = {"meta": "Meta Platforms Ireland Limited", "deutsche-bahn": "DB Vertrieb GmbH",
                "zalando": "Zalando SE"}
    assert len(files) == 3
    for slug, entity in expected.items():
        (name,) = [name for name in files if f"-{slug}-" in name]
        assert entity in pdf_words(files[name])


def test_several_companies_need_a_zip(tmp_path):
    result = objector(*LETTER, "--company", "meta2", "--output", str(tmp_path / "x.pdf"),
                      check=False)
    assert result.returncode == 2 and b"add --output FILE.zip" in result.stderr
    assert list(tmp_path.iterdir()) == []
