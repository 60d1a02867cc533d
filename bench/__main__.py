"""``python -m bench``: every figure of issue 8, printed and written to bench/results.json."""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from bench import library, web
from bench.measure import ratio, resident_mb
from bench.report import machine, table, with_targets, write_json
from bench.server import ProductionServer

RESULTS = Path(__file__).resolve().parent / "results.json"


def memory(pids: list[int]) -> dict[int, dict[str, float]]:
    """Resident memory of each worker, in megabytes: in all, anonymous, mapped files."""
    return {pid: {field: resident_mb(pid, field) for field in ("VmRSS", "RssAnon", "RssFile")}
            for pid in pids}


def first_letters_after_start(starts: int) -> list[float]:
    """The first letter of more freshly started servers, one server after the other."""
    times = []
    for _ in range(starts):
        with ProductionServer() as server:
            times.append(web.first_letter(server.url))
    return times


def serve_and_measure(library: dict, requests: int, repeats: int,
                      renders_per_worker: int) -> dict:
    """Latency, throughput, pages and memory of one server started by ``make run``."""
    with ProductionServer() as server:
        workers = sorted(server.worker_pids)
        before = memory(workers)
        first = web.first_letter(server.url)
        one = web.letters_concurrently(server.url, 1, requests, server.cpu_seconds)
        four = web.letters_concurrently(server.url, 4, 2 * requests, server.cpu_seconds)
        # What the workers could serve with the cores to themselves: on a shared machine
        # the measured rate also depends on what else runs.
        four["letters_per_second_on_idle_cores"] = round(
            min(len(workers), os.cpu_count()) * 1000 / four["worker_cpu_ms_per_letter"], 1)
        pages = web.page_latencies(server.url, repeats, server.cpu_seconds)
        rendered = 1 + one["runs"] + four["runs"] + sum(
            page["runs"] for name, page in pages.items() if name in web.WITH_PDF)
        wanted = renders_per_worker * len(workers)
        if rendered < wanted:
            web.letters_concurrently(server.url, 4, wanted - rendered, server.cpu_seconds)
        after = memory(workers)
        if sorted(server.live_workers()) != workers:
            raise RuntimeError("gunicorn replaced a worker during the run: memory not comparable")
        warm_up_log = [line for line in server.log if "Warmed up" in line]
    return {
        "workers": len(workers),
        "first_letter_after_start_ms": [first],
        "one_client": one,
        "four_clients": four,
        "http_to_library": ratio(one["median_ms"], library["median_ms"]),
        "http_to_library_cpu": ratio(one["worker_cpu_ms_per_letter"],
                                     library["cpu_median_ms"]),
        "pages": pages,
        "non_pdf_pages": [name for name in pages if name not in web.WITH_PDF],
        "memory": {
            "renders": max(rendered, wanted),
            "workers": [{"pid": pid, "before_mb": before[pid]["VmRSS"],
                         "after_mb": after[pid]["VmRSS"],
                         "growth_mb": round(after[pid]["VmRSS"] - before[pid]["VmRSS"], 1),
                         "heap_growth_mb":
                             round(after[pid]["RssAnon"] - before[pid]["RssAnon"], 1),
                         "mapped_files_growth_mb":
                             round(after[pid]["RssFile"] - before[pid]["RssFile"], 1)}
                        for pid in workers],
        },
        "master_log": warm_up_log,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--renders", type=int, default=200,
                        help="library renders each way (default 200)")
    parser.add_argument("--requests", type=int, default=200,
                        help="letters requested by one client; four clients request twice "
                             "as many (default 200)")
    parser.add_argument("--repeats", type=int, default=50,
                        help="requests of each page and file of the flow (default 50)")
    parser.add_argument("--renders-per-worker", type=int, default=1000,
                        help="letters each worker prints before memory is read again")
    parser.add_argument("--starts", type=int, default=3,
                        help="server starts whose first letter is timed, the measured one's "
                             "included (default 3)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    options = parser.parse_args()

    started = time.perf_counter()
    figures = {"machine": machine(),
               "sample": "German objection to Meta from Germany, postal address, short reason"}
    figures["library"] = library.warm_and_naive(options.renders)
    figures["fresh_process"] = library.fresh_process("cold", "warmed")
    figures["http"] = serve_and_measure(figures["library"]["warm"],
                                        options.requests, options.repeats,
                                        options.renders_per_worker)
    figures["http"]["first_letter_after_start_ms"] += first_letters_after_start(options.starts - 1)
    figures["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    figures["seconds"] = round(time.perf_counter() - started)
    figures = with_targets(figures)
    print(table(figures))
    print()
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    write_json(figures, options.output)
    print(f"\nWritten to {options.output}")


if __name__ == "__main__":
    main()
