"""Every page fits a 360 px phone and a desktop without scrolling sideways, in the language's
writing direction; screenshots of each go to test-artifacts/screenshots/."""
from __future__ import annotations

import pytest

from letters.i18n import text_direction
from tests.browser.layout import screenshot
from tests.browser.visits import LANGUAGES, VISITS, WIDTHS


@pytest.mark.parametrize("visit", VISITS, ids=str)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(open_context, lang, visit):
    page = open_context(viewport={"width": WIDTHS[0], "height": 800}).new_page()
    visit.open(page, lang)
    assert page.locator("html").get_attribute("dir") == text_direction(lang)
    overflow = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        screenshot(page, f"{lang}-{visit}-{width}")
        overflow[width] = page.evaluate("document.documentElement.scrollWidth") - width
    assert overflow == {width: 0 for width in WIDTHS}
