"""Every page a person can see, in every state worth checking, and how a browser gets there.

The accessibility and layout tests run over ``VISITS``. The question pages come from the
flow's own lists of steps (``webapp.flow.NEW_REQUEST`` and ``FOLLOW_UP``), so a new step is
visited, with and without errors, by itself: the walk takes the first option of a choice it
has no answer for;
a new text field needs its answer in ``ANSWERS``. A page reached otherwise (by another
button, say) needs a ``Visit`` here, with ``then=press("<the button's value>")``;
``test_every_page_template_is_visited`` fails while a page template has none.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from playwright.sync_api import Page

from letters.i18n import languages
from webapp.flow import FOLLOW_UP, NEW_REQUEST

#: English, the source; German, complete; Arabic, right to left, as soon as it has a catalog.
LANGUAGES = [lang for lang in ("en", "de", "ar") if lang in languages()]
#: A small phone and a desktop, in CSS pixels.
WIDTHS = [360, 1280]

#: What a person answers, by field name: the walk fills whichever of these a page asks for
#: (a list checks several boxes).
PERSON = {"name": "Erika Mustermann", "email": "erika@example.org",
          "address": "Musterstraße 1\n10115 Berlin", "place": "Berlin",
          "account": "erika.mustermann", "reason": "I work as a journalist."}
ANSWERS = {"country": "DE", "region": "DE-BE", "company": "meta",
           "request": "object-ai-training", **PERSON, "bilingual": ()}
#: Where no law gives a right to object: the flow says so and the letter claims none.
NO_LAW = {**ANSWERS, "country": "US", "region": "US-OH", "request": "do-not-train"}
#: A state law of its own, with rights of its own.
CALIFORNIA = {**ANSWERS, "country": "US", "region": "US-CA", "request": "opt-out-sale-sharing"}
#: A company that holds data on people without accounts, and publishes an e-mail address.
NO_ACCOUNT = {**ANSWERS, "company": "clearview"}
#: A company with no opt-out of its own to guide people through.
NO_GUIDE = {**ANSWERS, "company": "zoom"}
#: Several companies at once: one page with every letter.
SEVERAL = {**ANSWERS, "company": ["meta", "google", "clearview"]}
#: A bilingual letter, right to left then left to right, whatever the interface's direction.
BILINGUAL = {**ANSWERS, "letter_language": "ar", "bilingual": "yes"}
#: "I already sent a letter": sent on 1 September 2026, unanswered, so a complaint is due.
FOLLOW = {**ANSWERS, "sent_day": "1", "sent_month": "9", "sent_year": "2026",
          "follow_up": "complaint"}
FOLLOW_ONLY = [step for step in FOLLOW_UP.steps if step not in NEW_REQUEST.steps]
#: Unbroken long words must wrap, not push the page sideways on a phone.
LONG_WORDS = {**ANSWERS, "name": "Mustermann" * 19, "place": "Llanfairpwllgwyngyll" * 4,
              "account": "https://example.org/" + "profile" * 40}


def press(action: str) -> Callable[[Page], None]:
    """Press the flow's button for ``action`` (its value, so in any language)."""
    def press_button(page: Page) -> None:
        with page.expect_navigation():
            page.locator(f"#flow button[name=action][value='{action}']").click()
    return press_button


press_continue = press("continue")


def type_and_press(action: str, **typed: str) -> Callable[[Page], None]:
    """Type into text fields (by name), then press the button for ``action``."""
    def type_then_press(page: Page) -> None:
        for name, text in typed.items():
            page.locator(f"#flow [name='{name}']").fill(text)
        press(action)(page)
    return type_then_press


def expire_the_form(page: Page) -> None:
    """As after a long pause: the security token is gone when the form is sent."""
    page.context.clear_cookies()
    press_continue(page)


@dataclass(frozen=True)
class Visit:
    """One page in one state, reached from the start like a person would reach it."""

    name: str
    template: str                        # the template that renders it
    path: str = "/{lang}/request"        # where the browser starts
    step: str | None = None              # then walks the flow until this step shows
    answers: Mapping[str, str | Sequence[str]] = field(default_factory=lambda: ANSWERS)
    then: Callable[[Page], None] | None = None   # and finally does this on that page

    def __str__(self) -> str:
        return self.name

    def open(self, page: Page, lang: str) -> None:
        page.goto(self.path.format(lang=lang))
        if self.step:
            walk(page, self.answers, until=self.step)
        if self.then:
            self.then(page)


