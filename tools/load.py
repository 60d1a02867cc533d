"""Load test: the real flow against the production server, started as ``make run`` starts it.

    make load                                  (LOAD_ARGS="--duration 120 --users 4" to change)

Starts ``make run`` on a free port of 127.0.0.1; locust's simulated people go through the
whole flow again and again (each question page posted with its security token, the result
page, the letter as PDF); psutil samples the memory (RSS) of every gunicorn worker once a
second. After a warm-up, requests are counted for ``--duration`` seconds. Exits with status 1
on any failed request, or if a worker grew by more than ``--max-growth`` MB while measured.
"""
from __future__ import annotations

import locust  # first: it patches the standard library for gevent

import argparse
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gevent
import psutil
from bs4 import BeautifulSoup
from locust import HttpUser, constant, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
#: What the simulated people answer on each question page (the page's hidden ``step``);
#: other questions (the letter's language) keep what the page offers first, as in a browser.
ANSWERS = {
    "country": {"country": "DE"},
    "region": {"region": "DE-BE"},
    "company": {"company": "meta"},
    "request": {"request": "object-ai-training"},
    "details": {"name": "Erika Mustermann", "email": "erika@example.org",
                "address": "Musterstraße 1\n10115 Berlin", "place": "Berlin",
                "account": "erika.mustermann", "reason": "Ich arbeite als Journalistin."},
}
MAX_PAGES = 12  # more question pages than the flow has: a loop is an error


def form_values(page: str) -> dict[str, str]:
    """What a browser sends from the page's ``<form id="flow">`` when nothing is changed."""
    form = BeautifulSoup(page, "html.parser").find("form", id="flow")
    values: dict[str, str] = {}
    for field in form.find_all(["input", "select", "textarea"]) if form else ():
        name, kind = field.get("name"), field.get("type", "text")
        if not name or kind in ("submit", "button"):
            continue
        if kind in ("radio", "checkbox"):
            if field.has_attr("checked"):
                values[name] = field.get("value", "on")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            if chosen is not None:
                values[name] = chosen.get("value", "")
        else:
            values[name] = field.get("value") or field.get_text()
    return values


class Person(HttpUser):
    """Someone who writes to Meta from Berlin and downloads the letter, again and again."""

    wait_time = constant(0)

    @task
    def write_a_letter(self) -> None:
        page = self.client.get("/en/request", name="question page").text
        for _ in range(MAX_PAGES):
            values = form_values(page)
            step = values.get("step", "")
            if step == "result":
                break
            with self.client.post("/en/request", name="question page",
                                  data={**values, **ANSWERS.get(step, {}),
                                        "action": "continue"},
                                  catch_response=True) as response:
                page = response.text
                if response.ok and form_values(page).get("step") == step:
                    response.failure(f"the {step} page asked again")
                    return
        else:
            raise RuntimeError("the flow did not reach the result page")
        with self.client.post("/en/download/letter.pdf", name="letter PDF", data=values,
                              catch_response=True) as response:
            if response.ok and not response.content.startswith(b"%PDF"):
                response.failure("the letter is not a PDF")


