"""Every page, error states included, in English, German and Arabic once it has a catalog,
at a phone's width and a desktop's: no violation of WCAG 2.0, 2.1 or 2.2 at levels A and AA
that axe-core can find, no sideways scrolling, the language's writing direction; and a
keyboard focus that always shows. Screenshots of each go to test-artifacts/screenshots/."""
from __future__ import annotations

import pytest

from letters.i18n import text_direction
from tests.browser import axe
from tests.browser.layout import screenshot
from tests.browser.visits import LANGUAGES, VISITS, WIDTHS


@pytest.mark.parametrize("visit", VISITS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_meets_wcag_aa_and_fits_a_phone_and_a_desktop(open_context, lang, visit):
    # One walk serves both widths; bypass_csp lets axe in and changes nothing else.
    page = open_context(bypass_csp=True, viewport={"width": WIDTHS[0], "height": 800}).new_page()
    visit.open(page, lang)
    assert page.locator("html").get_attribute("dir") == text_direction(lang)
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        screenshot(page, f"{lang}-{visit}-{width}")
        found[width] = {
            "sideways scroll (px)": page.evaluate("document.documentElement.scrollWidth") - width,
            "axe violations": axe.violations(page),
        }
    assert found == {width: {"sideways scroll (px)": 0, "axe violations": []}
                     for width in WIDTHS}


#: Where the focus is, whether it shows a ring, and whether anything covers it.
FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) { return null; }
  // A link that wraps has one box per line: look at the first.
  const style = getComputedStyle(element), box = element.getClientRects()[0];
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    element: element.outerHTML.slice(0, 120),
    ring: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    uncovered: box.bottom > 0 && box.top < innerHeight && !!top
               && (top === element || element.contains(top) || top.control === element),
  };
}"""


@pytest.mark.parametrize("visit", VISITS, ids=str)
def test_the_keyboard_focus_is_always_seen_on_a_phone(open_context, visit):
    page = open_context(viewport={"width": WIDTHS[0], "height": 640}).new_page()
    visit.open(page, "en")
    stops = []
    while len(stops) < 200:
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop is None or (stops and stop["element"] == stops[0]["element"]):
            break
        stops.append(stop)
    assert stops, "nothing on the page takes the focus"
    assert [stop for stop in stops if stop["ring"] < 2 or not stop["uncovered"]] == []
