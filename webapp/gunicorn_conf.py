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
    """Warm fonts, stylesheets, hyphenation and catalogs once in the master process."""
    from letters import records
    from letters.i18n import languages, translations
    from letters.render.pdf import warm_up

    records.load()
    for language in languages():
        translations(language)
    warm_up(languages())
