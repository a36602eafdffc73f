"""The workspace in a real browser, as the demo advisor and unit leader use it (its pages are audited in test_accessibility_pages.py)."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from routines.models import Actor, Plan, Routine, UnitRoutineText
from tests.support.browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def demo():
    # The tests find fields by their Bokmål labels, as users see them.
    with translation.override("nb"):
        if translation.gettext("Team around the child") != "Laget rundt barnet":
            pytest.fail("The translations are not compiled: run `make messages` (make test does it).")
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    return Plan.objects.get(municipality__slug="sortland", school_year=2023)


def test_the_advisor_adds_a_duty_and_a_unit_specific_routine(page, demo):
    log_in(page, "radgiver", "kibs-demo-radgiver")
    # Past the home page, to the list of plans.
    page.get_by_role("link", name="Alle planer").click()
    page.get_by_role("link", name=demo.title).click()

    page.get_by_role("navigation", name="Planens deler").get_by_role("link", name="Laget rundt barnet").click()
    page.get_by_role("link", name=re.compile(r"^Endre\s+Kommunedirektør$")).click()
    page.get_by_role("group", name="Nytt ansvar").first.get_by_label("Ansvar").fill("Følger opp KIBS i budsjettet")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Aktøren og ansvaret er lagret.").wait_for()
    assert "Følger opp KIBS i budsjettet" in Actor.objects.get(plan=demo, name="Kommunedirektør").duties.last().text

    page.get_by_role("navigation", name="Planens deler").get_by_role("link", name="Rutiner").click()
    page.get_by_role("link", name="Ny rutine").click()
    page.get_by_label("Tittel").fill("Rutine for skolens egne overganger")
    page.get_by_label("Enhetens egen").check()
    page.get_by_label("Ansvarlig").select_option(label="Ledelsen i barnehage og skole")
    page.get_by_role("checkbox", name=re.compile(r"^2\.")).check()
    page.get_by_label("Nivå 1: tiltak i egen tjeneste").check()
    page.get_by_label("Hjemmel").first.fill("Opplæringsloven § 11-1")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Rutinen er lagret.").wait_for()
    routine = Routine.objects.get(title="Rutine for skolens egne overganger")
    assert (routine.scope, routine.bti_levels) == ("unit", [1])
    assert [m.number for m in routine.milestones.all()] == [2]


def test_the_unit_leader_writes_the_units_own_text(page, demo):
    routine = demo.routines.filter(scope=Routine.Scope.UNIT).first()
    log_in(page, "rektor", "kibs-demo-rektor")
    page.goto(f"/routines/{routine.pk}/")
    page.get_by_role("link", name="Skriv teksten til Sortland barneskole").click()
    page.get_by_label("Enhetens egen tekst").fill("Hos oss møtes SKUT første tirsdag i måneden.")
    page.get_by_label("Ferdig").check()
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Enhetens tekst er lagret.").wait_for()
    text = UnitRoutineText.objects.get(routine=routine, unit__slug="sortland-barneskole")
    assert (text.body, text.status) == ("Hos oss møtes SKUT første tirsdag i måneden.", "done")
