"""Take the README's screenshots of the demo, at a laptop's width (1280 px) and a phone's (390 px).

Start the demo with `make run` (or `make run HOST=127.0.0.1:8765`), then, with the
test dependencies installed (`make install-test`: Playwright) and Debian's Chromium:

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

The pictures go to docs/img/ and replace the ones there. The pages are the
demo's in Bokmål, logged in as the demo's advisor.
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "img"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
# The same switches as the browser tests: no calls out from a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.locator("main [name=username]").fill(username)
    page.locator("main [name=password]").fill(password)
    page.locator("main form:has([name=password]) [type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def shoot(page, name, element=None):
    path = IMAGES / f"{name}.png"
    (element or page).screenshot(path=path, animations="disabled")
    print(f"{path.relative_to(IMAGES.parent.parent)}  {page.url}")


def advisor_pictures(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="nb", viewport=LAPTOP)
    page = context.new_page()
    log_in(page, "radgiver", "kibs-demo-radgiver")
    page.goto("/plans/")
    plan_url = page.locator("main a").filter(has_text="Kommunedelplan for kvalitet").first.get_attribute("href")
    page.goto(plan_url)
    shoot(page, "plan-page")
    # Reached through the plan's menu, whatever their addresses.
    progress_url = page.locator(".plan-nav a[href$='/progress/']").get_attribute("href")
    year_wheel_url = page.locator(".plan-nav a[href$='/year-wheel/']").get_attribute("href")
    page.goto(progress_url)
    shoot(page, "progress-plan")
    page.goto(year_wheel_url)
    shoot(page, "year-wheel", element=page.locator(".year-wheel-figure"))
    # On a phone: the menus folded behind their buttons, the title first.
    page.set_viewport_size(PHONE)
    page.goto(progress_url)
    shoot(page, "phone-progress-plan")
    context.close()


def main(base_url="http://127.0.0.1:8000"):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        advisor_pictures(browser, base_url)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
