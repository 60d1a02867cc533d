"""Moving through a page as people do who use no mouse: Tab, the arrow keys, Space, Enter."""
from __future__ import annotations

from playwright.sync_api import Locator, Page

MOST_PRESSES = 100


def has_focus(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab (Shift+Tab if ``target`` comes before the focus) until ``target`` has the
    focus; fail if it never gets there."""
    before = target.evaluate("target => { const focus = document.activeElement;"
                             " return focus !== document.body && focus !== null"
                             " && !!(target.compareDocumentPosition(focus)"
                             " & Node.DOCUMENT_POSITION_FOLLOWING); }")
    for _ in range(MOST_PRESSES):
        if has_focus(target):
            return
        page.keyboard.press("Shift+Tab" if before else "Tab")
    raise AssertionError(f"Tab never reaches {target}")


def choose(page: Page, radio: Locator) -> None:
    """Tab into the radio group, move to ``radio`` with the arrow keys and choose it."""
    name = radio.get_attribute("name")
    for _ in range(MOST_PRESSES):
        if page.evaluate("name => document.activeElement.name === name", name):
            break
        page.keyboard.press("Tab")
    for _ in range(page.locator(f"input[type=radio][name='{name}']").count()):
        if has_focus(radio):
            page.keyboard.press("Space")
            assert radio.is_checked()
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never reach {radio}")


def press(page: Page, target: Locator, key: str = "Enter") -> None:
    """Tab to a link or button and press ``key`` on it; wait for the page it opens."""
    tab_to(page, target)
    with page.expect_navigation():
        page.keyboard.press(key)
