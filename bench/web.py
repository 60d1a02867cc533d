"""Requests to the running server as a browser sends them: form fields, cookie, CSRF token."""
from __future__ import annotations

import http.client
import threading
import time
from urllib.parse import urlencode, urlsplit

from bench.measure import summary
from bench.sample import ANSWERS, DETAILS, LANGUAGE
from webapp.warmup import HiddenFields

FLOW = f"/{LANGUAGE}/request"


class Visitor:
    """One browser: it opens the form once (cookie and token), then posts answers."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookie = ""
        self.token = ""

    def open(self) -> None:
        status, _, body, _ = self.request("GET", FLOW)
        fields = HiddenFields(body.decode("utf-8")).values
        if status != 200 or "csrf_token" not in fields:
            raise RuntimeError(f"GET {FLOW}: status {status}, no CSRF token")
        self.token = fields["csrf_token"]

    def request(self, method: str, path: str, fields: dict | None = None):
        """Status, content type, body and milliseconds from connecting to the last byte."""
        headers = {"Accept-Language": LANGUAGE}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if fields is not None:
            body = urlencode({"csrf_token": self.token, **fields})
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


def answers(*names: str) -> dict[str, str]:
    """Answers as a browser posts them: line breaks in text areas become CR LF."""
    return {name: ANSWERS[name].replace("\n", "\r\n") for name in names}


ALL = ("country", "company", "request", *DETAILS)

#: Each page or file: method, path, form fields, and what the response must be.
PAGES = {
    "start page": ("GET", f"/{LANGUAGE}/", None, "text/html", None),
    "country question": ("GET", FLOW, None, "text/html", "country"),
    "company question": ("POST", FLOW, {"step": "country", "action": "continue",
                                        **answers("country")}, "text/html", "company"),
    "request question": ("POST", FLOW, {"step": "company", "action": "continue",
                                        **answers("country", "company")}, "text/html",
                         "request"),
    "details question": ("POST", FLOW, {"step": "request", "action": "continue",
                                        **answers("country", "company", "request")},
                         "text/html", "details"),
    "check answers": ("POST", FLOW, {"step": "details", "action": "continue",
                                     **answers(*ALL)}, "text/html", "check"),
    "result (mailto, webmail)": ("POST", FLOW, {"step": "check", "action": "continue",
                                                **answers(*ALL)}, "text/html", "result"),
    "letter.txt": ("POST", f"/{LANGUAGE}/download/letter.txt", answers(*ALL), "text/plain",
                   None),
}
#: Responses that carry a rendered PDF: they are held to the PDF's figures, not the pages'.
WITH_PDF = {
    "letter.eml (PDF attached)": ("POST", f"/{LANGUAGE}/download/letter.eml", answers(*ALL),
                                  "message/rfc822", None),
    "guide.pdf": ("POST", f"/{LANGUAGE}/download/guide.pdf", answers(*ALL),
                  "application/pdf", None),
}
LETTER_PDF = ("POST", f"/{LANGUAGE}/download/letter.pdf", answers(*ALL), "application/pdf",
              None)


def fetch(visitor: Visitor, name: str, spec: tuple) -> float:
    """One request; refuses anything but the page or file asked for, so no error is timed."""
    method, path, fields, content_type, step = spec
    status, received_type, body, elapsed = visitor.request(method, path, fields)
    if status != 200 or not received_type.startswith(content_type):
        raise RuntimeError(f"{name}: status {status}, {received_type}\n{body[:2000]!r}")
    if content_type == "application/pdf" and not body.startswith(b"%PDF-"):
        raise RuntimeError(f"{name}: not a PDF")
    if step and HiddenFields(body.decode("utf-8")).values.get("step") != step:
        raise RuntimeError(f"{name}: expected the {step} page\n{body[:2000]!r}")
    return elapsed


def letters_concurrently(base_url: str, clients: int, requests: int) -> dict:
    """``requests`` letter PDFs from ``clients`` browsers at once: latency and throughput."""
    visitors = [Visitor(base_url) for _ in range(clients)]
    for visitor in visitors:
        visitor.open()
    latencies: list[float] = []
    share = [requests // clients + (i < requests % clients) for i in range(clients)]
    start_line = threading.Barrier(clients + 1)
    failures: list[BaseException] = []

    def browse(visitor: Visitor, count: int) -> None:
        start_line.wait()
        try:
            for _ in range(count):
                latencies.append(fetch(visitor, "letter.pdf", LETTER_PDF))
        except BaseException as error:  # reported below, in the main thread
            failures.append(error)

    threads = [threading.Thread(target=browse, args=(visitor, count))
               for visitor, count in zip(visitors, share)]
    for thread in threads:
        thread.start()
    start_line.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    if failures:
        raise failures[0]
    return {"clients": clients, **summary(latencies),
            "letters_per_second": round(len(latencies) / wall, 1)}


def first_letter(base_url: str) -> float:
    """The first letter a server prints after it started: the form first, as a browser does.

    Every worker was forked from the warmed-up master; the form page before the letter is
    what a person loads first too.
    """
    visitor = Visitor(base_url)
    visitor.open()
    return round(fetch(visitor, "letter.pdf", LETTER_PDF), 1)


def page_latencies(base_url: str, repeats: int) -> dict:
    """Median latency of every other page and file, one browser, one request at a time."""
    visitor = Visitor(base_url)
    visitor.open()
    figures = {}
    for name, spec in {**PAGES, **WITH_PDF}.items():
        fetch(visitor, name, spec)
        figures[name] = summary([fetch(visitor, name, spec) for _ in range(repeats)])
    return figures
