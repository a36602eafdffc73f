"""Shared data for the tests of the unit page, its edits, PDF and the advisor's overview."""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Arena
from routines.models import Membership, Municipality, Plan, Routine, Unit
from routines.school_year import current_school_year
from tests.support.factories import (
    make_actor,
    make_arena,
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_target_group,
    make_unit,
)

ADVISOR = Membership.Role.ADVISOR
LEADER = Membership.Role.UNIT_LEADER
READER = Membership.Role.READER


@pytest.fixture(autouse=True)
def unit_test_settings(settings):
    """English pages, so the assertions hold whatever the compiled catalogues say."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def make_unit_plan(**plan_fields):
    """A plan of the running school year, with a school, kindergartens and what concerns each."""
    municipality = make_municipality()
    plan_fields.setdefault("school_year", current_school_year())
    plan = make_plan(municipality, **plan_fields)
    school = make_unit(municipality, name="Nordbyen skole", kind=Unit.Kind.SCHOOL)
    kindergarten = make_unit(municipality, name="Solsiden barnehage", kind=Unit.Kind.KINDERGARTEN)
    private_kindergarten = make_unit(
        municipality, name="Furulia barnehage", kind=Unit.Kind.KINDERGARTEN, owner=Unit.Owner.PRIVATE
    )
    skut = make_arena(plan, name="Skolenes utviklingsgruppe", scope=Arena.Scope.EVERY_UNIT, unit_kind="school")
    local_group = make_arena(
        plan, name="Barnehagens lokale utviklingsgruppe", scope=Arena.Scope.EVERY_UNIT, unit_kind="kindergarten"
    )
    make_arena(plan, name="Aksjoner på enhetene", scope=Arena.Scope.EVERY_UNIT)
    make_arena(plan, name="Skoleeiers utviklingsgruppe", unit_kinds=["school"])
    make_arena(plan, name="Referansegruppe KIBS")
    leaders = make_target_group(plan, name="Styrere", unit_kinds=["kindergarten"])
    make_entry(plan, starts_on=days(20), content="SKUT-samling", arena=skut)
    make_entry(plan, starts_on=days(5), content="Lokal utviklingsgruppe møtes", arena=local_group)
    municipal_only = make_entry(plan, starts_on=days(8), content="Styrermøte kommunale", unit_owner="municipal")
    municipal_only.target_groups.set([leaders])
    make_entry(plan, starts_on=days(12), content="Felles styrermøte")
    make_entry(
        plan, starts_on=days(-3), ends_on=days(3), content="Pedagogisk analyse ved hver enhet", at_every_unit=True
    )
    make_entry(plan, starts_on=days(-10), content="Oppstartsmøte")
    make_actor(
        plan, name="Ledelsen i barnehage og skole", applies_to_units=True, duties=["Leder arbeidet ved egen enhet"]
    )
    make_actor(plan, name="Kommunedirektør", duties=["Sørger for ressurser"])
    milestone = make_milestone(plan, text="Alle enheter vurderer eget ståsted")
    make_milestone(plan, text="Alle ansatte kjenner BTI")
    common = make_routine(plan, title="Undring og bekymring", body="Felles **tekst**", allows_local_supplement=True)
    closed = make_routine(plan, title="Pedagogisk analyse", body="Slik gjør vi det")
    own = make_routine(plan, title="Trygt skolemiljø på egen enhet", scope=Routine.Scope.UNIT)
    return SimpleNamespace(
        plan=plan,
        municipality=municipality,
        school=school,
        kindergarten=kindergarten,
        private_kindergarten=private_kindergarten,
        milestone=milestone,
        common=common,
        closed=closed,
        own=own,
    )


def leader_of(unit):
    return make_member(LEADER, unit=unit)


def load_demo():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    municipality = Municipality.objects.get(slug="sortland")
    return SimpleNamespace(
        municipality=municipality,
        plan=Plan.objects.get(municipality=municipality, school_year=2023),
        school=municipality.units.get(slug="sortland-barneskole"),
        rektor=get_user_model().objects.get(username="rektor"),
        radgiver=get_user_model().objects.get(username="radgiver"),
    )


def unit_page_url(plan, unit):
    return reverse("documents:unit_page", args=[plan.pk, unit.pk])
