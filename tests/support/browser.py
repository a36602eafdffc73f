"""Browser tests: Playwright driving Debian's Chromium against the live server.

Playwright cannot download its own browser here, so the tests launch
/usr/bin/chromium. In CI a missing Chromium is a failure, never a skip.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.support.layout import WIDTHS, layout_problems

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).parent.parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Without these, Chromium keeps trying to reach Google on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium (scripts/install-system-packages)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django's ORM in the same thread is still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (separate cookies: separate people)."""
    contexts = []

    def open_page(language="nb"):
        # bypass_csp lets the tests inject axe-core; the app's own pages never need it.
        context = browser.new_context(base_url=live_server.url, locale=language, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        # Copying the demo plan or rendering its PDF in a request takes seconds, more on a busy machine.
        page.set_default_timeout(20_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# What a narrower screen can change for axe-core's rules: what shows (a menu button appears, a
# table scrolls in a box of its own). page_problems runs every rule at the first width, and at the next
# only these rules on the whole page plus every rule on what shows there and did not before: every
# element is audited by every rule where it shows first. The size of targets, which the width also
# changes, is the layout check's (tests/support/layout.py), at each width and stricter than axe-core's
# target-size: 24 px whatever the spacing. Colour contrast, most of axe-core's time on a long page,
# depends on colours, not on the words: a second language leaves it out.
RULES_OF_THE_WIDTH = ["bypass", "scrollable-region-focusable"]
_AXE_RUN = """async ({tags, contrast, only}) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  if (!contrast) options.rules = {"color-contrast": {enabled: false}};
  if (only === "new") {
    const include = [...document.querySelectorAll("[data-audit-new]")];
    return include.length ? await axe.run({include}, options) : {violations: []};
  }
  if (only) options.runOnly = {type: "rule", values: only};
  return await axe.run(document, options);
}"""
# Marks what is visible now (first=true), or what is visible now and was not at the first mark.
_MARK_VISIBLE = """(first) => {
  const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  for (const el of document.querySelectorAll("body *")) {
    if (first) { if (visible(el)) el.setAttribute("data-audit-seen", ""); continue; }
    if (!el.hasAttribute("data-audit-seen") && visible(el) && !el.parentElement.closest("[data-audit-new]"))
      el.setAttribute("data-audit-new", "");
  }
}"""


def accessibility_violations(page, contrast=True, only=None):
    """axe-core's WCAG 2.0, 2.1 and 2.2 A and AA violations on the current page.

    contrast=False leaves out the colour-contrast rule; only is a list of rules to run alone, or
    "new" for every rule on the elements marked data-audit-new (see page_problems).
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    # resultTypes: only violations come back in full, which makes big pages faster to audit.
    result = page.evaluate(_AXE_RUN, {"tags": WCAG_TAGS, "contrast": contrast, "only": only})
    return [
        {"id": violation["id"], "help": violation["help"], "nodes": [n["target"] for n in violation["nodes"]]}
        for violation in result["violations"]
    ]


def log_in(page, username, password):
    # By the fields' names, so it works in every interface language.
    page.goto("/accounts/login/")
    page.locator("main [name=username]").fill(username)
    page.locator("main [name=password]").fill(password)
    # The password form's own button: the page may also have one per municipality's identity provider.
    page.locator("main form:has([name=password]) [type=submit]").click()


def page_problems(page, language, expect=None):
    """What is wrong with the current page, as a list: empty when nothing is.

    Checks what every page must have besides axe-core's rules: the page's
    language, exactly one h1, a skip link to the main content, and (expect)
    a few words in the interface language; then, at a laptop's and a phone's
    width in turn (the same page, resized), the layout (tests/support/layout.py)
    and axe-core's rules. The English check runs at the first width, where the
    menus stand open. At the second width axe-core checks what the width can
    change (RULES_OF_THE_WIDTH), and what shows only there.
    """
    problems = []
    if (lang := page.locator("html").get_attribute("lang")) != language:
        problems.append(f"html lang is {lang!r}")
    if (headings := page.locator("h1").count()) != 1:
        problems.append(f"{headings} h1 elements")
    skip_link = page.locator("body a").first
    target = (skip_link.get_attribute("href") or "").lstrip("#")
    is_skip_link = "skip-link" in (skip_link.get_attribute("class") or "")
    if not (is_skip_link and target and page.locator(f"#{target}").count()):
        problems.append("no skip link to the main content first on the page")
    if expect and expect not in page.locator("body").inner_text():
        problems.append(f"«{expect}» is not on the page")
    for index, width in enumerate(WIDTHS):
        page.set_viewport_size({"width": width, "height": 860})
        found = layout_problems(page, language if index == 0 else None)
        page.evaluate(_MARK_VISIBLE, index == 0)
        contrast = language != "nn"
        if index == 0:
            found += accessibility_violations(page, contrast)
        else:
            found += accessibility_violations(page, only=RULES_OF_THE_WIDTH)
            found += accessibility_violations(page, contrast, only="new")
        problems += [f"{width} px: {problem}" for problem in found]
    page.set_viewport_size({"width": WIDTHS[0], "height": 860})
    return problems
