"""The advisor's and the unit leader's journeys with the keyboard only.

Tab to reach, Enter and Space to act, arrow keys in lists and radio groups,
focus always visible.

Locators only name the element the keyboard must reach; every action is a
key press. Each element the Tab key passes must show a focus outline.
"""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import ProgressEntry
from routines.models import Actor, MilestoneProgress, Plan, UnitRoutineText

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

TAB_LIMIT = 200
UNIT_ROUTINE = "BTI nivå 2–3: rutiner og ansvarsfordeling"


def assert_focus_visible(page):
    focus = page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            // The calendar and clock buttons inside date and time fields get Chromium's own focus ring.
            const onPickerButton = /^(date|time)$/.test(element.type) && !element.matches(":focus");
            return {
                element: element.outerHTML.slice(0, 120),
                outline: onPickerButton || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0),
                shown: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
            };
        }"""
    )
    assert focus["outline"] and focus["shown"], f"focus not visible on {focus['element']}"


def tab_to(page, target):
    """Press Tab until target has the focus; each stop on the way shows its focus."""
    handle = target.element_handle()
    for _ in range(TAB_LIMIT):
        if page.evaluate("element => document.activeElement === element", handle):
            assert_focus_visible(page)
            return
        page.keyboard.press("Tab")
        # Past the last element the focus leaves the page for a moment, then starts again at the top.
        if page.evaluate("document.activeElement !== document.body"):
            assert_focus_visible(page)
    raise AssertionError(f"Tab never reached {target}")


def activate(page, target, key="Enter"):
    tab_to(page, target)
    page.keyboard.press(key)


def type_into(page, target, text):
    tab_to(page, target)
    page.keyboard.type(text)


def choose_radio(page, option):
    """Tab into option's radio group (it stops on the checked radio), then move with the arrow keys."""
    group = option.locator("xpath=ancestor::fieldset[1]")
    checked = group.locator("input[type=radio]:checked")
    tab_to(page, checked if checked.count() else group.locator("input[type=radio]").first)
    for _ in group.locator("input[type=radio]").all():
        if option.is_checked():
            return
        page.keyboard.press("ArrowDown")
        assert_focus_visible(page)
    assert option.is_checked(), f"the arrow keys never chose {option}"


def date_keys(page, day):
    """The digits that type `day` into a date field, in the order of the browser's own locale.

    Debian's Chromium ships only its en-US locale, whose date fields read
    month/day/year; a Norwegian one reads day.month.year.
    """
    probe = page.context.new_page()
    probe.set_content('<input type="date">')
    probe.locator("input").focus()
    probe.keyboard.type("11022003")
    order = {"2003-11-02": "%m%d%Y", "2003-02-11": "%d%m%Y"}[probe.locator("input").input_value()]
    probe.close()
    return day.strftime(order)


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    return Plan.objects.get(municipality__slug="sortland", school_year=2023)


