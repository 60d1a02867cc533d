"""A time limit on making one page or file, so hostile input cannot keep a worker busy.

WeasyPrint offers no way to stop a render, and threads cannot be stopped from outside, so
the limit is a real-time alarm (``SIGALRM``): its handler raises inside whatever is running.
Signals reach only the main thread, which is where gunicorn's sync workers, the command
line and the tests run requests; in other threads (the development server) pages are made
without a limit.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

#: After the first alarm, how often it repeats until the work stops: a library that
#: swallows one exception (WeasyPrint does, while drawing SVG) is interrupted again.
REPEAT = 0.05


class TimeLimitExceeded(Exception):
    """Making a page or file took longer than its limit and was stopped."""


class _Alarm(BaseException):
    """Raised by the alarm: a BaseException, so that ``except Exception`` cannot hide it."""


def _ring(signum: int, frame: object) -> None:
    raise _Alarm()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the body with ``TimeLimitExceeded`` once it has run ``seconds``."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Alarm:
        raise TimeLimitExceeded(f"stopped after {seconds} s") from None
    finally:
        signal.signal(signal.SIGALRM, previous)
