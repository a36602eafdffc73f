"""A year of the plan's life: approval with a decision, the unit's own work, staff confirming, a revision to re-read.

The advisor approves with the decision record; the unit leader writes a
supplement and confirms; an employee confirms; the advisor starts a
revision, changes one routine, marks it as to be read again and approves;
the employee sees only that change and confirms again. The advisor's
overview shows the counts at each step.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from routines.models import Plan, ReadConfirmation, UnitRoutineText
from tests.support.browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SUPPLEMENTED = "Foreldremøter med inkluderende praksis (OMNI) som tema"
CHANGED = "Rutine for å sikre at vi behandler undring og bekymring"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    return Plan.objects.get(municipality__slug="sortland", school_year=2023)


def as_user(page, username):
    page.context.clear_cookies()
    log_in(page, username, f"kibs-demo-{username}")


def employees_cell(page, plan, unit):
    page.goto(reverse("documents:plan_overview", args=[plan.pk]))
    return page.locator(f'a[href="{reverse("documents:unit_employees", args=[unit.pk])}"]').inner_text()


def approve(page, plan, reread=None):
    page.goto(reverse("documents:plan_approve", args=[plan.pk]))
    page.get_by_label("Vedtatt av").fill("kommunestyret")
    page.get_by_label("Saksnummer").fill("24/31")
    page.get_by_label("Vedtaksdato").fill("2024-06-12")
    if reread:
        page.get_by_label(re.compile(re.escape(reread))).check()
    page.get_by_role("button", name="Ja, godkjenn").click()
    page.get_by_text("Planen er godkjent.").wait_for()


def test_a_plan_is_approved_worked_in_revised_and_read_again(page, demo):
    school = demo.municipality.units.get(slug="sortland-barneskole")
    unit_page = reverse("documents:unit_page", args=[demo.pk, school.pk])

    # The advisor approves with the decision; nobody has confirmed yet.
    as_user(page, "radgiver")
    approve(page, demo)
    page.goto(reverse("documents:plan_detail", args=[demo.pk]))
    page.get_by_text("Godkjent 12.06.2024 av kommunestyret (sak 24/31)").wait_for()
    assert employees_cell(page, demo, school).startswith("0 av 1")

    # The unit leader writes the unit's supplement in the approved plan, and confirms.
    as_user(page, "rektor")
    page.goto(unit_page)
    page.get_by_role("link", name=re.compile(f"tillegg.*{re.escape(SUPPLEMENTED)}")).click()
    page.get_by_label("Vårt lokale tillegg").fill("Hos oss tar vi OMNI på første foreldremøte.")
    page.get_by_label("Ferdig").check()
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Enhetens tekst er lagret.").wait_for()
    assert UnitRoutineText.objects.get(routine__plan=demo, routine__title=SUPPLEMENTED, unit=school).body.startswith(
        "Hos oss tar vi OMNI"
    )
    page.get_by_role("button", name="Jeg har lest planen").click()
    page.get_by_text("Takk! Du har bekreftet at du har lest planen.").wait_for()

    # An employee confirms for themselves.
    as_user(page, "ansatt")
    page.goto(unit_page)
    page.get_by_role("button", name="Jeg har lest planen").click()
    page.get_by_text("Takk! Du har bekreftet at du har lest planen.").wait_for()
    assert ReadConfirmation.objects.filter(plan=demo, by_employee=True).count() == 1

    # The advisor sees both, revises one routine, marks it to be read again and approves.
    as_user(page, "radgiver")
    assert employees_cell(page, demo, school).startswith("1 av 1")
    page.goto(reverse("documents:plan_detail", args=[demo.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="Start en revisjon").click()
    revision = Plan.objects.get(revision_of=demo)
    routine = revision.routines.get(title__startswith=CHANGED)
    page.goto(reverse("routines:routine_edit", args=[routine.pk]))
    page.get_by_label("Tekst", exact=True).fill("Kontaktlærer melder samme dag til rektor.")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Rutinen er lagret.").wait_for()
    approve(page, revision, reread=CHANGED)
    assert employees_cell(page, revision, school).startswith("0 av 1")

    # The employee is told, sees only that change, and confirms again.
    as_user(page, "ansatt")
    page.goto(reverse("documents:unit_page", args=[revision.pk, school.pk]))
    page.get_by_text("Ny versjon: les endringene").wait_for()
    page.get_by_role("link", name="Les hva som er endret").click()
    changes = page.locator("main article")
    # Only the changed text is shown, word by word: what was added is marked as added.
    words = " ".join(changes.inner_text().split())
    assert changes.count() == 1 and CHANGED in words and "lagt til: melder" in words
    assert "Fortløpende" not in words
    page.get_by_role("button", name="Jeg har lest planen").click()
    page.get_by_text("Takk! Du har bekreftet at du har lest planen.").wait_for()

    as_user(page, "radgiver")
    assert employees_cell(page, revision, school).startswith("1 av 1")
