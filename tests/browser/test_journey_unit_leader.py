"""The unit leader's journey, in Nynorsk: what is coming, the unit's own routine text, a milestone."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Profile
from documents import unit_obligations
from routines.models import MilestoneProgress, Plan, UnitRoutineText
from tests.support.browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

ROUTINE = "BTI nivå 2–3: rutiner og ansvarsfordeling"


@pytest.fixture
def demo(monkeypatch):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    # The demo's school year as on 1 October 2023: August and September are past, the rest is coming.
    monkeypatch.setattr(unit_obligations, "timezone", SimpleNamespace(localdate=lambda: datetime.date(2023, 10, 1)))
    return Plan.objects.get(municipality__slug="sortland", school_year=2023)


def test_the_unit_leader_meets_the_units_obligations(page, demo):
    log_in(page, "rektor", "kibs-demo-rektor")
    page.get_by_label("Språk").select_option("nn")
    page.get_by_role("button", name="Bytt språk").click()
    page.get_by_role("button", name="Byt språk").wait_for()
    assert Profile.objects.get(user__username="rektor").language == "nn"

    # From the home page to the unit's page of the plan in force.
    school = demo.municipality.units.get(slug="sortland-barneskole")
    page.goto(reverse("documents:unit_page", args=[demo.pk, school.pk]))
    page.get_by_role("heading", level=1, name="Sortland barneskole").wait_for()
    assert page.locator("html").get_attribute("lang") == "nn"

    # What is coming, the next first, with Nynorsk weekdays.
    entries = page.locator("#entries .entry")
    assert entries.first.get_by_text("Neste", exact=True).is_visible()
    dates = page.locator("#entries .entry-when strong").all_inner_texts()
    assert page.get_by_role("link", name=re.compile(r"^Vis tidlegare punkt \([1-9]\d*\)$")).is_visible()
    # Nothing that ended before 1 October; periods still running count as coming.
    assert dates and not [date for date in dates if date.endswith(("august 2023", "september 2023"))]
    weekdays = {word for date in dates for word in re.findall(r"^[a-zæøå]+dag", date)}
    assert weekdays and weekdays <= {"måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"}

    # The unit's own text for a unit-specific routine.
    page.get_by_role("link", name=f"Skriv teksten til eininga for {ROUTINE}").click()
    page.get_by_label("Eininga sin eigen tekst").fill("Hos oss har SKUT ansvaret for **nivå 2**.")
    page.get_by_label("Ferdig").check()
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Teksten til eininga er lagra.").wait_for()
    assert page.locator(".unit-text strong", has_text="nivå 2").is_visible()
    text = UnitRoutineText.objects.get(routine__title=ROUTINE, unit__slug="sortland-barneskole")
    assert (text.body, text.status) == ("Hos oss har SKUT ansvaret for **nivå 2**.", "done")

    # How far the unit has come on milestone 2.
    page.get_by_role("link", name="Endre milepæl 2").click()
    page.get_by_label("Under arbeid").check()
    page.get_by_label("Merknad").fill("Alle team har hatt første økt.")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Framdrifta til eininga er lagra.").wait_for()
    row = page.locator(f"#milestone-{demo.milestones.get(number=2).pk}")
    assert "Under arbeid" in row.inner_text() and "Alle team har hatt første økt." in row.inner_text()
    progress = MilestoneProgress.objects.get(milestone__number=2, unit__slug="sortland-barneskole")
    assert (progress.status, progress.note) == ("under_way", "Alle team har hatt første økt.")
