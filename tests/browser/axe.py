"""axe-core, the accessibility engine, run inside a page (pinned in package-lock.json)."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page: Page) -> list[str]:
    """One line per rule the page breaks, naming the elements that break it.

    The page's Content-Security-Policy forbids injected scripts: open its context with
    ``bypass_csp=True``.
    """
    if not SCRIPT.exists():
        raise FileNotFoundError(f"{SCRIPT} is missing: run 'make test' (it runs npm ci)")
    page.add_script_tag(path=SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", WCAG_AA)
    return [f"{rule['id']} ({rule['impact']}): {rule['help']}: "
            + "; ".join(" ".join(node["target"]) + " " + node["failureSummary"].replace("\n", " ")
                        for node in rule["nodes"])
            for rule in result["violations"]]
