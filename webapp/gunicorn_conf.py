"""gunicorn settings for ``make run``: sync workers, one per core, loaded once before forking.

Each letter is rendered inside its request; a worker that takes longer than ``timeout`` is
replaced. ``max_requests`` with jitter recycles workers so memory stays flat over days.
"""
import multiprocessing
import os

wsgi_app = "webapp:create_app()"
worker_class = "sync"
workers = int(os.environ.get("OBJECTOR_WORKERS", multiprocessing.cpu_count()))
preload_app = True
max_requests = 2000
max_requests_jitter = 200
timeout = 30
graceful_timeout = 10
# Access log: method, path and status only; never query strings, bodies or the referrer.
accesslog = "-" if os.environ.get("OBJECTOR_ACCESS_LOG", "1") == "1" else None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "info"


def on_starting(server):
    """Warm the app up in the master, after ``preload_app`` loaded it and before any fork.

    Workers then share the compiled templates, catalogs, fonts and records instead of
    loading them in someone's first request. ``gc.freeze()`` keeps the collector of each
    worker from touching (and so copying) the master's objects.
    """
    import gc
    import time

    from webapp.warmup import warm_up

    started = time.perf_counter()
    warmed = warm_up(server.app.wsgi())
    gc.collect()
    gc.freeze()
    server.log.info("Warmed up in %.1f s before forking: %s", time.perf_counter() - started,
                    ", ".join(warmed))
