"""gunicorn settings for ``make run``: sync workers, one per core, loaded once before forking.

Each page or file is made inside its request and cut off after ``OBJECTOR_RENDER_TIMEOUT``
seconds with an error page (see ``webapp.timelimit``); gunicorn's own ``timeout``, which
kills a worker that stops answering, stays well above that. ``max_requests`` with jitter
recycles workers so memory stays flat over days.
"""
import logging
import math
import multiprocessing
import os
import re

from webapp.settings import render_timeout

# The production server never runs in debug mode, whatever the environment says.
os.environ.pop("FLASK_DEBUG", None)

wsgi_app = "webapp:create_app()"
worker_class = "sync"  # the render time limit is a signal, which reaches the main thread
workers = int(os.environ.get("OBJECTOR_WORKERS", multiprocessing.cpu_count()))
preload_app = True
max_requests = 2000
max_requests_jitter = 200
timeout = max(30, math.ceil(render_timeout()) + 20)
graceful_timeout = 10
# gunicornc's control socket is not needed, and would be a file under ~/.gunicorn.
control_socket_disable = True
# Access log: time, method, path, status, size, duration and worker; never the client's
# address, query strings, bodies, the referrer or the user agent.
accesslog = "-" if os.environ.get("OBJECTOR_ACCESS_LOG", "1") == "1" else None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %(p)s'
errorlog = "-"
loglevel = "info"


class WithoutVisitors(logging.Filter):
    """gunicorn's error log without client addresses or query strings.

    gunicorn writes both when a request is malformed or fails ("Invalid request from
    ip=...", "Error handling request /path?query").
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith("Invalid request from ip="):
            # "Invalid request from ip=ADDRESS: Invalid HTTP request line: 'LINE'"
            reason = record.msg.split(": ")[1] if ": " in record.msg else "-"
            record.msg, record.args = "Invalid request: %s", (reason,)
        elif isinstance(record.args, tuple):
            record.args = tuple(re.sub(r"\?.*", "", arg) if isinstance(arg, str) else arg
                                for arg in record.args)
        return True


logging.getLogger("gunicorn.error").addFilter(WithoutVisitors())


def on_starting(server):
    """Warm the app up in the master, after ``preload_app`` loaded it and before any fork,
    and send the app's own messages (and WeasyPrint's errors) to gunicorn's error log.

    Workers then share the compiled templates, catalogs, fonts and records instead of
    loading them in someone's first request. ``gc.freeze()`` keeps the collector of each
    worker from touching (and so copying) the master's objects.
    """
    import gc
    import time

    from webapp.warmup import warm_up

    for name in ("webapp", "letters", "weasyprint"):
        logger = logging.getLogger(name)
        logger.handlers[:] = server.log.error_log.handlers
        logger.propagate = False

    started = time.perf_counter()
    warmed = warm_up(server.app.wsgi())
    gc.collect()
    gc.freeze()
    server.log.info("Warmed up in %.1f s before forking: %s", time.perf_counter() - started,
                    ", ".join(warmed))
