"""The support system as a picture on the plan page: levels, arenas, escalation arrows, and the same in words."""

import re

import pytest
from django.urls import reverse

from meetings.support_system import support_system
from tests.support.factories import make_arena

pytestmark = pytest.mark.django_db


@pytest.fixture
def system_plan(plan):
    plan.level_names = "I enheten\nPå tvers av enheter\nKommunalt team"
    plan.save()
    team = make_arena(plan, name="Kommunalt konsultasjonsteam", bti_levels=[2])
    resource = make_arena(
        plan, name="Ressursteam", bti_levels=[1, 2], escalates_to=team, escalation_criterion="Etter seks uker"
    )
    make_arena(plan, name="Elevsamtaler", bti_levels=[0], escalates_to=resource)
    make_arena(plan, name="Foreldremøter")
    return plan


def words(html):
    """The text alternative beside the picture, as plain text."""
    block = re.search(r'<div id="support-system-words".*?</div>', html, re.DOTALL).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", block).split())


def test_the_plan_page_draws_the_support_system_and_says_it_in_words(client, system_plan, reader):
    client.force_login(reader)
    html = client.get(reverse("documents:plan_detail", args=[system_plan.pk])).text

    assert 'role="img"' in html and 'aria-describedby="support-system-words"' in html
    assert html.count("marker-end=") == 2  # one arrow per next step
    text = words(html)
    for level in ("I enheten: Elevsamtaler", "På tvers av enheter: Ressursteam", "Kommunalt team: Kommunalt"):
        assert level in text
    assert "Uten nivå: Foreldremøter" in text
    assert "Fra Elevsamtaler til Ressursteam" in text
    assert "Fra Ressursteam til Kommunalt konsultasjonsteam: Etter seks uker" in text


def test_every_arena_stands_once_and_every_step_is_an_arrow(system_plan):
    system = support_system(system_plan)
    names = [box.arena.name for band in system.bands for box in band.boxes]
    assert sorted(names) == sorted(system_plan.arenas.values_list("name", flat=True))
    assert [(step.source.arena.name, step.target.arena.name) for step in system.steps] == [
        ("Ressursteam", "Kommunalt konsultasjonsteam"),
        ("Elevsamtaler", "Ressursteam"),
    ]


def test_no_levels_and_no_next_steps_no_picture(client, plan, reader):
    make_arena(plan, name="Foreldremøter")
    client.force_login(reader)
    assert support_system(plan) is None
    assert "support-system" not in client.get(reverse("documents:plan_detail", args=[plan.pk])).text
