"""Fixtures for the browser tests: the app served by gunicorn with its production settings,
one Chromium per test session (Debian's, never a downloaded one) and a fresh browser context
per test."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("OBJECTOR_CHROMIUM", "/usr/bin/chromium")
# --no-sandbox: Chromium's sandbox cannot start as root or in most containers; the browser
# only ever opens our own pages on localhost. The rest keep it from calling home.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> str:
    """The base URL of the app served by gunicorn with ``webapp/gunicorn_conf.py``."""
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "--config", "python:webapp.gunicorn_conf",
               "--bind", "127.0.0.1:0", "--workers", "2"]
    if _gunicorn_has_control_socket():
        command.append("--no-control-socket")  # one per machine otherwise; tests run in parallel
    env = {**os.environ, "OBJECTOR_ACCESS_LOG": "0"}
    with open(log, "wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
    try:
        base = _wait_for_listening(process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _gunicorn_has_control_socket() -> bool:
    from gunicorn.config import Config
    return "control_socket_disable" in Config().settings


def _wait_for_listening(process: subprocess.Popen, log: Path, timeout: float = 240) -> str:
    """gunicorn picks a free port itself (port 0) and says which; then a worker must answer.

    It listens only after the master's warm-up (every language), slow on a busy machine."""
    deadline = time.monotonic() + timeout
    base = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log.read_text(errors='replace')}")
        if base is None:
            found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text())
            base = found and found.group(1)
        if base:
            try:
                with urllib.request.urlopen(f"{base}/en/", timeout=5) as response:
                    if response.status == 200:
                        return base
            except OSError:
                pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_context(chromium, server):
    """Open a browser context (options as for ``Browser.new_context``), closed after the test."""
    contexts = []

    def open_(**options):
        context = chromium.new_context(base_url=server, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_context):
    return open_context().new_page()
