"""Every curated company, for every place we test: the letter goes to the entity responsible
there, the guide sheet renders, and samples print to PDF. The tables come from the records,
so companies added later are covered without touching this file."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from letters import compose_letter, records as records_module
from letters.guides import guide_sheet
from letters.i18n import SOURCE_LANGUAGE, languages, translate
from letters.records import WORLDWIDE
from letters.render.html import document, guide_html, letter_html
from letters.render.pdf import render_pdf
from tests.conftest import SENT_ON, pdf_words

RECORDS = records_module.load()
COMPANIES = sorted(RECORDS.companies)
# US-CA only once a record gives California a law of its own; until then it is the US.
PLACES = [code for code in ("DE", "GB", "US-CA", "US")
          if code != "US-CA" or code in RECORDS.jurisdictions]
PREFERRED_REQUEST = "object-ai-training"
TRANSLATED = [language for language in languages() if language != SOURCE_LANGUAGE]


def expected_controller(company, code):
    """The rule, spelled out: the place itself, then its country, its groups, then '*'."""
    country = code.split("-")[0]
    groups = [name for name, members in RECORDS.regions.items() if country in members]
    for place in (code, country, *groups, WORLDWIDE):
        serving = [c for c in company.controllers if place in c.serves]
        if serving:
            return serving[0]
    raise AssertionError(f"{company.id} has no controller for {code}")


def request_for(code):
    offered = [kind.id for kind in RECORDS.offered(RECORDS.jurisdiction(code))]
    assert offered, f"no request can be made from {code}"
    return PREFERRED_REQUEST if PREFERRED_REQUEST in offered else offered[0]


def words(html) -> str:
    return " ".join(BeautifulSoup(str(html), "html.parser").get_text(" ").split())


# -- the data: unambiguous, and printable as an address ------------------------------------
@pytest.mark.parametrize("slug", COMPANIES)
def test_no_place_is_served_by_two_controllers_of_one_company(slug):
    seen: dict[str, str] = {}
    for controller in RECORDS.companies[slug].controllers:
        for place in RECORDS.expand(controller.serves):
            assert place not in seen, f"{place}: {seen.get(place)} and {controller.name}"
            seen[place] = controller.name


@pytest.mark.parametrize("slug", COMPANIES)
def test_every_controller_can_be_reached_and_its_name_is_not_repeated_in_the_address(slug):
    for controller in RECORDS.companies[slug].controllers:
        assert controller.address or controller.email or controller.web_form, controller.name
        assert not controller.address or controller.address[0] != controller.name


def test_guide_ids_are_unique_across_companies():
    ids = [guide.id for company in RECORDS.companies.values() for guide in company.guides]
    assert len(ids) == len(set(ids))


# -- letters: the right entity for each place -----------------------------------------------
@pytest.mark.parametrize("code", PLACES)
@pytest.mark.parametrize("slug", COMPANIES)
def test_the_letter_goes_to_the_most_specific_controller(slug, code, person):
    company = RECORDS.companies[slug]
    letter = compose_letter(RECORDS, country=code, company=slug, request=request_for(code),
                            person=person, language="en", sent_on=SENT_ON)
    expected = expected_controller(company, code)
    assert letter.controller == expected
    recipient = BeautifulSoup(str(letter_html(letter)), "html.parser").select_one(
        ".letter-recipient")
    assert words(recipient).split() == " ".join([expected.name, *expected.address]).split()


# -- guide sheets: every route open where the person lives, as HTML -------------------------
@pytest.mark.parametrize("code", PLACES)
@pytest.mark.parametrize("slug", COMPANIES)
def test_the_guide_sheet_renders_the_routes_open_there(slug, code):
    sheet = guide_sheet(RECORDS, company=slug, country=code, language="en")
    soup = BeautifulSoup(str(guide_html(sheet)), "html.parser")
    routes = soup.select(".guide-route")
    assert [" ".join(r.find(["h2", "h3"]).get_text().split()) for r in routes] == \
        [guide.title for guide in sheet.guides]
    for route, guide in zip(routes, sheet.guides):
        assert len(route.select("ol.guide-steps > li")) == len(guide.steps)
        links = [a["href"] for a in route.select("a.guide-link")]
        assert links == [step.url for step in guide.steps if step.url]
        sources = [a["href"] for a in route.select(".guide-sources a")]
        assert sources == list(guide.sources)
    if not sheet.guides:
        assert "knows of no opt-out route" in words(soup)


def where_open(company, guide) -> str | None:
    """A place where the guide is offered: one it names, else any country."""
    named = [place for place in RECORDS.expand(guide.open_to) if place != WORLDWIDE]
    return next((code for code in [*named, *RECORDS.countries()]
                 if guide in RECORDS.guides_for(company, code)), None)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("slug", COMPANIES)
def test_every_guide_is_open_somewhere_and_shows_translated(slug, language):
    """Each guide, where it is open, and what the company does with AI, in every language
    besides English, through the catalogs (tests/test_catalogs.py: every string has one)."""
    company = RECORDS.companies[slug]
    for guide in company.guides:
        code = where_open(company, guide)
        assert code, f"{guide.id} is open nowhere"
        sheet = guide_sheet(RECORDS, company=slug, country=code, language=language)
        text = words(guide_html(sheet))
        for source in (guide.title, *(step.text for step in guide.steps),
                       *filter(None, [guide.result]), *guide.not_covered):
            assert " ".join(translate(language, source).split()) in text, source[:50]
    sheet = guide_sheet(RECORDS, company=slug, country="DE", language=language)
    text = words(guide_html(sheet))
    for use in sheet.ai_use:
        assert " ".join(translate(language, use.summary).split()) in text


# -- PDF: samples chosen from the data -------------------------------------------------------
def _pdf_samples() -> list[tuple[str, str]]:
    """The longest guide sheet, a controller without a postal address, and the most
    controllers: the cases most likely to break a page."""
    def steps(slug, code):
        sheet = guide_sheet(RECORDS, company=slug, country=code, language="en")
        return sum(len(guide.steps) for guide in sheet.guides)

    longest = max(((s, c) for s in COMPANIES for c in PLACES), key=lambda sc: steps(*sc))
    no_address = next(((s, c) for s in COMPANIES for c in PLACES
                       if not expected_controller(RECORDS.companies[s], c).address), longest)
    most = max(COMPANIES, key=lambda s: len(RECORDS.companies[s].controllers))
    return list(dict.fromkeys([longest, no_address, (most, PLACES[0])]))


@pytest.mark.parametrize("slug, code", _pdf_samples())
def test_samples_print_letter_and_guide_to_pdf(slug, code, person):
    letter = compose_letter(RECORDS, country=code, company=slug, request=request_for(code),
                            person=person, language="en", sent_on=SENT_ON)
    pdf = pdf_words(render_pdf(document(letter_html(letter), language="en",
                                        title=letter.subject)))
    assert letter.controller.name in pdf and person.name in pdf

    sheet = guide_sheet(RECORDS, company=slug, country=code, language="en")
    guide_pdf = pdf_words(render_pdf(document(guide_html(sheet), language="en",
                                              title=sheet.company.name)))
    for guide in sheet.guides:
        assert " ".join(guide.title.split()) in guide_pdf
        for step in guide.steps:
            if step.url:
                assert step.url.split("://", 1)[1][:30] in guide_pdf.replace(" ", "")
