"""Web hardening: security headers on every kind of response, CSRF on every POST, request
size limits, a time limit on every page and file, and settings that fail safe."""
from __future__ import annotations

import logging
import runpy
import signal
import threading
import time
from urllib.parse import urlencode

import pytest
from werkzeug.datastructures import MultiDict

from letters import compose_letter
from letters.person import LIMITS
from letters.render.html import document, letter_html
from letters.render.pdf import render_pdf
from tests.conftest import ANSWERS, SENT_ON, pdf_words
from tests.test_ssrf import TEXT_FIELDS, download
from webapp import MAX_REQUEST_BYTES, create_app, settings
from webapp.flow import DOWNLOADS
from webapp.timelimit import TimeLimitExceeded, time_limit

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
#: A reason that takes over a second to print: a thousand one-item bullet lists.
SLOW_REASON = "\n".join(["- x"] * 1000)[:LIMITS["reason"]]


def assert_secure(response, personal: bool = True) -> None:
    headers = response.headers
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    policy = dict(part.strip().split(" ", 1) for part in
                  headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert not any("unsafe" in value or "http" in value or "*" in value
                   for value in policy.values())
    if personal:
        assert headers["Cache-Control"] == "no-store"


@pytest.fixture
def failing_app():
    """The app with one extra route that fails, to see what a server error looks like."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"})

    @app.route("/<lang:lang>/fails")
    def fails():
        raise RuntimeError("Erika Mustermann, Musterstraße 1")

    return app


def test_every_kind_of_response_carries_the_security_headers(failing_app, walk, client):
    result = walk()
    responses = {
        "200 page": client.get("/en/"),
        "200 flow": result.response,
        "303 redirect": client.get("/"),
        "400 no token": client.post("/en/request", data={"step": "country"}),
        "404": client.get("/en/nowhere"),
        "405": client.get("/en/download/letter.pdf"),
        "413": client.post("/en/request", data={"name": "x" * (MAX_REQUEST_BYTES + 1)}),
        "500": failing_app.test_client().get("/de/fails"),
    }
    batch = walk(company=["meta", "google"])
    responses["200 letters to several companies"] = batch.response
    for name in DOWNLOADS:
        responses[name] = download(result, name)
        responses[f"{name} of several"] = download(batch, name, letter_for="google")
    responses["400 a letter not chosen"] = download(batch, "letter.pdf", letter_for="acme")
    broken = MultiDict(result.form_values(result.soup.find("form", id="flow")))
    broken["email"] = "broken"
    responses["422 bad answers"] = client.post("/en/download/letter.pdf", data=broken)
    expected = {"200 page": 200, "200 flow": 200, "303 redirect": 303, "400 no token": 400,
                "404": 404, "405": 405, "413": 413, "500": 500,
                "200 letters to several companies": 200, "400 a letter not chosen": 400,
                "422 bad answers": 422, **{name: 200 for name in DOWNLOADS},
                **{f"{name} of several": 200 for name in DOWNLOADS}}
    assert {name: r.status_code for name, r in responses.items()} == expected
    for response in responses.values():
        assert_secure(response)
    assert_secure(client.get("/static/app.css"), personal=False)


def test_a_server_error_is_a_kind_page_that_quotes_nothing(failing_app, caplog):
    with caplog.at_level(logging.DEBUG):
        response = failing_app.test_client().get("/de/fails")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "Entschuldigung" in page
    assert "Erika" not in page and "Traceback" not in page
    assert "Erika" not in caplog.text and "RuntimeError" in caplog.text


# -- CSRF -----------------------------------------------------------------------------------
def post_routes(app) -> list[str]:
    """A URL for every rule that accepts POST, whatever blueprint added it."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            arguments = {"lang": "de", **{name: "letter.pdf" for name in rule.arguments
                                          if name != "lang"}}
            urls.append(rule.build(arguments)[1])
    return urls


