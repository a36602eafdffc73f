"""The unit page in a real browser: the demo unit leader's first visit (its pages are audited in test_accessibility_pages.py)."""

import io

import pytest
from django.core.management import call_command

from routines.models import MilestoneProgress, Plan, UnitRoutineText
from tests.support.browser import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return Plan.objects.get(municipality__slug="sortland", school_year=2023)


def test_the_demo_unit_leaders_first_visit(page, demo):
    log_in(page, "rektor", "kibs-demo-rektor")
    # Past the home page, to the list of plans.
    page.get_by_role("link", name="Alle planer").click()
    page.get_by_role("link", name="KIBS – Kommunedelplan for kvalitet i barnehage og skole 2023/2024").click()
    assert page.locator("h1").inner_text() == "Sortland barneskole"
    dates = page.locator("#entries .entry-when strong").all_inner_texts()
    assert dates[0].startswith("mandag 14. august 2023")  # the school year is over: all its entries, in order

    page.get_by_role("link", name="Skriv enhetens tekst for BTI nivå 2–3: rutiner og ansvarsfordeling").click()
    page.get_by_label("Enhetens egen tekst").fill("Slik gjør vi det: **tidlig** samtale med foresatte.")
    page.get_by_label("Utkast").check()
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_text("Enhetens tekst er lagret.").is_visible()
    assert page.locator("strong", has_text="tidlig").is_visible()

    page.get_by_role("link", name="Endre milepæl 1").click()
    page.get_by_label("Nådd").check()
    page.get_by_label("Merknad").fill("Ståstedsanalysen er gjort i alle team.")
    page.get_by_role("button", name="Lagre").click()
    assert page.locator(f"#milestone-{demo.milestones.get(number=1).pk}").inner_text().count("Nådd") == 1

    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert not page.get_by_role("link", name="Last ned som PDF").is_visible()
    assert UnitRoutineText.objects.filter(unit__slug="sortland-barneskole", status="draft").count() == 2
    assert MilestoneProgress.objects.get().status == "reached"
