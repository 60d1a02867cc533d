"""Several companies at once: one set of details, one letter per company, each to the entity
responsible where the person lives; a zip of their PDFs and every e-mail ready to send."""
from __future__ import annotations

import email
import io
import zipfile
from datetime import date
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


# -- several companies where the state or province decides the law ---------------------------
#: Who each letter from California goes to: every company's entity for the United States.
US_ADDRESSEES = {"meta": "Meta Platforms, Inc.", "bildwerk": "Bildwerk",
                 "datenhaus": "Datenhaus Brokers"}
CCPA_OPT_OUT = ("Cal. Civ. Code § 1798.120", "Cal. Code Regs. tit. 11, § 7026")


def test_a_batch_from_california_writes_each_letter_under_californias_law(fixture_records,
                                                                          person):
    letters = compose_letters(fixture_records, country="US-CA", companies=THREE,
                              request="opt-out-sale-sharing", person=person, language="en",
                              sent_on=SENT_ON)
    assert {(letter.country, letter.law.id) for letter in letters} == {("US-CA", "us-ca-ccpa")}
    assert [letter.controller.name for letter in letters] == list(US_ADDRESSEES.values())
    for letter in letters:
        text = letter.text
        assert all(citation in text for citation in CCPA_OPT_OUT), letter.company.id
        assert "GDPR" not in text and "Art." not in text
        assert letter.deadline == date(2026, 12, 17)  # 15 business days from a Thursday


def test_the_state_question_comes_before_the_company_search(walk, fixture_records):
    region = walk(country="US", until="region")
    assert region.h1 == "Which state or territory do you live in?"
    assert "Question 2 of 6" in region.text() and region.soup.find(id="company-search") is None
    company = region.submit(region="US-CA")
    assert company.soup.find(id="company-search") is not None
    assert "Question 3 of 6" in company.text() and company.values("region") == ["US-CA"]
    found = company.submit("Search", button_value="search", company_search="pixelgarten")
    assert found.values("region") == ["US-CA"] and found.values("country") == ["US"]
    assert "1 company matches." in found.text()
    request = found.submit(company=["bildwerk", "meta"])
    assert request.h1 == "What do you want to ask for?" and "Question 4 of 6" in request.text()


def test_several_companies_are_offered_only_what_the_state_grants(walk, fixture_records):
    page = walk(country="US", region="US-CA", company=THREE, until="request")
    offered = [kind.id for kind in fixture_records.offered(fixture_records.jurisdiction("US-CA"))]
    assert [radio["value"] for radio in page.soup.find_all("input", attrs={"name": "request"})] \
        == offered
    refused = page.submit(request="object-ai-training")
    assert any("is not offered where you live" in error for error in refused.errors())
    assert refused.values("company") == THREE


def test_the_batch_page_and_zip_from_california_cite_californias_law(walk, fixture_records):
    page = walk(country="US", region="US-CA", company=THREE, request="opt-out-sale-sharing")
    assert page.h1 == "Your letters to 3 companies are ready"
    assert "an answer within 15 business days" in page.text()
    assert page.soup.find("h3", string="Provisions your letters cite") is not None
    provisions = [li.get_text(" ", strip=True) for li in page.soup.select(".provisions li")]
    assert all(any(p.startswith(citation) for p in provisions) for citation in CCPA_OPT_OUT)
    files = read_zip(page.submit("Download all letters").response.data)
    assert sorted(files) == sorted(f"opt-out-sale-sharing-{slug}-{date.today().isoformat()}.pdf"
                                   for slug in THREE)
    for slug, entity in US_ADDRESSEES.items():
        words = pdf_words(files[f"opt-out-sale-sharing-{slug}-{date.today().isoformat()}.pdf"])
        assert entity in words and all(citation in words for citation in CCPA_OPT_OUT), slug
        assert "GDPR" not in words and "DSGVO" not in words


def test_a_batch_under_a_law_without_a_fixed_period_says_so(walk, fixture_records):
    page = walk(country="CH", company=THREE, request="object-ai-training")
    assert "The law sets these companies no fixed number of days for this request" in page.text()
    assert "must answer by" not in page.text()
    provisions = [li.get_text(" ", strip=True) for li in page.soup.select(".provisions li")]
    assert any(p.startswith("Art. 30(2)(b) FADP") for p in provisions), provisions


def test_a_zip_from_california_on_the_command_line_cites_californias_law(tmp_path):
    target = tmp_path / "letters.zip"
    objector("letter", "--country", "US-CA", "--company", "meta", "--company", "google",
             "--company", "acxiom", "--request", "opt-out-sale-sharing", "--name",
             "Erika Mustermann", "--email", "erika@example.org", "--sent-on", "2026-11-26",
             "--output", str(target))
    files = read_zip(target.read_bytes())
    expected = {"meta": "Meta Platforms, Inc.", "google": "Google LLC", "acxiom": "Acxiom LLC"}
    assert sorted(files) == sorted(f"opt-out-sale-sharing-{slug}-2026-11-26.pdf"
                                   for slug in expected)
    for slug, entity in expected.items():
        words = pdf_words(files[f"opt-out-sale-sharing-{slug}-2026-11-26.pdf"])
        assert entity in words and "December 17, 2026" in words, slug
        assert all(citation in words for citation in CCPA_OPT_OUT), slug


def test_several_companies_and_a_request_the_state_does_not_grant(tmp_path):
    result = objector("letter", "--country", "US-CA", "--company", "meta", "--company",
                      "google", "--request", "object-ai-training", "--name", "Erika Mustermann",
                      "--email", "erika@example.org", "--output", str(tmp_path / "x.zip"),
                      check=False)
    error = result.stderr.decode()
    assert result.returncode == 2 and error.count("\n") == 1
    assert "is not offered where you live" in error
    assert "objector list requests --country US-CA" in error
    assert list(tmp_path.iterdir()) == []


def test_a_community_company_is_offered_in_a_german_state_and_refused_elsewhere(walk, overlay):
    page = walk(country="DE", region="DE-BY", company=["zalando", "meta"], until="request")
    assert page.h1 == "What do you want to ask for?"
    refused = walk(country="US", region="US-CA", until="company").submit(company=["zalando"])
    assert refused.errors() == ["objector has no contact at Zalando SE for people where you "
                                "live (US-CA)."]


def test_the_command_line_points_to_the_companies_of_the_place(overlay, tmp_path):
    result = objector("letter", "--country", "US-CA", "--company", "zalando", "--company",
                      "meta", "--request", "delete", "--name", "Erika Mustermann", "--email",
                      "erika@example.org", "--output", str(tmp_path / "x.zip"), check=False)
    error = result.stderr.decode()
    assert result.returncode == 2 and "no contact at Zalando SE" in error
    assert "objector list companies --country US-CA" in error
