"""Load test: the real flow against the production server, started as ``make run`` starts it.

    python tools/load.py --duration 60 --users 4      (or: make load)

Starts ``make run`` on a free port of 127.0.0.1, lets ``--users`` simulated people go through
the whole flow again and again (the form, every question posted with its security token,
the result page, the letter as PDF), samples the memory (RSS) of every gunicorn worker once a
second, stops the server and reports requests, errors, latency and memory per worker. Exits
with status 1 if any request failed or a worker's memory grew by more than ``--max-growth``
MB. Only the standard library is used, so it runs with any Python 3.11.
"""
from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
#: What the simulated people answer on each question page (the page's hidden ``step``).
ANSWERS = {
    "country": {"country": "DE"},
    "region": {"region": "DE-BE"},
    "company": {"company": "meta"},
    "request": {"request": "object-ai-training"},
    "details": {"name": "Erika Mustermann", "email": "erika@example.org",
                "address": "Musterstraße 1\n10115 Berlin", "place": "Berlin",
                "account": "erika.mustermann", "reason": "Ich arbeite als Journalistin."},
    "check": {},
}


class FlowForm(HTMLParser):
    """The values a browser would send from the page's ``<form id="flow">``."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._inside = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self._inside = found.get("id") == "flow"
        elif self._inside and tag == "input" and found.get("type") == "hidden":
            self.values.append((found.get("name") or "", found.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"page": [], "pdf": []})
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors.append(error)


class Person:
    """One simulated person with their own session cookie; each request counts in the
    results of the phase (warm-up, measured, after) in which it ends."""

    def __init__(self, port: int, phase: dict[str, Results]) -> None:
        self.port = port
        self.phase = phase
        self.cookie = ""

    def request(self, method: str, path: str, data: list[tuple[str, str]] | None = None,
                kind: str = "page") -> bytes:
        started = time.perf_counter()
        error = None
        body = b""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            headers = {"Cookie": self.cookie} if self.cookie else {}
            payload = None
            if data is not None:
                payload = urlencode(data).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            body = response.read()
            connection.close()
            cookie = response.getheader("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";", 1)[0]
            expected = b"%PDF" if kind == "pdf" else b"<!DOCTYPE html>"
            if response.status != 200 or not body.startswith(expected):
                error = f"{method} {path}: {response.status}"
        except OSError as problem:
            error = f"{method} {path}: {type(problem).__name__}"
        self.phase["results"].record(kind, time.perf_counter() - started, error)
        return body

    def go_through_the_flow(self) -> None:
        """Answer whichever question each page asks, up to the result, then get the PDF."""
        page = self.request("GET", "/en/request")
        form = dict(FlowForm(page.decode()).values)
        for _ in range(len(ANSWERS) + 1):
            step = form.get("step", "")
            if step == "result" or step not in ANSWERS:
                break
            form.update(ANSWERS[step], action="continue")
            page = self.request("POST", "/en/request", list(form.items()))
            form = dict(FlowForm(page.decode()).values)
        if form.get("step") != "result":
            self.phase["results"].record("page", 0, "the flow did not end on the result "
                                         f"page but on {form.get('step')!r}")
            return
        self.request("POST", "/en/download/letter.pdf", list(form.items()), kind="pdf")


# -- the server and its workers ---------------------------------------------------------------
def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def command(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def rss_mb(pid: int) -> float | None:
    try:
        status = (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, flags=re.MULTILINE)
    return int(found[1]) / 1024 if found else None


def gunicorn_master(root: int) -> int | None:
    queue = [root]
    while queue:
        pid = queue.pop()
        if "gunicorn" in command(pid):
            return pid
        queue += children(pid)
    return None


def start_server(port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(["make", "--no-print-directory", "run", "HOST=127.0.0.1",
                                 f"PORT={port}"], cwd=ROOT, stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True)


def wait_until_ready(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("make run stopped:\n" + log.read_text())
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("make run did not start listening within 300 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


# -- the run ----------------------------------------------------------------------------------
def run(arguments: argparse.Namespace) -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = Path(tempfile.mkdtemp(prefix="objector-load-"))
    log = folder / "server.log"
    server = start_server(port, log)
    try:
        wait_until_ready(port, server, log)
        time.sleep(1)
        master = gunicorn_master(server.pid)
        if master is None:
            sys.exit("no gunicorn process under make run")
        return drive(arguments, port, master, log)
    finally:
        stop_server(server)


def drive(arguments: argparse.Namespace, port: int, master: int, log: Path) -> int:
    warm, measured = Results(), Results()
    phase = {"results": warm}
    stop = threading.Event()

    def person() -> None:
        while not stop.is_set():
            Person(port, phase).go_through_the_flow()

    memory: dict[int, list[tuple[float, float]]] = {}

    def sample() -> None:
        while not stop.is_set():
            now = time.monotonic()
            for worker in children(master):
                found = rss_mb(worker)
                if found is not None and phase["results"] is measured:
                    memory.setdefault(worker, []).append((now, found))
            stop.wait(1)

    load_before = os.getloadavg()
    threads = [threading.Thread(target=person) for _ in range(arguments.users)]
    threads.append(threading.Thread(target=sample))
    for thread in threads:
        thread.start()
    time.sleep(arguments.warmup)
    phase["results"] = measured
    started = time.monotonic()
    time.sleep(arguments.duration)
    phase["results"] = Results()  # requests still running are not counted
    elapsed = time.monotonic() - started
    stop.set()
    for thread in threads:
        thread.join()
    report(arguments, measured, memory, elapsed, load_before, log)
    growth = [samples[-1][1] - samples[0][1] for samples in memory.values()
              if samples[-1][0] - samples[0][0] >= arguments.duration / 2]
    failed = bool(measured.errors) or any(grown > arguments.max_growth for grown in growth)
    return 1 if failed else 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def report(arguments, results: Results, memory, elapsed: float, load_before, log) -> None:
    pages, pdfs = results.latencies["page"], results.latencies["pdf"]
    total = len(pages) + len(pdfs)
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"machine:   {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs "
          f"({cpu}), Python {platform.python_version()}")
    print(f"load avg:  {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after "
          "(1-minute; other programs on the machine count too)")
    print(f"server:    make run (gunicorn), {len(memory)} sync worker(s) seen")
    print(f"run:       {arguments.users} simulated people, {arguments.warmup:g} s warm-up, "
          f"{elapsed:.0f} s measured")
    print(f"requests:  {total} ({len(pages)} pages, {len(pdfs)} PDFs), "
          f"{total / elapsed:.1f}/s, {len(pdfs) / elapsed:.1f} PDFs/s")
    print(f"errors:    {len(results.errors)}" +
          (f" (first: {results.errors[0]})" if results.errors else ""))
    for name, values in (("pages", pages), ("PDFs", pdfs)):
        if values:
            print(f"latency {name}: median {statistics.median(values) * 1000:.0f} ms, "
                  f"p95 {percentile(values, 0.95):.0f} ms, max {max(values) * 1000:.0f} ms")
    for worker, samples in sorted(memory.items()):
        quarters = [samples[round(share * (len(samples) - 1))][1]
                    for share in (0, 0.25, 0.5, 0.75, 1)]
        print(f"worker {worker}: RSS {samples[0][1]:.1f} MB at start, {samples[-1][1]:.1f} MB "
              f"at end, {max(value for _, value in samples):.1f} MB at most, over "
              f"{samples[-1][0] - samples[0][0]:.0f} s; by quarters: "
              + " / ".join(f"{value:.1f}" for value in quarters))
    recycled = sum("Booting worker" in line for line in log.read_text().splitlines())
    print(f"workers booted during the run (max_requests recycling included): {recycled}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds measured")
    parser.add_argument("--warmup", type=float, default=10, help="seconds before measuring")
    parser.add_argument("--users", type=int, default=2 * (os.cpu_count() or 1),
                        help="simulated people at once (default: two per core)")
    parser.add_argument("--max-growth", type=float, default=10,
                        help="MB a worker may grow while measured before the run fails")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