def current_step(page: Page) -> str | None:
    step = page.locator("#flow input[name=step]")
    return step.get_attribute("value") if step.count() else None


def fill(page: Page, answers: Mapping[str, str | Sequence[str]]) -> None:
    """Answer whatever the current page asks, by field name (so in any language).

    A choice ``answers`` knows nothing of (a new question) gets its first option, so that
    the walk goes on; a text field it knows nothing of stays empty.
    """
    asked = page.eval_on_selector_all(
        "#flow [name]:not([type=hidden]):not(button)",
        "elements => [...new Set(elements.map(element => element.name))]")
    for name in asked:
        control = page.locator(f"#flow [name='{name}']:not([type=hidden])")
        kind = control.first.evaluate("element => element.type")
        value = answers.get(name)
        if kind in ("radio", "checkbox"):
            for one in [value] if isinstance(value, str) else value or ():
                page.locator(f"#flow [name='{name}'][value='{one}']").check()
            if value is None and not page.locator(f"#flow [name='{name}']:checked").count():
                control.first.check()
        elif kind.startswith("select"):
            if value is None and not control.input_value():
                value = control.locator("option:not([value=''])").first.get_attribute("value")
            if value is not None:
                control.select_option(value)
        elif value is not None:
            control.fill(value)


def walk(page: Page, answers: Mapping[str, str | Sequence[str]], until: str) -> None:
    """Answer and continue, page after page, until the flow shows step ``until``."""
    seen = []
    while (step := current_step(page)) != until:
        if step is None or step in seen:
            summary = page.locator(".error-summary")
            problem = summary.inner_text() if summary.count() else page.title()
            raise AssertionError(f"walking to {until!r} ended at {step!r} after {seen}: "
                                 f"{problem}")
        seen.append(step)
        fill(page, answers)
        press_continue(page)


VISITS = [
    Visit("start", "start.html", path="/{lang}/"),
    Visit("privacy", "privacy.html", path="/{lang}/privacy"),
    Visit("not-found", "error.html", path="/{lang}/no-such-page"),
    Visit("form-expired", "error.html", step="company", then=expire_the_form),
    *(Visit(step, f"flow/{step}.html", step=step)
      for step in (*NEW_REQUEST.steps, "check", "result")),
    *(Visit(f"{step}-errors", f"flow/{step}.html", step=step, then=press_continue)
      for step in NEW_REQUEST.steps),
    *(Visit(f"follow-up-{step}", f"flow/{step}.html", path="/{lang}/follow-up", step=step,
            answers=FOLLOW) for step in FOLLOW_ONLY),
    *(Visit(f"follow-up-{step}-errors", f"flow/{step}.html", path="/{lang}/follow-up",
            step=step, answers=FOLLOW, then=press_continue) for step in FOLLOW_ONLY),
    Visit("follow-up-check", "flow/check.html", path="/{lang}/follow-up", step="check",
          answers=FOLLOW),
    Visit("complaint-result", "flow/follow_up_result.html", path="/{lang}/follow-up",
          step="result", answers=FOLLOW),
    Visit("reminder-result", "flow/follow_up_result.html", path="/{lang}/follow-up",
          step="result", answers={**FOLLOW, "follow_up": "reminder"}),
    Visit("company-search", "flow/company.html", step="company",
          then=type_and_press("search", company_search="Instagram")),
    Visit("company-no-match", "flow/company.html", step="company",
          then=type_and_press("search", company_search="zzqx")),
    Visit("request-no-law", "flow/request.html", step="request", answers=NO_LAW),
    Visit("result-no-law", "flow/result.html", step="result", answers=NO_LAW),
    Visit("request-california", "flow/request.html", step="request", answers=CALIFORNIA),
    Visit("result-california", "flow/result.html", step="result", answers=CALIFORNIA),
    Visit("details-no-account", "flow/details.html", step="details", answers=NO_ACCOUNT),
    Visit("result-no-account", "flow/result.html", step="result", answers=NO_ACCOUNT),
    Visit("result-no-guide", "flow/result.html", step="result", answers=NO_GUIDE),
    Visit("result-bilingual", "flow/result.html", step="result", answers=BILINGUAL),
    Visit("check-several", "flow/check.html", step="check", answers=SEVERAL),
    Visit("result-several", "flow/letters.html", step="result", answers=SEVERAL),
    Visit("check-long-words", "flow/check.html", step="check", answers=LONG_WORDS),
    Visit("result-long-words", "flow/result.html", step="result", answers=LONG_WORDS),
]
