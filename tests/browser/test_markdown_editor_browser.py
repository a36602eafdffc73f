"""The formatting toolbar and live preview of a Markdown field, in the browser."""

import pytest
from django.urls import reverse

from routines.models import Membership
from tests.support.browser import log_in
from tests.support.factories import make_member, make_plan, make_routine

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_bold_from_the_toolbar_shows_in_the_preview_and_is_saved(page):
    plan = make_plan()
    routine = make_routine(plan, body="")
    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    log_in(page, advisor.username, "kibs-test-password")
    page.goto(reverse("routines:routine_edit", args=[routine.pk]))

    body = page.locator("textarea[name=body]")
    body.fill("Rektor melder saken")
    body.evaluate("field => field.setSelectionRange(7, 13)")  # «melder»
    toolbar = page.get_by_role("toolbar", name="Formatering")
    toolbar.get_by_role("button", name="Fet").click()
    assert body.input_value() == "Rektor **melder** saken"
    preview = page.get_by_role("region", name="Forhåndsvisning")
    preview.locator("strong", has_text="melder").wait_for()

    # The keyboard: the toolbar is one tab stop, the arrow keys move along it.
    body.evaluate("field => field.setSelectionRange(field.value.length, field.value.length)")
    toolbar.get_by_role("button", name="Fet").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # Punktliste, on a line of its own
    assert body.input_value().endswith("\n- ")
    page.keyboard.type("ett punkt")
    preview.locator("li", has_text="ett punkt").wait_for()

    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    routine.refresh_from_db()
    assert routine.body.replace("\r\n", "\n") == "Rektor **melder** saken\n- ett punkt"  # a form sends CRLF
