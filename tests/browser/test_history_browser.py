"""Tried as a new user would, in a real browser, on the demo plan:
delete an actor by mistake, find it in the history and restore it; approve the
plan; publish it; start a revision; start next year's plan. Its pages are
audited in test_accessibility_pages.py.
"""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from meetings.models import ProgressEntry
from routines.models import Plan
from tests.support.browser import log_in
from tests.support.history import delete

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def demo():
    # The test finds buttons by their Bokmål names, as users see them.
    with translation.override("nb"):
        if translation.gettext("Restore this version") != "Gjenopprett denne versjonen":
            pytest.fail("The translations are not compiled: run `make messages` (make test does it).")
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    return Plan.objects.get(municipality__slug="sortland", school_year=2023)


def test_restore_a_mistake_approve_publish_and_start_next_year(new_page, demo):
    page = new_page()
    log_in(page, "radgiver", "kibs-demo-radgiver")
    # Past the home page, to the list of plans.
    page.get_by_role("link", name="Alle planer").click()
    page.get_by_role("link", name=demo.title).click()
    ppd = demo.actors.get(name="PPD")
    duties = [duty.text for duty in ppd.duties.all()]
    assert len(duties) == 3

    delete(ppd, demo.municipality.memberships.get(role="advisor").user)  # the mistake

    page.get_by_role("link", name="Historikk").click()
    page.get_by_label("Del av planen").select_option("actor")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Vis endringer .*«PPD»")).first.click()
    page.get_by_role("link", name="Tilbake til historikken").click()
    page.get_by_role("button", name=re.compile(r"^Gjenopprett .*«PPD»$")).click()
    page.get_by_text("Gjenopprettet").first.wait_for()
    assert [duty.text for duty in demo.actors.get(name="PPD").duties.all()] == duties
    assert page.get_by_role("button", name=re.compile(r"^Gjenopprett ")).count() == 0

    page.get_by_role("link", name="Godkjenning og publisering").click()
    page.get_by_role("link", name="Godkjenn planen …").click()
    page.get_by_label("Vedtatt av").fill("kommunestyret")
    page.get_by_label("Saksnummer").fill("24/31")
    page.get_by_label("Vedtaksdato").fill("2024-06-12")
    page.get_by_role("button", name="Ja, godkjenn").click()
    page.get_by_text("Planen er godkjent.").wait_for()
    demo.refresh_from_db()
    assert demo.status == "approved"

    page.get_by_role("button", name="Publiser på en offentlig adresse").click()
    address = page.get_by_role("link", name=re.compile("public")).get_attribute("href")
    visitor = new_page()
    visitor.goto(address)
    assert visitor.locator("html").get_attribute("lang") == "nb"
    # The public page is the plan to read: the restored actor is a row of the actors table again.
    assert visitor.get_by_role("rowheader", name="PPD", exact=True).count() == 1

    # Approved means frozen: changing it starts a draft revision.
    page.get_by_role("button", name="Start en revisjon").click()
    page.get_by_text("Dette er et nytt utkast av den godkjente planen.").wait_for()
    assert Plan.objects.get(revision_of=demo).actors.filter(name="PPD").exists()

    page.goto(f"/plans/{demo.pk}/status/")
    page.get_by_role("button", name="Start planen for neste år").click()
    page.get_by_text("Dette er planen for neste skoleår").wait_for()
    next_year = Plan.objects.get(municipality=demo.municipality, school_year=2024, title=demo.title)
    entries = ProgressEntry.objects.filter(plan=next_year)
    assert entries.count() == 89 and not entries.filter(to_review=False).exists()
