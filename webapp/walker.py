"""The flow walked as a browser walks it: read the page's form, fill in answers, press a button.

The warm-up walks it in gunicorn's master before the workers fork, and ``make bench`` times
the pages it passes. Neither needs to know the flow's pages, only answers by field name:
a question with no answer given gets what is already chosen, or the first choice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable, Mapping, Sequence

FORM_ID = "flow"
MAX_PAGES = 20

#: Answers by field name; several values for checkboxes (the companies).
Answers = Mapping[str, "str | Sequence[str]"]
#: Sends a request and returns the status and the page: ``send(method, path, fields)``.
Send = Callable[[str, str, "list[tuple[str, str]]"], "tuple[int, str]"]


@dataclass(frozen=True)
class Button:
    name: str
    value: str
    formaction: str


@dataclass(frozen=True)
class Request:
    """One request of a walk: what a browser sent to get a page or a file."""

    name: str
    method: str
    path: str
    fields: list[tuple[str, str]] = field(default_factory=list)


class FlowForm(HTMLParser):
    """The fields and buttons of a page's ``<form id="flow">``, with those outside it that
    name it in their ``form`` attribute."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.action = ""
        self.fields: list[dict] = []
        self.buttons: list[Button] = []
        self._inside = False
        self._open: dict | None = None  # the textarea or select being read
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and found.get("id") == FORM_ID:
            self._inside, self.action = True, found.get("action", "")
            return
        if tag == "option" and self._open is not None:
            self._open["options"].append(found.get("value", ""))
            if "selected" in found:
                self._open["value"] = found.get("value", "")
            return
        if not (self._inside or found.get("form") == FORM_ID):
            return
        if tag == "button":
            # Buttons nobody sees (the form's default for the Enter key) are not pressed.
            if found.get("type", "submit") == "submit" and found.get("aria-hidden") != "true":
                self.buttons.append(Button(found.get("name", ""), found.get("value", ""),
                                           found.get("formaction", "")))
        elif tag in ("input", "textarea", "select") and found.get("name"):
            entry = {"tag": tag, "type": found.get("type", "text") if tag == "input" else tag,
                     "name": found["name"], "value": found.get("value", ""),
                     "checked": "checked" in found, "options": []}
            if entry["type"] == "submit":
                self.buttons.append(Button(found["name"], entry["value"],
                                           found.get("formaction", "")))
                return
            self.fields.append(entry)
            if tag != "input":
                self._open = entry

    def handle_data(self, data: str) -> None:
        if self._open is not None and self._open["tag"] == "textarea":
            self._open["value"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag in ("textarea", "select"):
            self._open = None

    @property
    def step(self) -> str:
        return next((f["value"] for f in self.fields
                     if f["type"] == "hidden" and f["name"] == "step"), "")

    def button(self, value: str) -> Button | None:
        return next((b for b in self.buttons if b.name == "action" and b.value == value), None)

    def downloads(self) -> list[Button]:
        return [b for b in self.buttons if "/download/" in b.formaction]

    def filled(self, answers: Answers) -> list[tuple[str, str]]:
        """The fields as a person who gives ``answers`` posts them."""
        pairs: list[tuple[str, str]] = []
        groups: dict[str, list[dict]] = {}
        for entry in self.fields:
            if entry["type"] in ("radio", "checkbox"):
                groups.setdefault(entry["name"], []).append(entry)
            elif entry["type"] == "select":
                choices = [value for value in entry["options"] if value]
                wanted = answers.get(entry["name"])
                pairs.append((entry["name"], wanted if wanted in choices
                              else entry["value"] or (choices[:1] or [""])[0]))
            elif entry["type"] == "hidden" or entry["name"] not in answers:
                pairs.append((entry["name"], entry["value"]))
            else:
                pairs.append((entry["name"], str(answers[entry["name"]])))
        for name, group in groups.items():
            wanted = answers.get(name, ())
            wanted = [wanted] if isinstance(wanted, str) else list(wanted)
            chosen = [e["value"] for e in group if e["value"] in wanted]
            # Boxes a person was told to leave unticked stay so; other questions get what
            # is already chosen, or the first choice.
            if not (chosen or (name in answers and group[0]["type"] == "checkbox")):
                chosen = [e["value"] for e in group if e["checked"]] or [group[0]["value"]]
            pairs += [(name, value) for value in (chosen if group[0]["type"] == "checkbox"
                                                  else chosen[:1])]
        return pairs


def press(page: str, button: Button, answers: Answers, name: str) -> Request:
    """The request a browser sends when ``button`` is pressed on ``page``."""
    form = FlowForm(page)
    fields = form.filled(answers) + ([(button.name, button.value)] if button.name else [])
    return Request(name, "POST", button.formaction or form.action, fields)


def walk(send: Send, start: str, answers: Answers) -> tuple[list[Request], str]:
    """Answer every question from ``start`` on until a page asks none; the requests sent
    (named after the page each one brings) and the last page."""
    status, page = send("GET", start, [])
    requests = [Request(FlowForm(page).step, "GET", start)]
    for _ in range(MAX_PAGES):
        form = FlowForm(page)
        button = form.button("continue")
        if button is None:
            return requests, page
        request = press(page, button, answers, "")
        status, following = send(request.method, request.path, request.fields)
        reached = FlowForm(following).step
        if status != 200 or reached == form.step:
            raise RuntimeError(f"the walk from {start} stopped at {form.step!r} "
                               f"(status {status}): no answer fits")
        requests.append(Request(reached, request.method, request.path, request.fields))
        page = following
    raise RuntimeError(f"the walk from {start} did not end after {MAX_PAGES} pages")
