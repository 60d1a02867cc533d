"""Timing and memory helpers shared by the benchmarks."""
from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Callable


def elapsed_ms(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def timed_ms(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and processor milliseconds of ``work``: on a machine others share, the
    processor time shows what the work itself costs."""
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def summary(samples_ms: list[float]) -> dict:
    """Median and 95th percentile of a list of durations, in milliseconds."""
    ordered = sorted(samples_ms)
    return {
        "runs": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(statistics.quantiles(ordered, n=20)[-1], 2)
        if len(ordered) > 1 else round(ordered[0], 2),
    }


def cpu_per_run_ms(used_seconds: float, runs: int) -> float:
    return round(used_seconds * 1000 / runs, 1)


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3)


def cpu_seconds(pid: int | str = "self") -> float:
    """Processor time a process has used so far, user and system."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    """Resident memory of a process, in megabytes: all of it (``VmRSS``), or only its heap
    and other anonymous memory (``RssAnon``), or mapped files (``RssFile``: libraries and
    fonts, shared with every other process that maps them)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise LookupError(f"no {field} for process {pid}")
