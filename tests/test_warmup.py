"""What the speed of objector rests on: work done once per process, and done before gunicorn
forks its workers. How fast it is, is measured by ``make bench``, never asserted here."""
from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from letters import records as records_module
from letters.environment import environment
from letters.i18n import languages
from letters.render import pdf
from letters.warmup import example_places, warm_up
from tests.test_pdf import letter_pdf
from webapp.forms import CountryForm, country_choices
from webapp.warmup import warm_up as warm_up_app

ROOT = Path(__file__).resolve().parent.parent


def cached_templates(env) -> set[str]:
    return {name for _loader, name in env.cache.keys()}


# -- once per process ------------------------------------------------------------------------
def test_every_render_shares_one_font_configuration_and_one_parsed_stylesheet(records, person):
    def built() -> tuple[int, ...]:
        return tuple(cached.cache_info().misses
                     for cached in (pdf.font_config, pdf.stylesheet))

    for language in ("de", "en"):
        letter_pdf(records, person, language=language)
    before = built()
    for language in ("de", "en"):
        letter_pdf(records, person, language=language)
    assert built() == before
    assert pdf.stylesheet("letter.css") is pdf.stylesheet("letter.css")
    assert pdf.font_config() is pdf.font_config()


def test_the_country_list_is_sorted_once_per_language_and_by_name(app):
    assert country_choices("de") is country_choices("de")
    names = [name for _code, name in country_choices("de")]
    assert names.index("Österreich") < names.index("Polen")  # Ö sorts as O
    assert ("DE", "Deutschland") in country_choices("de")
    with app.test_request_context("/de/request"):
        assert CountryForm().country.choices[1:] == list(country_choices("de"))


def test_the_country_codes_are_listed_once_per_process():
    assert records_module.load().countries() is records_module.load().countries()


# -- the warm-up -----------------------------------------------------------------------------
def test_the_letters_warm_up_compiles_every_letter_of_every_law_in_every_language(records):
    assert warm_up() == languages()
    for language in languages():
        compiled = cached_templates(environment(language, html=False))
        for place in example_places(records).values():
            jurisdiction = records.jurisdiction(place)
            for kind in records.offered(jurisdiction):
                assert compiled & set(kind.template_names(jurisdiction.law)), (language, place)
        assert {"letter.html", "guide.html", "document.html"} <= cached_templates(
            environment(language, html=True))


def test_the_warm_up_finds_a_place_for_every_law(records):
    places = example_places(records)
    assert set(places) == {law.id for law in records.laws.values()}
    assert all(records.jurisdiction(code).law.id == law for law, code in places.items())


def test_the_web_warm_up_compiles_every_page_of_the_flow(app):
    assert warm_up_app(app) == languages()
    compiled = cached_templates(app.jinja_env)
    pages = {str(path.relative_to(ROOT / "webapp" / "templates"))
             for path in (ROOT / "webapp" / "templates").rglob("*.html")}
    assert pages - compiled <= {"error.html"}


# -- gunicorn --------------------------------------------------------------------------------
def read_until(process: subprocess.Popen, marker: bytes, timeout: float) -> str:
    """What a process writes until ``marker`` appears, it exits, or the time runs out."""
    output, deadline = b"", time.monotonic() + timeout
    while marker not in output and (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([process.stdout], [], [], left)
        chunk = os.read(process.stdout.fileno(), 65536) if ready else b""
        if ready and not chunk:
            break
        output += chunk
    return output.decode()


@pytest.fixture
def gunicorn_log():
    """The log of the production server, as ``make run`` starts it, until a worker booted."""
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "python:webapp.gunicorn_conf",
         "--bind", "127.0.0.1:0", "webapp:create_app()"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "OBJECTOR_WORKERS": "1"})
    try:
        yield read_until(server, b"Booting worker", timeout=120)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_gunicorn_warms_every_language_up_in_the_master_before_forking(gunicorn_log):
    master = re.search(r"Listening at: \S+ \((\d+)\)", gunicorn_log).group(1)
    warmed = re.search(r"\[(\d+)\] \[INFO\] Warmed up in [\d.]+ s before forking: (.*)",
                       gunicorn_log)
    booted = re.search(r"Booting worker with pid: (\d+)", gunicorn_log)
    assert warmed and booted, gunicorn_log
    assert warmed.group(1) == master != booted.group(1)
    assert warmed.start() < booted.start()
    assert tuple(warmed.group(2).split(", ")) == languages()