# -- the server and its workers ---------------------------------------------------------------
def start_server(port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(["make", "--no-print-directory", "run", "HOST=127.0.0.1",
                                 f"PORT={port}"], cwd=ROOT, stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True)


def wait_until_ready(port: int, server: subprocess.Popen, log: Path) -> psutil.Process:
    """gunicorn's master, once it listens."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("make run stopped:\n" + log.read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.3)
            continue
        gunicorn = [process for process in psutil.Process(server.pid).children(recursive=True)
                    if "gunicorn" in " ".join(process.cmdline())]
        return next(process for process in gunicorn
                    if process.ppid() not in {other.pid for other in gunicorn})
    sys.exit("make run did not start listening within 300 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, 15)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)


def sample_memory(master: psutil.Process, memory: dict[int, list[tuple[float, float]]]):
    """Every second, each worker's RSS in MB (workers replaced by ``max_requests`` too)."""
    while True:
        now = time.monotonic()
        for worker in master.children():
            try:
                memory.setdefault(worker.pid, []).append(
                    (now, worker.memory_info().rss / 2**20))
            except psutil.NoSuchProcess:
                pass
        gevent.sleep(1)


# -- the run ----------------------------------------------------------------------------------
def run(arguments: argparse.Namespace) -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = Path(tempfile.mkdtemp(prefix="objector-load-")) / "server.log"
    server = start_server(port, log)
    try:
        master = wait_until_ready(port, server, log)
        environment = Environment(user_classes=[Person], host=f"http://127.0.0.1:{port}")
        runner = environment.create_local_runner()
        load_before = os.getloadavg()
        runner.start(arguments.users, spawn_rate=arguments.users)
        gevent.sleep(arguments.warmup)
        environment.stats.reset_all()
        memory: dict[int, list[tuple[float, float]]] = {}
        sampler = gevent.spawn(sample_memory, master, memory)
        started = time.monotonic()
        gevent.sleep(arguments.duration)
        sampler.kill()
        runner.stop()  # requests still running count: they started in the measured time
        elapsed = time.monotonic() - started
        runner.quit()
        growth = report(arguments, environment, memory, elapsed, load_before, log)
    finally:
        stop_server(server)
    failed = environment.stats.total.num_failures or environment.runner.exceptions
    return 1 if failed or any(grown > arguments.max_growth for grown in growth) else 0


def report(arguments, environment: Environment, memory, elapsed: float, load_before,
           log: Path) -> list[float]:
    """Print the figures; return the growth of each worker that lived the whole run."""
    stats = environment.stats
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"machine:   {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs "
          f"({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GB, "
          f"Python {platform.python_version()}, locust {locust.__version__}")
    print(f"load avg:  {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after "
          "(1-minute; other programs on the machine count too)")
    print(f"run:       {arguments.users} simulated people, {arguments.warmup:g} s warm-up, "
          f"{elapsed:.0f} s measured, {len(memory)} gunicorn workers seen")
    pdfs = stats.get("letter PDF", "POST")
    print(f"requests:  {stats.total.num_requests} ({pdfs.num_requests} letter PDFs), "
          f"{stats.total.num_requests / elapsed:.1f}/s, {pdfs.num_requests / elapsed:.1f} "
          "PDFs/s")
    failures = [f"{error.occurrences}x {error.method} {error.name}: {error.error}"
                for error in stats.errors.values()]
    failures += [f"{error['count']}x {error['msg']}"
                 for error in environment.runner.exceptions.values()]
    exceptions = sum(error["count"] for error in environment.runner.exceptions.values())
    print(f"errors:    {stats.total.num_failures + exceptions}"
          + "".join(f"\n           {failure}" for failure in failures))
    for entry in (stats.get("question page", "GET"), stats.get("question page", "POST"), pdfs):
        if entry.num_requests:
            print(f"latency {entry.method} {entry.name}: median {entry.median_response_time:.0f}"
                  f" ms, p95 {entry.get_response_time_percentile(0.95):.0f} ms, "
                  f"max {entry.max_response_time:.0f} ms")
    growth = []
    for worker, samples in sorted(memory.items(), key=lambda item: item[1][0][0]):
        (start, first), (end, last) = samples[0], samples[-1]
        quarters = [samples[round(share * (len(samples) - 1))][1]
                    for share in (0, 0.25, 0.5, 0.75, 1)]
        print(f"worker {worker}: RSS {first:.1f} MB at start, {last:.1f} MB at end, "
              f"{max(value for _, value in samples):.1f} MB at most, over {end - start:.0f} s;"
              " by quarters: " + " / ".join(f"{value:.1f}" for value in quarters))
        if end - start >= elapsed / 2:
            growth.append(last - first)
    booted = log.read_text().count("Booting worker")
    print(f"workers booted since the start (max_requests recycling included): {booted}")
    return growth


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