def test_the_journeys_with_the_keyboard_only(page, demo):
    page.goto("/accounts/login/")
    type_into(page, page.get_by_label("Brukernavn"), "radgiver")
    type_into(page, page.get_by_label("Passord"), "kibs-demo-radgiver")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Det som står for tur").wait_for()

    # The skip link comes first, shows itself, and moves the focus to the main content.
    page.keyboard.press("Tab")
    assert_focus_visible(page)
    assert page.evaluate("document.activeElement.textContent") == "Hopp til hovedinnholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    activate(page, page.get_by_role("link", name="Alle planer"))
    page.get_by_role("heading", level=1, name="Planer").wait_for()

    activate(page, page.get_by_role("link", name=demo.title))
    page.get_by_role("heading", level=1, name=demo.title).wait_for()
    parts = page.get_by_role("navigation", name="Planens deler")
    # The demo's PDF is rendered in this request (no worker runs here): seconds, more on a busy machine.
    with page.expect_download(timeout=60_000) as download:
        activate(page, page.get_by_role("link", name="Last ned PDF"))
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    # A duty added, then moved up with the Space key.
    activate(page, parts.get_by_role("link", name="Laget rundt barnet"))
    activate(page, page.get_by_role("link", name="Endre Foresatte"))
    type_into(page, page.get_by_role("group", name="Nytt ansvar").first.get_by_role("textbox"), "Leser planen.")
    activate(page, page.get_by_role("button", name="Lagre"))
    page.get_by_text("Aktøren og ansvaret er lagret.").wait_for()
    activate(page, page.get_by_role("link", name="Endre Foresatte"))
    count = Actor.objects.get(plan=demo, name="Foresatte").duties.count()
    activate(page, page.get_by_role("button", name=f"Flytt ansvar {count} opp"), key="Space")
    page.get_by_role("button", name=f"Flytt ansvar {count - 1} opp").wait_for()
    activate(page, page.get_by_role("button", name="Lagre"))
    page.get_by_text("Aktøren og ansvaret er lagret.").wait_for()
    duties = list(Actor.objects.get(plan=demo, name="Foresatte").duties.values_list("text", flat=True))
    assert duties[-2] == "Leser planen."

    # A progress-plan entry: date and times typed, a target group ticked with Space.
    activate(page, parts.get_by_role("link", name="Fremdriftsplan", exact=True))
    activate(page, page.get_by_role("link", name="Legg til punkt"))
    type_into(page, page.get_by_label("Dato", exact=True), date_keys(page, datetime.date(2023, 10, 26)))
    type_into(page, page.get_by_label("Fra klokkeslett"), "1800")
    type_into(page, page.get_by_label("Til klokkeslett"), "1930")
    type_into(page, page.get_by_label("Innhold"), "Foreldremøte om KIBS")
    activate(page, page.get_by_role("checkbox", name="Foresatte"), key="Space")
    activate(page, page.get_by_role("button", name="Lagre"))
    page.get_by_text("Punktet er lagt til.").wait_for()
    entry = ProgressEntry.objects.get(plan=demo, content="Foreldremøte om KIBS")
    assert (str(entry.starts_on), str(entry.starts_at), str(entry.ends_at)) == ("2023-10-26", "18:00:00", "19:30:00")
    assert [group.name for group in entry.target_groups.all()] == ["Foresatte"]

    # The unit leader: the unit's own text for a routine, and a milestone's progress.
    activate(page, page.get_by_role("button", name="Logg ut"))
    type_into(page, page.get_by_label("Brukernavn"), "rektor")
    type_into(page, page.get_by_label("Passord"), "kibs-demo-rektor")
    page.keyboard.press("Enter")
    # The demo's plan is a draft of a past school year, so the home page has no plan in force to lead
    # to: the unit leader opens the unit's page by its address, as from a bookmark.
    page.get_by_role("heading", level=1, name="Det som står for tur").wait_for()
    page.goto(
        reverse("documents:unit_page", args=[demo.pk, demo.municipality.units.get(slug="sortland-barneskole").pk])
    )
    page.get_by_role("heading", level=1, name="Sortland barneskole").wait_for()
    activate(page, page.get_by_role("link", name=f"Skriv enhetens tekst for {UNIT_ROUTINE}"))
    type_into(page, page.get_by_label("Enhetens egen tekst"), "Vi tar dette i SKUT hver måned.")
    choose_radio(page, page.get_by_label("Ferdig"))
    activate(page, page.get_by_role("button", name="Lagre"))
    page.get_by_text("Enhetens tekst er lagret.").wait_for()
    text = UnitRoutineText.objects.get(routine__title=UNIT_ROUTINE, unit__slug="sortland-barneskole")
    assert (text.body, text.status) == ("Vi tar dette i SKUT hver måned.", "done")
    activate(page, page.get_by_role("link", name="Endre milepæl 2"))
    choose_radio(page, page.get_by_label("Under arbeid"))
    type_into(page, page.get_by_label("Merknad"), "Godt i gang.")
    activate(page, page.get_by_role("button", name="Lagre"))
    page.get_by_text("Enhetens framdrift er lagret.").wait_for()
    progress = MilestoneProgress.objects.get(milestone__number=2, unit__slug="sortland-barneskole")
    assert (progress.status, progress.note) == ("under_way", "Godt i gang.")

    # The language, chosen with the arrow keys and the button next to the list.
    tab_to(page, page.get_by_label("Språk"))
    page.keyboard.press("ArrowDown")
    activate(page, page.get_by_role("button", name="Bytt språk"))
    page.get_by_role("button", name="Byt språk").wait_for()
    assert page.locator("html").get_attribute("lang") == "nn"
