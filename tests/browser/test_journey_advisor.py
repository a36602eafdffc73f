"""The municipal advisor's journey through the demo plan, in a real browser, ending with its PDF."""

import datetime
import io
import re
from pathlib import Path

import pypdf
import pytest
from django.core.management import call_command

from meetings.models import ProgressEntry
from routines.models import Actor, Plan
from tests.support.browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    return Plan.objects.get(municipality__slug="sortland", school_year=2023)


def duty_texts(plan, actor_name):
    return list(Actor.objects.get(plan=plan, name=actor_name).duties.values_list("text", flat=True))


def test_the_advisor_edits_the_demo_plan(page, demo):
    log_in(page, "radgiver", "kibs-demo-radgiver")
    # Past the home page, to the list of plans.
    page.get_by_role("link", name="Alle planer").click()
    page.get_by_role("link", name=demo.title).click()
    page.get_by_role("heading", level=1, name=demo.title).wait_for()
    parts = page.get_by_role("navigation", name="Planens deler")

    # A new duty for the parents.
    parts.get_by_role("link", name="Laget rundt barnet").click()
    page.get_by_role("link", name=re.compile(r"^Endre\s+Foresatte$")).click()
    page.get_by_role("group", name="Nytt ansvar").first.get_by_label("Ansvar").fill("Kommer på foreldremøtet om KIBS.")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Aktøren og ansvaret er lagret.").wait_for()
    duties = duty_texts(demo, "Foresatte")
    assert duties[-1] == "Kommer på foreldremøtet om KIBS."

    # The new duty moved up one place in the form, and saved with the form.
    page.get_by_role("link", name=re.compile(r"^Endre\s+Foresatte$")).click()
    page.get_by_role("button", name=f"Flytt ansvar {len(duties)} opp").click()
    page.get_by_role("button", name=f"Flytt ansvar {len(duties) - 1} opp").wait_for()
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Aktøren og ansvaret er lagret.").wait_for()
    assert duty_texts(demo, "Foresatte") == duties[:-2] + [duties[-1], duties[-2]]

    # A progress-plan entry, first with an end time before its start time.
    parts.get_by_role("link", name="Fremdriftsplan", exact=True).click()
    page.get_by_role("link", name="Legg til punkt").click()
    page.get_by_label("Dato", exact=True).fill("2023-10-26")
    page.get_by_label("Fra klokkeslett").fill("18:00")
    page.get_by_label("Til klokkeslett").fill("17:00")
    page.get_by_label("Innhold").fill("Foreldremøte om KIBS")
    page.get_by_role("checkbox", name="Foresatte").check()
    page.get_by_role("button", name="Lagre").click()
    error = page.get_by_text("Sluttidspunktet kan ikke være før starttidspunktet.")
    error.wait_for()
    end_time = page.get_by_label("Til klokkeslett")
    assert end_time.get_attribute("aria-invalid") == "true"
    described_by = end_time.get_attribute("aria-describedby").split()
    assert error.evaluate("(node, ids) => ids.some(id => document.getElementById(id).contains(node))", described_by)
    assert page.get_by_label("Innhold").input_value() == "Foreldremøte om KIBS"
    end_time.fill("19:30")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Punktet er lagt til.").wait_for()
    entry = ProgressEntry.objects.get(plan=demo, content="Foreldremøte om KIBS")
    assert (entry.starts_on, entry.starts_at, entry.ends_at) == (
        datetime.date(2023, 10, 26),
        datetime.time(18, 0),
        datetime.time(19, 30),
    )
    assert [group.name for group in entry.target_groups.all()] == ["Foresatte"]

    # The new entry is on the year wheel.
    parts.get_by_role("link", name="Årshjul").click()
    wheel = page.locator("svg.year-wheel")
    assert "Foreldremøte om KIBS" in wheel.inner_html()

    # The plan as a tagged PDF in its own language, with its title.
    parts.get_by_role("link", name="Oversikt").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nb"
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith(demo.title)
