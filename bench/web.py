"""Requests to the running server as a browser sends them: the form's fields with the CSRF
token and the session cookie, found by walking the flow with ``webapp.walker``."""
from __future__ import annotations

import http.client
import threading
import time
from typing import Callable
from urllib.parse import urlencode, urlsplit

from bench.measure import cpu_per_run_ms, summary
from bench.sample import ANSWERS, LANGUAGE
from webapp.walker import FlowForm, Request, press, walk

FLOW = f"/{LANGUAGE}/request"
#: Files that carry a printed PDF: held to the PDF's figures, not to the pages'.
WITH_PDF = ("letter.pdf", "letter.eml", "guide.pdf", "letters.zip")


class Visitor:
    """One browser: its session cookie, and the requests of its walk to the result page."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookie = ""
        self.pages: list[Request] = []
        self.files: dict[str, Request] = {}

    def open(self) -> "Visitor":
        """Answer every question as a person does; keep what each page and file needs."""
        answers = {**ANSWERS, "company": [ANSWERS["company"]]}
        self.pages, result = walk(self.send, FLOW, answers)
        self.files = {button.formaction.rsplit("/", 1)[1]: press(result, button, answers, "")
                      for button in FlowForm(result).downloads()}
        return self

    def send(self, method: str, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        status, content_type, body, _ = self.request(method, path, fields)
        return status, body.decode("utf-8") if content_type.startswith("text/html") else ""

    def request(self, method: str, path: str, fields: list[tuple[str, str]]):
        """Status, content type, body and milliseconds from connecting to the last byte."""
        headers = {"Accept-Language": LANGUAGE}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if method == "POST":
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        elapsed = (time.perf_counter() - start) * 1000
        if cookie := response.getheader("Set-Cookie"):
            self.cookie = cookie.split(";", 1)[0]
        return response.status, response.getheader("Content-Type", ""), data, elapsed

    def fetch(self, request: Request) -> float:
        """One request again; anything but the page or file it brought before is refused,
        so that no error page is ever timed."""
        status, content_type, body, elapsed = self.request(request.method, request.path,
                                                           request.fields)
        if status != 200:
            raise RuntimeError(f"{request.path}: status {status}\n{body[:2000]!r}")
        if content_type.startswith("text/html"):
            if FlowForm(body.decode("utf-8")).step != request.name:
                raise RuntimeError(f"{request.path}: not the {request.name} page")
        elif request.path.endswith(".pdf") and not body.startswith(b"%PDF-"):
            raise RuntimeError(f"{request.path}: not a PDF")
        return elapsed

    def letter(self) -> float:
        return self.fetch(self.files["letter.pdf"])


#: The processor seconds the server's workers have used so far.
WorkerCPU = Callable[[], float]


def letters_concurrently(base_url: str, clients: int, requests: int, cpu: WorkerCPU) -> dict:
    """``requests`` letter PDFs from ``clients`` browsers at once: latency, throughput, and
    the workers' processor time per letter."""
    visitors = [Visitor(base_url).open() for _ in range(clients)]
    latencies: list[float] = []
    share = [requests // clients + (i < requests % clients) for i in range(clients)]
    start_line = threading.Barrier(clients + 1)
    failures: list[BaseException] = []

    def browse(visitor: Visitor, count: int) -> None:
        start_line.wait()
        try:
            for _ in range(count):
                latencies.append(visitor.letter())
        except BaseException as error:  # reported below, in the main thread
            failures.append(error)

    threads = [threading.Thread(target=browse, args=(visitor, count))
               for visitor, count in zip(visitors, share)]
    for thread in threads:
        thread.start()
    used = cpu()
    start_line.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    used = cpu() - used
    if failures:
        raise failures[0]
    return {"clients": clients, **summary(latencies),
            "letters_per_second": round(len(latencies) / wall, 1),
            "worker_cpu_ms_per_letter": cpu_per_run_ms(used, len(latencies))}


def first_letter(base_url: str) -> float:
    """The first letter a server prints after it started, after the pages a person answers
    first; every worker was forked from the warmed-up master."""
    return round(Visitor(base_url).open().letter(), 1)


def page_latencies(base_url: str, repeats: int, cpu: WorkerCPU) -> dict:
    """Every page of the flow and every file of the result page, again and again: latency,
    and the workers' processor time per request."""
    visitor = Visitor(base_url).open()
    start = Request("start", "GET", f"/{LANGUAGE}/")
    if visitor.request(start.method, start.path, [])[0] != 200:
        raise RuntimeError(f"{start.path}: not the start page")
    figures = {}
    for request in [start, *visitor.pages, *visitor.files.values()]:
        name = "start page" if request is start else \
            request.name or request.path.rsplit("/", 1)[1]
        used = cpu()
        if request is start:
            latencies = [visitor.request(start.method, start.path, [])[3]
                         for _ in range(repeats)]
        else:
            latencies = [visitor.fetch(request) for _ in range(repeats)]
        figures[name] = {**summary(latencies),
                         "worker_cpu_ms": cpu_per_run_ms(cpu() - used, repeats)}
    return figures
