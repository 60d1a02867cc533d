"""The legal matrix: every place objector knows, every request offered there, in every
language with a catalog; every request not offered there refused by the core, the command
line and the form."""
from __future__ import annotations

import functools
import re
from datetime import date

import pytest

from letters import compose_letter, records as records_module
from letters.cli import main as objector
from letters.errors import NotOffered
from letters.i18n import languages, long_date
from letters.render.html import document, letter_html
from letters.render.pdf import render_pdf
from letters.render.text import letter_text
from tests.conftest import REGIONS, SENT_ON, pdf_words

LANGUAGES = languages()
RECORDS = records_module.load()
PLACES = RECORDS.places()
KINDS = list(RECORDS.requests)
OFFERED = [(code, kind.id) for code in PLACES
           for kind in RECORDS.offered(RECORDS.jurisdiction(code))]
#: One place for each law: enough for the slower command-line and form checks.
PLACE_OF_LAW = {}
for _code in PLACES:
    PLACE_OF_LAW.setdefault(RECORDS.jurisdiction(_code).law.id, _code)
NOT_OFFERED_BY_LAW = [(code, kind) for law, code in PLACE_OF_LAW.items() for kind in KINDS
                      if not RECORDS.requests[kind].spec_for(RECORDS.laws[law])]

#: The last day to answer a letter sent on 26 November 2026, by the period the law sets
#: (months, days, business days): worked out by hand, not by the code under test.
DUE_FROM_SENT_ON = {
    (1, 0, 0): date(2026, 12, 26),    # one calendar month: GDPR, UK GDPR
    (0, 45, 0): date(2027, 1, 10),    # most US states
    (0, 90, 0): date(2027, 2, 24),    # Iowa
    (0, 30, 0): date(2026, 12, 26),   # PIPEDA, Quebec, Swiss access
    (0, 15, 0): date(2026, 12, 11),   # LGPD access statement
    (0, 10, 0): date(2026, 12, 6),    # Korea, Enforcement Decree
    (0, 0, 15): date(2026, 12, 17),   # CCPA opt-outs: 15 business days (Thursday start)
}


def marks(law, language):
    """Text that shows a citation of ``law``: its abbreviation and the fixed parts of its
    citation pattern ("Va. Code Ann. §", "Art.", "DSGVO")."""
    style_language = language if language in law.citation else "en"
    found = set()
    abbreviation = law.name(style_language).abbreviation
    if re.search(r"\w{2}", abbreviation):
        found.add(abbreviation)
    style = law.citation.get(style_language)
    for pattern in ([style.article, *style.styles.values()] if style else []):
        for piece in pattern.replace("{law}", abbreviation).split("{article}"):
            piece = piece.strip(" ,;:()")
            if len(re.findall(r"\w", piece)) >= 2:
                found.add(piece)
    return found


@functools.cache
def foreign_marks(law_id, language):
    """Marks of every other law that cannot be part of the law's own citations."""
    law = RECORDS.laws[law_id]
    own = marks(law, language) | {name.name for name in law.names.values()} | {
        name.abbreviation for name in law.names.values()}
    foreign = set()
    for other in RECORDS.laws.values():
        if other.id != law.id:
            foreign |= {m for m in marks(other, language)
                        if not any(found(m, text) for text in own)}
    return foreign


def found(mark, text):
    """``mark`` in ``text`` as a whole: "DSG" is not in "Art. 21 DSGVO"."""
    return re.search(rf"(?<!\w){re.escape(mark)}(?!\w)", text) is not None


def compose(code, kind, language, person):
    return compose_letter(RECORDS, country=code, company="meta", request=kind, person=person,
                          language=language, sent_on=SENT_ON)


