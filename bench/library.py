"""The PDF renderer on its own: warm renders against naive ones, and a fresh process's first."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

import statistics

from bench.measure import ratio, summary, timed_ms
from bench.sample import letter_document
from letters.render.pdf import FETCHER, STATIC, font_config, render_pdf, stylesheet

ROOT = Path(__file__).resolve().parent.parent


def naive_pdf(html: str) -> bytes:
    """The same PDF made as WeasyPrint's tutorial makes it: everything built anew each time."""
    fonts = FontConfiguration()
    stylesheets = [CSS(string=(STATIC / name).read_text(encoding="utf-8"), font_config=fonts,
                       url_fetcher=FETCHER)
                   for name in ("letter.css", "page.css")]
    return HTML(string=html, url_fetcher=FETCHER).write_pdf(stylesheets=stylesheets, font_config=fonts,
                                       presentational_hints=False, pdf_variant="pdf/ua-1")


def warm_and_naive(renders: int) -> dict:
    """Both ways in turn, render after render, so that a busy machine slows both alike."""
    html = letter_document()
    for _ in range(3):  # the first renders load fonts: not what "warm" measures
        render_pdf(html)
        naive_pdf(html)
    warm, naive = [], []
    for _ in range(renders):
        warm.append(timed_ms(lambda: render_pdf(html)))
        naive.append(timed_ms(lambda: naive_pdf(html)))
    figures = {way: {**summary([wall for wall, _ in runs]),
                     "cpu_median_ms": round(statistics.median(cpu for _, cpu in runs), 2)}
               for way, runs in (("warm", warm), ("naive", naive))}
    figures["warm_to_naive"] = ratio(figures["warm"]["median_ms"],
                                     figures["naive"]["median_ms"])
    figures["warm_to_naive_cpu"] = ratio(figures["warm"]["cpu_median_ms"],
                                         figures["naive"]["cpu_median_ms"])
    printed = HTML(string=html).render(stylesheets=[stylesheet("letter.css"),
                                                    stylesheet("page.css")],
                                       font_config=font_config())
    figures["letter"] = {"pages": len(printed.pages),
                         "pdf_bytes": len(render_pdf(html))}
    return figures


def fresh_process(*modes: str) -> dict:
    """The first render in a new Python process (``bench.fresh``), once per mode."""
    results = {}
    for mode in modes:
        finished = subprocess.run([sys.executable, "-m", "bench.fresh", mode], cwd=ROOT,
                                  capture_output=True, text=True, check=True)
        results[mode] = json.loads(finished.stdout)
    return results
