"""Every language with a catalog, everywhere: URLs and browsers' choices, the letter's own
language, the law's terms in it, CLDR dates, names, plural forms and sorting."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from letters import Person, compose_letter
from letters.bidi import strip_isolates
from letters.compose import company_language, second_language
from letters.errors import InvalidInput
from letters.person import TOO_LONG
from letters.i18n import (
    country_name, languages, long_date, normalize_language, sort_key, text_direction,
)
from letters.render.text import letter_text
from tests.conftest import ANSWERS, SENT_ON

LANGUAGES = languages()


# -- which language: tags, URLs, browsers, the command line ------------------------------------
@pytest.mark.parametrize("tag, supported, expected", [
    ("de", {"en", "de"}, "de"),
    ("de-AT", {"en", "de"}, "de"),            # a region without a catalog: its language's
    ("de_CH", {"en", "de"}, "de"),
    ("pt-BR", {"en", "pt_BR"}, "pt_BR"),      # hyphen or underscore, any case
    ("pt_BR", {"en", "pt_BR"}, "pt_BR"),
    ("pt_br", {"en", "pt_BR"}, "pt_BR"),
    ("PT-br", {"en", "pt_BR"}, "pt_BR"),
    ("pt", {"en", "pt_BR"}, "pt_BR"),         # the only Portuguese there is
    ("pt", {"en", "pt", "pt_BR"}, "pt"),
    ("pt-PT", {"en", "pt", "pt_BR"}, "pt"),
    ("pt-BR", {"en", "pt", "pt_BR"}, "pt_BR"),
    ("ar-EG", {"en", "ar"}, "ar"),
    ("fr", {"en", "de"}, None),
    ("xx", {"en", "de"}, None),
    ("", {"en"}, None),
    ("de-", {"en", "de"}, None),
])
def test_language_tags_map_onto_the_catalogs_there_are(tag, supported, expected):
    assert normalize_language(tag, supported) == expected


@pytest.mark.parametrize("accept, target", [
    ("ar-EG,ar;q=0.9,en;q=0.5", "/ar/"),
    ("de-AT,de;q=0.9,en;q=0.5", "/de/"),
    ("ja-JP,ja;q=0.9,de;q=0.8", "/de/"),      # the first language objector speaks
    ("zh-TW,zh;q=0.9", "/en/"),
    ("*", "/en/"),
])
def test_the_browsers_languages_choose_where_people_start(client, accept, target):
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.headers["Location"] == target


@pytest.mark.parametrize("path, status", [("/ar/", 200), ("/de/", 200), ("/AR/", 404),
                                          ("/ar-EG/", 404), ("/ja/", 404)])
def test_the_url_names_a_language_objector_has_exactly_once(client, path, status):
    assert client.get(path).status_code == status


@pytest.mark.parametrize("lang, expected", [("de-AT", "Sehr geehrte Damen und Herren"),
                                            ("AR", "السيدات والسادة المحترمون"),
                                            ("ar_EG", "السيدات والسادة المحترمون")])
def test_the_command_line_takes_the_same_language_tags(lang, expected):
    result = subprocess.run([sys.executable, "-m", "letters", "letter", "--country", "DE",
                             "--company", "meta", "--request", "object-ai-training",
                             "--name", "Erika Mustermann", "--email", "erika@example.org",
                             "--lang", lang], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout.decode()


# -- every page, in every language -------------------------------------------------------------
PAGES = ["start", "privacy", "missing", "country", "company", "request", "details", "language",
         "check", "result"]


def open_page(browser, walk, lang, page):
    paths = {"start": "", "privacy": "privacy", "missing": "no-such-page"}
    if page in paths:
        return browser(f"/{lang}/{paths[page]}")
    return walk(lang=lang, until=page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_says_its_language_and_direction(browser, walk, lang, page):
    shown = open_page(browser, walk, lang, page)
    assert shown.status in (200, 404)
    html = shown.soup.html
    assert html["lang"] == lang.replace("_", "-")
    assert html["dir"] == text_direction(lang)
    for link in shown.soup.select(".languages [lang]"):   # the other languages, each in its own
        assert link["lang"] != html["lang"] and link.get_text(strip=True)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
@pytest.mark.parametrize("company", ["meta", "acxiom", "zoom"])
def test_no_english_is_left_on_the_result_page(walk, lang, company):
    """No text on the page is an English message that the catalog translates: templates
    and records go through the catalog (the guide's steps too). Names of one or two words
    ("Berlin") are left out: they are also what people type."""
    from babel.messages.pofile import read_po
    from letters.i18n import locales_dir
    with (locales_dir() / lang / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        english = {m.id for m in read_po(stream) if isinstance(m.id, str)
                   and len(m.id.split()) > 2 and m.string != m.id and "%(" not in m.id}
    page = walk(lang=lang, letter=lang, company=company)
    texts = {" ".join(text.split()) for text in page.soup.body.stripped_strings}
    assert not texts & english


# -- the letter's language is the person's choice ---------------------------------------------
def test_the_letter_language_question_suggests_the_interface_and_names_the_companys(walk):
    page = walk(lang="de", company="hugging-face", until="language")
    assert page.soup.find("select", attrs={"name": "letter_language"}).find(
        "option", selected=True)["value"] == "de"
    assert "Hugging Face bearbeitet Datenschutzanfragen auf Englisch." in page.text()
    options = [o["value"] for o in page.soup.select("select[name=letter_language] option")]
    assert sorted(options) == sorted(LANGUAGES)
    assert page.soup.find("input", attrs={"name": "bilingual", "type": "checkbox"})


@pytest.mark.parametrize("interface, letter, salutation", [
    ("en", "ar", "السيدات والسادة المحترمون"),
    ("ar", "de", "Sehr geehrte Damen und Herren"),
    ("de", "en", "Dear Sir or Madam"),
])
def test_the_letter_is_in_the_chosen_language_whatever_the_interface(walk, interface, letter,
                                                                     salutation):
    page = walk(lang=interface, letter=letter)
    article = page.soup.select_one("article.letter")
    assert article["lang"] == letter and article["dir"] == text_direction(letter)
    assert page.soup.html["lang"] == interface
    assert page.soup.find(id="email-body").get_text().startswith(salutation)


def test_the_chosen_letter_language_survives_a_change_of_interface(walk):
    page = walk(lang="en", letter="ar").submit("Deutsch")
    assert page.soup.html["lang"] == "de"
    assert page.soup.select_one("article.letter")["lang"] == "ar"


def test_a_language_without_catalog_is_refused_on_the_language_page(walk):
    page = walk(until="language").submit(letter_language="xx")
    assert any("objector cannot write letters in “xx” yet." in e for e in page.errors())


def test_the_check_page_shows_the_letters_language(walk):
    page = walk(lang="en", letter="ar", until="check")
    row = next(r for r in page.soup.select(".summary-row") if "Language" in r.dt.get_text())
    assert "Arabic" in row.get_text()


@pytest.mark.parametrize("requested, expected", [(("en",), "en"), (("de", "en"), "de"),
                                                 (("ja", "de"), "de"), (("ja",), "en"),
                                                 ((), "en")])
def test_the_companys_language_is_the_first_objector_writes(records, requested, expected):
    from dataclasses import replace
    company = replace(records.company("meta"), request_languages=requested)
    assert company_language(company) == expected


@pytest.mark.parametrize("bilingual, also, expected", [
    (False, None, None),
    (True, None, "en"),         # Meta names no language: English
    (False, "de-AT", "de"),     # a language asked for, as the command line's --also-lang
    (True, "ar", "ar"),
])
def test_the_second_language_of_a_bilingual_letter(records, bilingual, also, expected):
    assert second_language(records.company("meta"), bilingual, also) == expected


# -- the law's terms in the letter's language ---------------------------------------------------
#: How each language cites Art. 21(1) GDPR, and the regulation's name in the law record.
CITATIONS = {
    "en": ("Art. 21(1) GDPR", "General Data Protection Regulation"),
    "de": ("Art. 21 Abs. 1 DSGVO", "Datenschutz-Grundverordnung"),
    "pt": ("artigo 21.º, n.º 1, do Regulamento (UE) 2016/679",
           "Regulamento Geral sobre a Proteção de Dados"),
    "pt_BR": ("artigo 21.º, n.º 1, do GDPR", "Regulamento Geral sobre a Proteção de Dados"),
    "ro": ("articolul 21 alineatul (1) din RGPD", "Regulamentul general privind protecția datelor"),
    "fr": ("article 21, paragraphe 1, du RGPD", "règlement général sur la protection des données"),
    "it": ("art. 21, par. 1 GDPR", "regolamento generale sulla protezione dei dati"),
    "es": ("artículo 21, apartado 1, del RGPD", "Reglamento general de protección de datos"),
    "pl": ("art. 21 ust. 1 RODO", "ogólne rozporządzenie o ochronie danych"),
    "cs": ("čl. 21 odst. 1 (obecné nařízení o ochraně osobních údajů)",
           "obecné nařízení o ochraně osobních údajů"),
    "sk": ("článok 21 ods. 1 (všeobecné nariadenie o ochrane údajov)",
           "všeobecné nariadenie o ochrane údajov"),
    "sl": ("člen 21(1) (Splošna uredba o varstvu podatkov)", "Splošna uredba o varstvu podatkov"),
    "lt": ("Reglamento (ES) 2016/679 21 straipsnio 1 dalis",
           "Bendrasis duomenų apsaugos reglamentas"),
    "lv": ("Regulas (ES) 2016/679 21. panta 1. punkts", "Vispārīgā datu aizsardzības regula"),
    "ga": ("Airteagal 21(1) de Rialachán (AE) 2016/679",
           "An Rialachán Ginearálta maidir le Cosaint Sonraí"),
    "mt": ("l-Artikolu 21(1) tar-Regolament (UE) 2016/679",
           "Regolament Ġenerali dwar il-Protezzjoni tad-Data"),
    "ar": ("المادة 21(1) من GDPR", "اللائحة العامة لحماية البيانات — General Data Protection "
                                   "Regulation"),
    "bg": ("член 21, параграф 1 от Регламент (ЕС) 2016/679",
           "Общ регламент относно защитата на данните"),
    "uk": ("Art. 21(1) GDPR", "Загальний регламент про захист даних"),
    "nl": ("artikel 21, lid 1, van de AVG", "algemene verordening gegevensbescherming"),
    "sv": ("artikel 21.1 i GDPR", "allmän dataskyddsförordning"),
    "da": ("artikel 21, stk. 1, i forordning (EU) 2016/679",
           "generel forordning om databeskyttelse"),
    "nb": ("GDPR artikkel 21 nr. 1", "generell personvernforordning"),
    "hr": ("čl. 21. st. 1. Uredbe (EU) 2016/679", "Opća uredba o zaštiti podataka"),
    "el": ("άρθρο 21 παράγραφος 1 του Κανονισμού (ΕΕ) 2016/679",
           "Γενικός Κανονισμός για την Προστασία Δεδομένων"),
    "hu": ("az (EU) 2016/679 rendelet 21. cikk (1) bekezdése", "általános adatvédelmi rendelet"),
    "fi": ("asetuksen (EU) 2016/679 21 artiklan 1 kohta", "yleinen tietosuoja-asetus"),
    "et": ("määruse (EL) 2016/679 artikli 21 lõige 1", "isikuandmete kaitse üldmäärus"),
    "is": ("Art. 21(1) GDPR", "almenna persónuverndarreglugerðin"),
    "tr": ("GDPR Madde 21(1)", "Genel Veri Koruma Tüzüğü"),
}


def test_every_language_has_an_expected_citation_here():
    assert set(CITATIONS) >= set(LANGUAGES), "add the new language's citation to CITATIONS"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_letter_cites_the_articles_with_the_law_records_terms(records, person, language):
    letter = compose_letter(records, country="DE", company="meta", request="object-ai-training",
                            person=person, language=language, sent_on=SENT_ON)
    text = letter_text(letter)
    law = letter.law
    for provision in letter.request.spec_for(law).cites:
        assert law.cite(provision, language) in text, provision
    objection, name = CITATIONS[language]
    assert strip_isolates(law.cite("object", language)) == objection
    assert objection in strip_isolates(letter.subject)
    assert name in text and law.name(language).name == name


def test_a_law_without_terms_in_the_letters_language_is_cited_in_english(records, person):
    """The UK GDPR has no Arabic name or citation style: the English ones, kept whole."""
    letter = compose_letter(records, country="GB", company="meta", request="object-ai-training",
                            person=person, language="ar", sent_on=SENT_ON)
    assert "\u2068Art. 21(1) UK GDPR\u2069" in letter.subject
    assert "UK General Data Protection Regulation" in letter_text(letter)


# -- CLDR: dates, names, plural forms, order ---------------------------------------------------
@pytest.mark.parametrize("language, country, expected", [
    ("en", "DE", "26 November 2026"), ("en", "US", "November 26, 2026"),
    ("de", "AT", "26. November 2026"), ("ar", "DE", "26 نوفمبر 2026"),
    ("ar", "MA", "26 نونبر 2026"),        # Morocco's month names, from CLDR
])
def test_dates_are_written_as_the_language_writes_them_where_the_person_lives(language,
                                                                             country, expected):
    assert long_date(SENT_ON, language, country) == expected


@pytest.mark.parametrize("code, language, expected", [
    ("DE", "de", "Deutschland"), ("DE", "ar", "ألمانيا"), ("EG", "en", "Egypt"),
    ("US-OH", "ar", "الولايات المتحدة"),
])
def test_country_names_come_from_cldr(code, language, expected):
    assert country_name(code, language) == expected


@pytest.mark.parametrize("language, count, expected", [
    ("en", 1, "must be 1 character or fewer."),
    ("en", 254, "must be 254 characters or fewer."),
    ("de", 254, "höchstens 254 Zeichen lang"),
    ("ar", 1, "على حرف واحد."),
    ("ar", 2, "على حرفين."),
    ("ar", 8, "على 8 أحرف."),
    ("ar", 11, "على 11 حرفًا."),
    ("ar", 254, "على 254 حرفًا."),     # 11 to 99, also after hundreds
    ("ar", 200, "على 200 حرف."),
])
def test_counts_take_the_plural_form_of_the_language(language, count, expected):
    error = InvalidInput(TOO_LONG["email"], field="email", max=count)
    assert expected in error.translated(language)


@pytest.mark.parametrize("language, expected", [
    ("en", "Your postal address must fit on 8 lines."), ("ar", "على 8 أسطر."),
    ("de", "höchstens 8 Zeilen umfassen"),
])
def test_a_refused_answer_tells_its_limit_in_the_plural_it_needs(language, expected):
    with pytest.raises(InvalidInput) as raised:
        Person.from_input(name="A", email="a@example.org", address="\n".join("x" * 9))
    assert expected in raised.value.translated(language)


@pytest.mark.parametrize("language, words", [
    ("de", ["Ägypten", "Albanien", "Oman", "Österreich", "Zypern"]),    # Ö with O
    ("sv", ["Albanien", "Oman", "Zypern", "Ägypten", "Österrike"]),     # Ä, Ö after Z
    ("cs", ["Hongkong", "Chile", "Chorvatsko", "Indie"]),              # Ch after H
    ("lt", ["Indija", "Jemenas", "Kipras"]),
    ("ar", ["الأردن", "البحرين", "تونس", "مصر"]),
])
def test_lists_are_sorted_by_cldr_collation(language, words):
    assert sorted(reversed(words), key=sort_key(language)) == words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_country_list_is_in_the_interfaces_alphabetical_order(walk, lang):
    page = walk(lang=lang, until="country")
    names = [o.get_text() for o in page.soup.select("select[name=country] option") if o["value"]]
    assert names == sorted(names, key=sort_key(lang)) and len(names) == 249
    if lang == "de":
        assert names.index("Oman") < names.index("Österreich") < names.index("Pakistan")


# -- the command line tells errors in the letter's language ------------------------------------
def test_an_arabic_error_on_the_command_line():
    result = subprocess.run([sys.executable, "-m", "letters", "letter", "--country", "DE",
                             "--company", "meta", "--request", "object-ai-training",
                             "--name", "", "--email", "a@example.org", "--lang", "ar"],
                            capture_output=True, timeout=120)
    assert result.returncode == 2
    assert re.fullmatch(r"objector: error: أدخل اسمك الكامل\.\n", result.stderr.decode())


def test_answers_of_any_script_survive_the_flow(walk):
    page = walk(lang="ar", letter="ar", name="محمد عبد الله", place="القاهرة",
                address="شارع التحرير 10\nالقاهرة", account="@محمد_99", reason=ANSWERS["reason"])
    preview = page.soup.select_one(".paper").get_text(" ")
    assert "محمد عبد الله" in preview and "القاهرة" in preview