def test_every_post_needs_the_security_token_and_says_so_in_the_persons_language(app,
                                                                                client):
    routes = post_routes(app)
    assert "/de/request" in routes and "/de/download/letter.pdf" in routes
    client.get("/de/request")  # the session holds a token; the posts do not carry it
    for url in routes:
        response = client.post(url, data={**ANSWERS, "country": "DE", "company": "meta",
                                          "request": "object-ai-training"})
        assert response.status_code == 400, url
        page = response.get_data(as_text=True)
        assert "Dieses Formular ist abgelaufen" in page and "CSRF" not in page


@pytest.mark.parametrize("send, message", [
    ("no cookie", "Erlauben Sie Cookies für diese Website"),
    ("wrong token", "nur auf dieser Website und nur für begrenzte Zeit"),
])
def test_a_refused_form_says_what_to_do(app, walk, send, message):
    page = walk(lang="de", until="company")
    values = MultiDict(page.form_values(page.soup.find("form", id="flow")))
    other = app.test_client()
    if send == "wrong token":
        other.get("/de/request")
        values["csrf_token"] = values["csrf_token"][::-1]
    response = other.post("/de/request", data=values)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_https_posts_from_another_site_are_refused():
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"})
    client = app.test_client()
    page = client.get("/en/request", base_url="https://objector.example")
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/en/request", base_url="https://objector.example",
                           data={"csrf_token": token, "step": "country"},
                           headers={"Referer": "https://evil.example/"})
    assert response.status_code == 400
    assert "only from this site" in response.get_data(as_text=True)


# -- request size ---------------------------------------------------------------------------
def test_the_longest_valid_answers_in_the_widest_script_fit_the_size_limit(walk):
    """Four-byte characters, percent-encoded, take twelve bytes each on the wire."""
    longest = {name: "\U0001F600" * LIMITS[name] for name in TEXT_FIELDS if name != "email"}
    result = walk(**longest)
    assert result.status == 200 and result.errors() == []
    sent = urlencode(result.form_values(result.soup.find("form", id="flow")))
    assert len(sent) < MAX_REQUEST_BYTES / 2


@pytest.mark.parametrize("character", ["x", "\U0001F600"])
def test_a_ten_thousand_character_answer_gets_a_message_at_its_field(walk, character):
    page = walk(until="check", reason=character * 10_000)
    assert page.status == 200
    assert "4000 characters or fewer" in page.field_error("reason")
    assert page.value("name") == ANSWERS["name"]


@pytest.mark.parametrize("lang, heading", [("en", "What you sent is too long"),
                                           ("de", "Ihre Eingaben sind zu lang")])
def test_a_request_over_the_size_limit_gets_a_kind_page(client, lang, heading):
    response = client.post(f"/{lang}/request", data={"reason": "x" * MAX_REQUEST_BYTES})
    assert response.status_code == 413
    assert heading in response.get_data(as_text=True)


def test_a_multipart_form_with_too_many_parts_is_refused(client):
    data = {f"field{number}": "x" for number in range(150)}
    response = client.post("/en/request", data=data, content_type="multipart/form-data")
    assert response.status_code == 413


# -- time limit -----------------------------------------------------------------------------
def test_a_page_that_takes_too_long_is_cut_off_kindly_and_the_app_serves_on(walk):
    slow = walk(lang="de", reason=SLOW_REASON)
    config = slow.client.application.config
    config["RENDER_TIMEOUT"] = 0.2
    started = time.monotonic()
    response = download(slow, "letter.pdf")
    assert time.monotonic() - started < 0.2 + 3  # cut off, not left to finish (1.4 s or more)
    assert response.status_code == 503
    assert "Die Erstellung Ihres Briefs hat zu lange gedauert" in response.get_data(as_text=True)
    assert_secure(response)
    config["RENDER_TIMEOUT"] = 10
    usual = download(walk(lang="de"), "letter.pdf")
    assert usual.status_code == 200 and usual.mimetype == "application/pdf"


