"""The production server, started the way the README starts it: ``make run``."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

from bench.measure import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: (\S+) \((\d+)\)")
BOOTING = re.compile(r"Booting worker with pid: (\d+)")


class ProductionServer:
    """``make run`` on a free loopback port; its log is read, never written anywhere."""

    def __init__(self, workers: int | None = None) -> None:
        self.url = ""
        self.workers = workers or int(os.environ.get("OBJECTOR_WORKERS", os.cpu_count() or 1))
        self.log: list[str] = []
        self.master: int | None = None
        self.worker_pids: list[int] = []
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> "ProductionServer":
        self._process = subprocess.Popen(
            ["make", "--no-print-directory", "run", "HOST=127.0.0.1", "PORT=0"],  # any free port
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        threading.Thread(target=self._read_log, daemon=True).start()
        self._wait_until_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)  # make and the gunicorn it started
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait()

    def _read_log(self) -> None:
        for line in self._process.stdout:
            self.log.append(line.rstrip("\n"))
            if match := LISTENING.search(line):
                self.url, self.master = match.group(1), int(match.group(2))
            elif match := BOOTING.search(line):
                self.worker_pids.append(int(match.group(1)))

    def _wait_until_ready(self, timeout: float = 300) -> None:
        """Until the master listens and every worker has booted (``make run`` may install)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("make run stopped:\n" + "\n".join(self.log[-30:]))
            if self.master and len(self.worker_pids) >= self.workers:
                # A booted worker still runs post_fork before it accepts; no probe request
                # is sent, so that the first request measured is the first one served.
                time.sleep(0.5)
                return
            time.sleep(0.05)
        raise TimeoutError("make run did not start:\n" + "\n".join(self.log[-30:]))

    def cpu_seconds(self) -> float:
        """Processor time the workers have used so far."""
        return sum(cpu_seconds(pid) for pid in self.worker_pids)

    def live_workers(self) -> list[int]:
        """Worker processes now: gunicorn replaces workers after ``max_requests``."""
        children = Path(f"/proc/{self.master}/task/{self.master}/children").read_text()
        return [int(pid) for pid in children.split()]
