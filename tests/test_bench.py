"""``make bench`` works: it measures the letter people get and reports every figure of issue 8.

Only what the benchmark does is checked here, never how fast anything is: a tiny run of
the real thing (the server as ``make run`` starts it) must print and write every figure.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.library import naive_pdf
from bench.sample import ANSWERS, letter_document
from letters.render.pdf import render_pdf
from tests.conftest import pdf_fonts, pdf_words

ROOT = Path(__file__).resolve().parent.parent


def test_the_naive_render_prints_the_same_letter_as_the_warm_one():
    html = letter_document()
    warm, naive = render_pdf(html), naive_pdf(html)
    assert pdf_words(naive) == pdf_words(warm)
    assert pdf_fonts(naive) == pdf_fonts(warm)
    assert ANSWERS["name"] in pdf_words(warm) and "Seite 1 von" in pdf_words(warm)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory) -> tuple[str, dict]:
    """``python -m bench`` with a handful of requests: its table and its JSON."""
    output = tmp_path_factory.mktemp("bench") / "results.json"
    finished = subprocess.run(
        [sys.executable, "-m", "bench", "--renders", "2", "--requests", "2", "--repeats", "1",
         "--renders-per-worker", "8", "--starts", "1", "--output", str(output)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished.stdout, json.loads(output.read_text(encoding="utf-8"))


def test_the_benchmark_reports_the_machine(tiny_run):
    _table, figures = tiny_run
    assert figures["machine"]["cores"] >= 1 and figures["machine"]["cpu_model"]
    assert len(figures["machine"]["load_average"]) == 3


def test_the_benchmark_renders_warm_and_naive_in_the_same_run(tiny_run):
    _table, figures = tiny_run
    library = figures["library"]
    for way in ("warm", "naive"):
        assert library[way]["runs"] == 2
        assert 0 < library[way]["median_ms"] <= library[way]["p95_ms"]
    assert library["warm_to_naive"] == pytest.approx(
        library["warm"]["median_ms"] / library["naive"]["median_ms"], abs=0.001)
    assert library["letter"]["pages"] >= 1


@pytest.mark.parametrize("mode", ["cold", "warmed"])
def test_the_benchmark_times_the_first_render_of_a_fresh_process(tiny_run, mode):
    _table, figures = tiny_run
    assert figures["fresh_process"][mode]["first_render_ms"] > 0
    assert ("warm_up_ms" in figures["fresh_process"][mode]) == (mode == "warmed")


def test_the_benchmark_times_the_production_server(tiny_run):
    _table, figures = tiny_run
    http = figures["http"]
    assert http["workers"] >= 1 and len(http["first_letter_after_start_ms"]) == 1
    assert (http["one_client"]["clients"], http["one_client"]["runs"]) == (1, 2)
    assert (http["four_clients"]["clients"], http["four_clients"]["runs"]) == (4, 4)
    for run in (http["one_client"], http["four_clients"]):
        assert run["letters_per_second"] > 0 and run["p95_ms"] >= run["median_ms"] > 0
    assert http["http_to_library"] > 0


def test_the_benchmark_times_every_page_of_the_flow_and_every_download(tiny_run):
    _table, figures = tiny_run
    pages = figures["http"]["pages"]
    assert {"start page", "country", "company", "details", "check", "result"} <= set(pages)
    assert {"letter.pdf", "letter.eml", "letter.txt", "guide.pdf", "deadline.ics"} <= set(pages)
    assert "result" in figures["http"]["non_pdf_pages"]
    assert not {"letter.pdf", "letter.eml", "guide.pdf"} & set(figures["http"]["non_pdf_pages"])


def test_the_benchmark_reads_each_workers_memory_before_and_after(tiny_run):
    _table, figures = tiny_run
    memory = figures["http"]["memory"]
    assert len(memory["workers"]) == figures["http"]["workers"]
    assert memory["renders"] == 8 * figures["http"]["workers"]  # topped up to 8 per worker
    assert all(worker["before_mb"] > 0 and worker["after_mb"] > 0
               for worker in memory["workers"])


def test_the_benchmark_prints_every_figure_and_target_as_a_table_and_as_json(tiny_run):
    table, figures = tiny_run
    for row in ("Machine", "Library: warm render", "Library: naive render",
                "Fresh process (cold): first render", "gunicorn: first PDF request after start",
                "HTTP PDF, 1 client", "HTTP PDF, 4 clients", "HTTP median / library median",
                "Page: result", "Page: letter.eml", "RSS", "Targets (issue 8):"):
        assert row in table
    assert len(figures["targets"]) == table.count("(target ")
    assert json.loads(table[table.index("\n{"):table.rindex("}") + 1]) == figures