def test_cut_off_renders_leave_the_pdf_engine_working(records, person):
    letter = compose_letter(records, country="DE", company="meta",
                            request="object-ai-training", person=person, language="de",
                            sent_on=SENT_ON)
    html = document(letter_html(letter), language="de", title=letter.subject)
    expected = pdf_words(render_pdf(html))
    for seconds in (0.001, 0.003, 0.01, 0.02, 0.03, 0.05):
        try:
            with time_limit(seconds):
                render_pdf(html)
        except TimeLimitExceeded:
            pass
    assert pdf_words(render_pdf(html)) == expected


def test_the_time_limit_ends_with_its_work_and_restores_the_previous_alarm():
    previous = signal.getsignal(signal.SIGALRM)
    with time_limit(0.05):
        pass
    time.sleep(0.1)  # no alarm left behind
    assert signal.getsignal(signal.SIGALRM) == previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.05):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:  # work that swallows errors is interrupted again
                    pass


def test_outside_the_main_thread_work_runs_without_a_limit():
    done = []

    def work():
        with time_limit(0.01):
            time.sleep(0.05)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]


# -- settings -------------------------------------------------------------------------------
def test_without_a_secret_key_each_process_makes_a_random_one(monkeypatch):
    monkeypatch.delenv("OBJECTOR_SECRET_KEY", raising=False)
    first, second = create_app().secret_key, create_app().secret_key
    assert len(first) == 64 and first != second


def test_a_secret_key_from_the_environment_is_used_and_must_be_long(monkeypatch):
    monkeypatch.setenv("OBJECTOR_SECRET_KEY", "k" * 40)
    assert create_app().secret_key == "k" * 40
    monkeypatch.setenv("OBJECTOR_SECRET_KEY", "changeme")
    with pytest.raises(settings.SettingError, match="at least 32 characters"):
        create_app()


@pytest.mark.parametrize("value, seconds", [("", 10.0), ("2.5", 2.5), ("0", None),
                                            ("soon", None), ("-1", None)])
def test_the_render_timeout_comes_from_the_environment(monkeypatch, value, seconds):
    monkeypatch.setenv("OBJECTOR_RENDER_TIMEOUT", value)
    if seconds is None:
        with pytest.raises(settings.SettingError):
            settings.render_timeout()
    else:
        assert settings.render_timeout() == seconds == create_app().config["RENDER_TIMEOUT"]


def gunicorn_settings(monkeypatch, **environment) -> dict:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("webapp.gunicorn_conf")


def test_the_production_server_never_runs_in_debug_mode(monkeypatch):
    gunicorn_settings(monkeypatch, FLASK_DEBUG="1")
    assert create_app().debug is False


@pytest.mark.parametrize("render_timeout", ["10", "45"])
def test_gunicorn_gives_up_on_a_worker_only_well_after_the_render_timeout(monkeypatch,
                                                                         render_timeout):
    conf = gunicorn_settings(monkeypatch, OBJECTOR_RENDER_TIMEOUT=render_timeout)
    assert conf["timeout"] >= float(render_timeout) + 20
    assert conf["worker_class"] == "sync" and conf["preload_app"] is True
    assert conf["max_requests"] > 0 and 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["control_socket_disable"] is True


def test_the_access_log_records_no_address_query_body_referrer_or_browser(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    atoms = set(conf["access_log_format"].replace("%(", "\0").split("\0")[1:])
    used = {atom.split(")")[0] for atom in atoms}
    assert used == {"t", "m", "U", "s", "B", "M", "p"}


@pytest.mark.parametrize("message, args, logged", [
    ("Invalid request from ip=203.0.113.7: Invalid HTTP request line: 'GET /?n=Erika'", (),
     "Invalid request: Invalid HTTP request line"),
    ("Error handling request %s %s", ("GET", "/en/?name=Erika"),
     "Error handling request GET /en/"),
    ("Booting worker with pid: %s", (42,), "Booting worker with pid: 42"),
])
def test_gunicorns_error_log_leaves_out_addresses_and_query_strings(monkeypatch, message,
                                                                   args, logged):
    conf = gunicorn_settings(monkeypatch)
    record = logging.LogRecord("gunicorn.error", logging.WARNING, __file__, 1, message, args,
                               None)
    assert conf["WithoutVisitors"]().filter(record)
    assert record.getMessage() == logged
