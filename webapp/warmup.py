"""The web app warmed up in gunicorn's master process, before it forks its workers.

Workers share what the master loaded, so the master walks the whole flow once in every
language with sample answers, as a browser would: every page template is compiled, every
catalog read and every font loaded before the first person's request, not during it.
"""
from __future__ import annotations

from html.parser import HTMLParser

from flask import Flask

from letters import records, warmup
from webapp.answers import STEPS, Answers
from webapp.flow import DOWNLOADS


class HiddenFields(HTMLParser):
    """The hidden inputs of a page: the CSRF token and the answers carried along."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.values[found["name"]] = found.get("value") or ""


def sample_answers() -> Answers:
    """Answers that reach the result page: the first place, company and request offered."""
    found = records.load()
    place = next(iter(warmup.example_places(found).values()))
    kind = found.offered(found.jurisdiction(place))[0]
    person = {name: getattr(warmup.SAMPLE, name) for name in STEPS["details"]}
    return Answers(country=place, company=min(found.companies), request=kind.id, **person)


def warm_up(app: Flask) -> tuple[str, ...]:
    """Letters first, then every page in every language; the languages warmed.

    The downloads are fetched in the first language only: the letters' warm-up has
    already printed a letter and a guide in every language.
    """
    warmed = warmup.warm_up()
    answers = sample_answers()
    for index, language in enumerate(warmed):
        walk(app, language.replace("_", "-"), answers, downloads=index == 0)
    return warmed


def walk(app: Flask, prefix: str, answers: Answers, downloads: bool = True) -> None:
    client = app.test_client()
    for path in (f"/{prefix}/", f"/{prefix}/privacy"):
        _expect_page(client.get(path), path)
    flow = f"/{prefix}/request"
    token = HiddenFields(_expect_page(client.get(flow), flow)).values["csrf_token"]
    posted = {"csrf_token": token, "action": "continue"}
    for step in (*STEPS, "check"):  # "check" leads to the result page
        posted.update(answers.of(step) if step in STEPS else {}, step=step)
        _expect_page(client.post(flow, data=posted), f"{flow} ({step})")
    for name in DOWNLOADS if downloads else ():
        path = f"/{prefix}/download/{name}"
        _expect_page(client.post(path, data=posted), path)


def _expect_page(response, what: str) -> str:
    """A warm-up that fails means a broken app: better stopped at start than in a request."""
    if response.status_code != 200:
        raise RuntimeError(f"warm-up: {what} answered {response.status_code}")
    return response.get_data(as_text=True) if response.mimetype == "text/html" else ""
