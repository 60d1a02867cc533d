"""The web app warmed up in gunicorn's master process, before it forks its workers.

Workers share what the master loaded, so the master walks the flows once with sample
answers, as a browser would (``webapp.walker``): every page template is compiled, every
catalog read and every font loaded before the first person's request, not during it.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from werkzeug.datastructures import MultiDict

from letters import records, warmup
from webapp.forms import country_choices
from webapp.walker import FlowForm, press, walk

#: Where each walk starts, and what it answers differently from the sample.
JOURNEYS = (("request", {}), ("request", {"companies": 2}), ("follow-up", {}))


def sample_answers(companies: int = 1) -> dict:
    """Nobody's answers: a country that asks for a state or province too (so that page is
    seen), the first companies, a letter sent 45 days ago; every other question gets its
    first choice."""
    found = records.load()
    place = next((code for code in sorted(found.jurisdictions)
                  if found.subdivisions_of(code) is not None), "DE")
    sent = date.today() - timedelta(days=45)
    person = warmup.SAMPLE
    return {"country": place.split("-")[0], "company": sorted(found.companies)[:companies],
            "name": person.name, "email": person.email, "address": person.address,
            "place": person.place, "account": person.account, "reason": person.reason,
            "sent_day": str(sent.day), "sent_month": str(sent.month),
            "sent_year": str(sent.year)}


def warm_up(app: Flask) -> tuple[str, ...]:
    """Letters first, then every page; the languages warmed.

    The pages are walked in the first language only: templates are shared by every
    language, and the letters' warm-up has already read every catalog and printed a letter
    and a guide in every language. Each language's list of countries is sorted here.
    """
    warmed = warmup.warm_up()
    for language in warmed:
        country_choices(language)
    visit(app, warmed[0].replace("_", "-"), downloads=True)
    return warmed


def visit(app: Flask, prefix: str, downloads: bool) -> None:
    client = app.test_client()

    def send(method: str, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        response = client.open(path, method=method, data=MultiDict(fields))
        if response.status_code != 200:
            raise RuntimeError(f"warm-up: {method} {path} answered {response.status_code}")
        return 200, response.get_data(as_text=True) if response.mimetype == "text/html" else ""

    for path in (f"/{prefix}/", f"/{prefix}/privacy"):
        send("GET", path, [])
    for start, different in JOURNEYS:
        answers = sample_answers(**different)
        _, page = walk(send, f"/{prefix}/{start}", answers)
        for button in FlowForm(page).downloads() if downloads else ():
            request = press(page, button, answers, "")
            send(request.method, request.path, request.fields)