@pytest.mark.parametrize("code, kind", OFFERED, ids=[f"{c}-{k}" for c, k in OFFERED])
def test_every_offered_request_cites_exactly_its_law_with_the_right_deadline(code, kind,
                                                                             person):
    for language in LANGUAGES:
        letter = compose(code, kind, language, person)
        text = letter_text(letter)
        spec = letter.request.spec_for(letter.law)
        assert set(letter.cited) == set(spec.cites), language
        for provision in spec.cites:
            assert letter.law.cite(provision, language) in text, (language, provision)
        for mark in foreign_marks(letter.law.id, language):
            assert not found(mark, text), (language, mark)
        rule = spec.deadline_rule(letter.law)
        if rule:
            due = DUE_FROM_SENT_ON[(rule.months, rule.days, rule.business_days)]
            assert letter.deadline == due
            assert long_date(due, language, code) in text, language
        else:
            assert letter.deadline is None
            assert not any(long_date(day, language, code) in text
                           for day in DUE_FROM_SENT_ON.values())


@pytest.mark.parametrize("code", PLACES)
def test_a_request_the_law_does_not_grant_is_refused(code):
    jurisdiction = RECORDS.jurisdiction(code)
    offered = {kind.id for kind in RECORDS.offered(jurisdiction)}
    assert offered, code
    for kind in set(KINDS) - offered:
        with pytest.raises(NotOffered) as refused:
            RECORDS.require_offered(RECORDS.requests[kind], jurisdiction)
        assert "is not offered where you live" in refused.value.translated("en")
        assert "wird dort, wo Sie wohnen, nicht angeboten" in refused.value.translated("de")


@pytest.mark.parametrize("code, kind", NOT_OFFERED_BY_LAW,
                         ids=[f"{c}-{k}" for c, k in NOT_OFFERED_BY_LAW])
def test_the_command_line_refuses_a_request_not_offered_with_exit_status_2(code, kind,
                                                                          capsys):
    status = objector(["letter", "--country", code, "--company", "meta", "--request", kind,
                       "--name", "Erika Mustermann", "--email", "erika@example.org"])
    error = capsys.readouterr().err
    assert status == 2 and error.count("\n") == 1
    title = RECORDS.requests[kind].title
    assert f"“{title}” is not offered where you live" in error
    assert f"objector list requests --country {code}" in error


@pytest.mark.parametrize("code", PLACE_OF_LAW.values())
def test_the_form_offers_only_what_the_law_grants_and_refuses_the_rest(walk, code):
    country = code.split("-")[0]
    page = walk(country=country, region=code if "-" in code else REGIONS.get(country),
                until="request")
    offered = [kind.id for kind in RECORDS.offered(RECORDS.jurisdiction(code))]
    shown = [radio["value"] for radio in page.soup.find_all("input", attrs={"name": "request"})]
    assert shown == offered
    for kind in set(KINDS) - set(offered):
        refused = page.submit(request=kind)
        assert refused.status == 200 and refused.title.startswith("Error:")
        assert any("is not offered where you live" in e for e in refused.errors()), kind


@pytest.mark.parametrize("code, kind, language, expected, due", [
    ("US-CA", "opt-out-sale-sharing", "de", ["Cal. Civ. Code § 1798.120",
                                             "Cal. Code Regs. tit. 11, § 7026"],
     date(2026, 12, 17)),
    ("CH", "object-ai-training", "de", ["Art. 30 Abs. 2 Bst. b DSG", "Art. 32 Abs. 2 DSG"], None),
    ("BR", "access", "en", ["Art. 19(II) LGPD", "Art. 18(VII) LGPD"], date(2026, 12, 11)),
    ("KR", "object-ai-training", "en", ["Art. 37(1) PIPA", "PIPA Enforcement Decree Art. 44"],
     date(2026, 12, 6)),
    ("GB", "object-direct-marketing", "en", ["Art. 21(2) UK GDPR", "Art. 21(3) UK GDPR"],
     date(2026, 12, 26)),
])
def test_a_sample_of_letters_prints_to_pdf_with_its_citations(code, kind, language, expected,
                                                              due, person):
    letter = compose(code, kind, language, person)
    pdf = render_pdf(document(letter_html(letter), language=language, title=letter.subject))
    words = pdf_words(pdf)
    for text in expected + ([long_date(due, language, code)] if due else []):
        assert text in words, text
