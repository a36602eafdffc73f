"""Two advisors edit the same actor at once: the second save is refused, and nothing typed is lost."""

import re

import pytest
from django.core.management import call_command

from routines.models import Actor, Plan
from tests.support.browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def open_the_parents(page, plan):
    log_in(page, "radgiver", "kibs-demo-radgiver")
    page.goto(f"/plans/{plan.pk}/actors/")
    page.get_by_role("link", name=re.compile(r"^Endre\s+Foresatte$")).click()


def test_the_second_save_shows_the_conflict_and_keeps_its_text(new_page):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    plan = Plan.objects.get(municipality__slug="sortland", school_year=2023)
    first, second = new_page(), new_page()  # two browsers: two sessions
    open_the_parents(first, plan)
    open_the_parents(second, plan)

    first.get_by_label("Rolle").fill("Samarbeidspartner")
    first.get_by_role("button", name="Lagre").click()
    first.get_by_text("Aktøren og ansvaret er lagret.").wait_for()

    second.get_by_label("Rolle").fill("Bidragsyter og medspiller")
    second.get_by_role("group", name="Ansvar 1").get_by_role("textbox").fill("Deltar i dialogen om miljøet.")
    second.get_by_role("button", name="Lagre").click()

    second.get_by_text("Noen andre lagret dette mens du skrev.").wait_for()
    saved = second.get_by_role("region", name="Versjonen noen andre lagret", exact=True)
    assert "Samarbeidspartner" in saved.inner_text()
    assert second.get_by_label("Rolle").input_value() == "Bidragsyter og medspiller"
    assert second.get_by_role("group", name="Ansvar 1").get_by_role("textbox").input_value() == (
        "Deltar i dialogen om miljøet."
    )
    assert Actor.objects.get(plan=plan, name="Foresatte").role == "Samarbeidspartner"

    # Saving again, having seen the other version, is the second person's decision.
    second.get_by_role("button", name="Lagre").click()
    second.get_by_text("Aktøren og ansvaret er lagret.").wait_for()
    assert Actor.objects.get(plan=plan, name="Foresatte").role == "Bidragsyter og medspiller"
