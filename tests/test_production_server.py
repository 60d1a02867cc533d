"""The production server, started exactly as ``make run`` starts it (gunicorn, sync workers,
preloaded), driven over real HTTP on 127.0.0.1: its logs, the files around it, its headers,
and a render cut off while the server keeps serving."""
from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from tests.conftest import ANSWERS, REGIONS, Page, answer_pages
from tests.test_hardening import SLOW_REASON, assert_secure
from tests.test_privacy import typed
from tests.test_ssrf import SEARCH_FIELD, chosen_letter, download, offered
from tests.test_web_follow_up import SENT, day_fields
from webapp import MAX_REQUEST_BYTES

ROOT = Path(__file__).resolve().parent.parent
ACCESS_LINE = re.compile(r'^\[[^\]]+\] "(GET|POST|HEAD) ')


class LiveClient:
    """Speaks HTTP to a real server like a browser that keeps the session cookie, and
    answers with werkzeug responses, so that ``Page`` can fill in and submit forms."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""

    def request(self, method: str, url: str, body: bytes | None = None,
                content_type: str | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(method, url, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookie = "; ".join(f"{key}={morsel.value}" for key, morsel in cookie.items())
        return Response(data, status=answer.status, headers=list(answer.headers.items()))

    def get(self, url: str) -> Response:
        return self.request("GET", url)

    def post(self, url: str, data) -> Response:
        """``data``: a MultiDict, or a dict whose values may be lists (several values)."""
        pairs = data.items(multi=True) if isinstance(data, MultiDict) else data.items()
        return self.request("POST", url, urlencode(list(pairs), doseq=True).encode(),
                            "application/x-www-form-urlencoded")


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    sandbox: Path
    log: Path

    def open(self, url: str) -> Page:
        client = LiveClient(self.port)
        return Page(client, client.get(url), [url])

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def access_lines(self) -> list[str]:
        return [line for line in self.lines() if ACCESS_LINE.match(line)]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(tmp_path: Path, **environment: str) -> Server:
    """``make run`` on a free port of 127.0.0.1, with its own home and temporary folder."""
    sandbox = tmp_path / "sandbox"
    for folder in ("home", "tmp"):
        (sandbox / folder).mkdir(parents=True)
    log = tmp_path / "server.log"
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("OBJECTOR_", "XDG_", "FLASK_"))}
    env.update({"HOME": str(sandbox / "home"), "TMPDIR": str(sandbox / "tmp"),
                "PYTHONUNBUFFERED": "1", "OBJECTOR_WORKERS": "2", **environment})
    with log.open("wb") as output:
        process = subprocess.Popen(["make", "--no-print-directory", "run", "HOST=127.0.0.1",
                                    f"PORT={port}"], cwd=ROOT, env=env, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(process, port, sandbox, log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("make run stopped:\n" + log.read_text())
        booted = log.read_text(errors="replace").count("Booting worker")
        try:
            # Every worker up (each makes its heartbeat file in TMPDIR as it starts), and
            # one of them answering.
            if booted >= int(env["OBJECTOR_WORKERS"]) and LiveClient(port).get(
                    "/en/").status_code == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError("make run did not answer within 120 s:\n" + log.read_text())


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    server = start(tmp_path_factory.mktemp("production"))
    yield server
    server.stop()


def walk_live(server: Server, lang: str = "en", company: str | list[str] = "meta",
              search: str = "", **answers: str) -> Page:
    """The whole flow over HTTP; ``search`` is typed into the company search first."""
    page = server.open(f"/{lang}/request").submit(country="DE")
    if page.soup.find("select", attrs={"name": "region"}) is not None:
        page = page.submit(region=REGIONS["DE"])
    if search:
        page = page.submit("Search", **{SEARCH_FIELD: search})
    for fields in ({"company": company}, {"request": "object-ai-training"},
                   {**ANSWERS, **answers}, {}, {}):  # the letter's language as suggested
        page = page.submit(**fields)
    return page


def snapshot(*folders: Path) -> dict[str, tuple[float, int]]:
    """Every file under the folders, with its modification time and size."""
    found = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                stat = path.lstat()
            except OSError:
                continue
            found[str(path)] = (stat.st_mtime, stat.st_size)
    return found


def written_since(started: float, folder: Path) -> list[Path]:
    """Files under ``folder`` changed since ``started`` (other programs' too)."""
    changed = []
    for path in folder.rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime >= started:
                changed.append(path)
        except OSError:
            continue
    return changed


def test_nothing_typed_reaches_the_production_logs_files_cookies_or_urls(production):
    marker = "Sentinel" + uuid.uuid4().hex[:12]
    answers = typed(marker)
    watched = (production.sandbox, ROOT / "letters", ROOT / "webapp", ROOT / "locales")
    before = snapshot(*watched)
    started = time.time()

    result = walk_live(production, search=marker, **answers)
    assert result.status == 200 and marker in result.text()
    batch = walk_live(production, company=["meta", "google"], **answers)
    assert "Your letters to 2 companies" in batch.h1
    complaint = answer_pages(production.open("/en/").follow("I already sent a letter"), [
        ("country", {"country": "DE"}), ("region", {"region": REGIONS["DE"]}),
        ("company", {"company": "meta"}), ("request", {"request": "object-ai-training"}),
        ("sent", day_fields(SENT)), ("next", {"follow_up": "complaint"}),
        ("details", {**ANSWERS, **answers}), ("language", {}), ("check", {})])
    assert "complaint" in complaint.h1
    responses = [result.response, result.submit("Deutsch").response, batch.response,
                 complaint.response,
                 walk_live(production, **{**answers, "email": marker}).response]
    for page in (result, batch, complaint):
        responses += [download(page, name, letter_for=chosen_letter(page))
                      for name in offered(page)]
    client = LiveClient(production.port)
    # Answers in a query string (objector never makes such links) are not logged either.
    responses.append(client.get(f"/en/?name={marker}&email={marker}%40example.org"))
    assert {r.status_code for r in responses} == {200}
    assert all(r.headers.get("Content-Type") for r in responses)

    for response in responses:
        for name, value in response.headers.items():
            if name != "Content-Length":
                assert marker.lower() not in value.lower(), name
    assert "session=" in result.client.cookie and marker not in result.client.cookie

    time.sleep(0.5)  # the last access-log lines
    log = production.log.read_text(encoding="utf-8", errors="replace")
    assert marker.lower() not in log.lower()
    access = production.access_lines()
    assert len(access) >= len(responses) + 10
    assert not [line for line in access if "?" in line or "127.0.0.1" in line]
    assert any('"GET /en/" 200' in line for line in access)  # the one with a query string

    assert snapshot(*watched) == before  # nothing written at home, in TMPDIR, the code
    assert not (production.sandbox / "home" / ".gunicorn").exists()  # no control socket
    for path in written_since(started, Path("/tmp")):
        try:
            if path.stat().st_size < 20_000_000:
                assert marker.encode() not in path.read_bytes(), path
        except OSError:
            continue


def test_the_production_server_sends_security_headers_on_every_kind_of_response(production):
    result = walk_live(production)
    client = LiveClient(production.port)
    oversized = urlencode({"reason": "x" * MAX_REQUEST_BYTES}).encode()
    responses = {
        200: [client.get("/de/"), result.response, download(result, "letter.pdf")],
        400: [client.post("/de/request", data={"step": "country"})],
        404: [client.get("/de/nirgendwo")],
        413: [client.request("POST", "/de/request", oversized,
                             "application/x-www-form-urlencoded")],
    }
    for status, answered in responses.items():
        for response in answered:
            assert response.status_code == status
            assert_secure(response)
    assert "Ihre Eingaben sind zu lang" in responses[413][0].get_data(as_text=True)
    assert download(result, "letter.pdf").mimetype == "application/pdf"


def test_workers_share_one_secret_so_any_worker_accepts_any_form(production):
    """Four people at once keep both workers busy; every form is accepted by whichever
    worker answers, because the key that signs the security token was made before forking."""
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: walk_live(production), range(8)))
    assert all(page.status == 200 and "Meta" in page.h1 for page in results)
    time.sleep(0.5)
    workers = {line.rsplit(" ", 1)[-1] for line in production.access_lines()
               if '"POST /en/request" 200' in line}
    assert len(workers) == 2


def test_a_render_cut_off_in_production_gets_a_kind_page_and_the_worker_serves_on(tmp_path):
    server = start(tmp_path, OBJECTOR_WORKERS="1", OBJECTOR_RENDER_TIMEOUT="0.5")
    try:
        slow = walk_live(server, lang="de", **{**typed("Erika"), "reason": SLOW_REASON})
        assert slow.status == 200
        started = time.monotonic()
        cut = download(slow, "letter.pdf")
        assert time.monotonic() - started < 0.5 + 5
        assert cut.status_code == 503
        assert "Die Erstellung Ihres Briefs hat zu lange gedauert" in cut.get_data(
            as_text=True)
        assert_secure(cut)
        assert server.open("/de/").status == 200
        time.sleep(0.5)
        workers = {line.rsplit(" ", 1)[-1] for line in server.access_lines()}
        assert len(workers) == 1  # the same worker, never killed or replaced
        assert [line for line in server.lines() if "[WARNING] a response was cut off after"
                in line]  # the app's own message, in gunicorn's error log
        assert not [line for line in server.lines() if "WORKER TIMEOUT" in line]
        assert sum("Booting worker" in line for line in server.lines()) == 1
    finally:
        server.stop()
