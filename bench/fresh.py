"""Run in a new process by the benchmark: how long the first letter takes there.

``cold``: nothing prepared, as the command line writes one letter. ``warmed``: after the
warm-up the server's master process runs before it forks its workers.
"""
from __future__ import annotations

import json
import sys
import time

started = time.perf_counter()
from bench.measure import elapsed_ms  # noqa: E402
from bench.sample import letter_document  # noqa: E402
from letters.render.pdf import render_pdf  # noqa: E402


def main(mode: str) -> dict:
    figures = {"import_ms": round((time.perf_counter() - started) * 1000, 1)}
    if mode == "warmed":
        from letters.warmup import warm_up
        figures["warm_up_ms"] = round(elapsed_ms(warm_up), 1)
    html = []
    figures["compose_ms"] = round(elapsed_ms(lambda: html.append(letter_document())), 1)
    figures["first_render_ms"] = round(elapsed_ms(lambda: render_pdf(html[0])), 1)
    figures["second_render_ms"] = round(elapsed_ms(lambda: render_pdf(html[0])), 1)
    return figures


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
