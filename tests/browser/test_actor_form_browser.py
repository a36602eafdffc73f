"""Reordering an actor's duties in the browser: the move happens inside the form, so what was typed stays."""

import pytest

from routines.models import Membership
from tests.support.browser import log_in
from tests.support.factories import make_actor, make_member, make_plan

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_moving_a_duty_keeps_unsaved_text_and_one_save_stores_both(page):
    plan = make_plan()
    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    actor = make_actor(plan, name="Rektor", duties=["Leder SKUT", "Følger opp BTI", "Melder til PPT"])
    log_in(page, advisor.username, "kibs-test-password")
    page.goto(f"/actors/{actor.pk}/edit/")

    page.get_by_label("Rolle").fill("Leder av skolen")  # typed, not saved
    page.get_by_role("button", name="Flytt ansvar 3 opp").click()
    page.get_by_text("Ansvaret er flyttet. Lagre for å beholde den nye rekkefølgen.").wait_for()
    assert page.get_by_label("Rolle").input_value() == "Leder av skolen"
    # Focus follows the moved duty, so the keyboard can move it on.
    assert page.evaluate("document.activeElement.value") == "1:up"
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Lagre").click()

    page.get_by_text("Aktøren og ansvaret er lagret.").wait_for()
    actor.refresh_from_db()
    assert actor.role == "Leder av skolen"
    assert list(actor.duties.values_list("text", flat=True)) == ["Melder til PPT", "Leder SKUT", "Følger opp BTI"]
