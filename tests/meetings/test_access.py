"""meetings.access: calendar feeds by token, gatherings and pre-work notes, by the one rule."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from meetings import access
from meetings.models import FeedToken, Gathering, GroupWork, GroupWorkStep
from routines.models import Membership
from tests.support.factories import make_arena, make_member, make_municipality, make_plan, make_region, make_unit

pytestmark = pytest.mark.django_db

ADVISOR, READER, COORDINATOR = Membership.Role.ADVISOR, Membership.Role.READER, Membership.Role.COORDINATOR


def test_a_feed_shows_only_its_own_plans_units_and_arenas():
    plan = make_plan()
    token = FeedToken.regenerate(plan, None).token
    unit, arena = make_unit(plan.municipality), make_arena(plan)
    assert access.get_feed_plan(token) == plan
    assert access.get_feed_unit(token, unit.pk) == (plan, unit)
    assert access.get_feed_arena(token, arena.pk) == (plan, arena)
    other = make_plan()
    for lookup in (
        lambda: access.get_feed_plan("not-a-token"),
        lambda: access.get_feed_unit(token, make_unit(other.municipality).pk),
        lambda: access.get_feed_arena(token, make_arena(other).pk),
    ):
        with pytest.raises(Http404):
            lookup()


def test_regenerating_the_feed_token(client):
    plan = make_plan()
    url = reverse("meetings:regenerate_feed_token", args=[plan.pk])
    client.force_login(make_member(ADVISOR, plan.municipality))
    assert client.post(url).status_code == 302
    client.force_login(make_member(READER, plan.municipality))
    assert client.post(url).status_code == 403
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(url).status_code == 404


@pytest.fixture
def region():
    region = make_region()
    gathering = Gathering.objects.create(region=region, title="Samling", date=datetime.date(2025, 3, 21))
    municipality = make_municipality(region=region)
    return {
        "region": region,
        "gathering": gathering,
        "municipality": municipality,
        "coordinator": make_member(COORDINATOR, region=region),
        "advisor": make_member(ADVISOR, municipality),
        "reader": make_member(READER, municipality),
        "outsider": make_member(ADVISOR, make_municipality(region=make_region())),
    }


def test_a_prework_note(region):
    gathering, municipality = region["gathering"], region["municipality"]
    note = access.get_prework_note_for_editing(region["advisor"], gathering.pk, municipality.pk)
    assert (note.gathering, note.municipality, note.pk) == (gathering, municipality, None)
    with pytest.raises(PermissionDenied):
        access.get_prework_note_for_editing(region["reader"], gathering.pk, municipality.pk)
    with pytest.raises(Http404):
        access.get_prework_note_for_editing(region["outsider"], gathering.pk, municipality.pk)
    # Another municipality of the same region is not the advisor's to write for, nor to see.
    neighbour = make_municipality(region=region["region"])
    with pytest.raises(Http404):
        access.get_prework_note_for_editing(region["advisor"], gathering.pk, neighbour.pk)


def test_planning_a_region_and_the_parts_of_its_gatherings(region):
    group_work = GroupWork.objects.create(gathering=region["gathering"], title="Gruppearbeid")
    step = GroupWorkStep.objects.create(group_work=group_work, text="Steg")
    assert access.get_region_for_planning(region["coordinator"], region["region"].pk) == region["region"]
    assert access.get_part_for_planning(region["coordinator"], GroupWorkStep, step.pk) == step
    assert access.get_parent_for_planning(region["coordinator"], GroupWork, group_work.pk) == (
        group_work,
        region["gathering"],
    )
    with pytest.raises(PermissionDenied):
        access.get_region_for_planning(region["advisor"], region["region"].pk)
    with pytest.raises(PermissionDenied):
        access.get_part_for_planning(region["advisor"], GroupWorkStep, step.pk)
    with pytest.raises(Http404):
        access.get_region_for_planning(region["outsider"], region["region"].pk)
    with pytest.raises(Http404):
        access.get_part_for_planning(region["outsider"], GroupWorkStep, step.pk)
