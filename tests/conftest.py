"""Small builders for test data. The demo plan is the one big dataset."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model

from routines.models import (
    Actor,
    Duty,
    FocusArea,
    Membership,
    Milestone,
    Municipality,
    Plan,
    Region,
    Routine,
    Section,
    Unit,
    UnitRoutineText,
)
from meetings.models import Arena, ProgressEntry, TargetGroup

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real password hashing takes a third of a second per user; the tests make hundreds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _n():
    return next(_counter)


def make_region(**fields):
    n = _n()
    fields.setdefault("slug", f"region-{n}")
    fields.setdefault("name", f"Region {n}")
    return Region.objects.create(**fields)


def make_municipality(**fields):
    n = _n()
    fields.setdefault("slug", f"kommune-{n}")
    fields.setdefault("name", f"Kommune {n}")
    if "region" not in fields:
        fields["region"] = make_region()
    return Municipality.objects.create(**fields)


def make_unit(municipality=None, **fields):
    n = _n()
    fields.setdefault("slug", f"enhet-{n}")
    fields.setdefault("name", f"Enhet {n}")
    fields.setdefault("kind", Unit.Kind.SCHOOL)
    return Unit.objects.create(municipality=municipality or make_municipality(), **fields)


def make_plan(municipality=None, **fields):
    fields.setdefault("title", "KIBS handlingsplan")
    fields.setdefault("school_year", 2023)
    return Plan.objects.create(municipality=municipality or make_municipality(), **fields)


def make_focus_area(plan=None, **fields):
    fields.setdefault("name", f"Fokusområde {_n()}")
    return FocusArea.objects.create(plan=plan or make_plan(), **fields)


def make_actor(plan=None, duties=(), **fields):
    plan = plan or make_plan()
    fields.setdefault("name", f"Aktør {_n()}")
    fields.setdefault("role", "Oppdragsgiver")
    fields.setdefault("position", plan.actors.count())
    actor = Actor.objects.create(plan=plan, **fields)
    for position, text in enumerate(duties):
        Duty.objects.create(actor=actor, position=position, text=text)
    return actor


def make_section(plan=None, **fields):
    fields.setdefault("title", f"Seksjon {_n()}")
    return Section.objects.create(plan=plan or make_plan(), **fields)


def make_milestone(plan=None, **fields):
    plan = plan or make_plan()
    fields.setdefault("number", plan.milestones.count() + 1)
    fields.setdefault("text", f"Milepæl {fields['number']}")
    return Milestone.objects.create(plan=plan, **fields)


def make_routine(plan=None, **fields):
    fields.setdefault("title", f"Rutine {_n()}")
    return Routine.objects.create(plan=plan or make_plan(), **fields)


def make_unit_text(routine, unit, **fields):
    return UnitRoutineText.objects.create(routine=routine, unit=unit, **fields)


def make_target_group(plan=None, **fields):
    fields.setdefault("name", f"Målgruppe {_n()}")
    return TargetGroup.objects.create(plan=plan or make_plan(), **fields)


def make_arena(plan=None, **fields):
    fields.setdefault("name", f"Møtearena {_n()}")
    return Arena.objects.create(plan=plan or make_plan(), **fields)


def make_entry(plan=None, **fields):
    fields.setdefault("starts_on", datetime.date(2023, 9, 4))
    fields.setdefault("content", f"Møte {_n()}")
    return ProgressEntry.objects.create(plan=plan or make_plan(), **fields)


def make_user(**fields):
    fields.setdefault("username", f"bruker-{_n()}")
    return get_user_model().objects.create_user(password="kibs-test-password", **fields)


def make_member(role, municipality=None, unit=None, region=None, user=None):
    """A user with one role: advisor/reader (municipality), unit_leader (unit), coordinator (region)."""
    user = user or make_user()
    if role == Membership.Role.UNIT_LEADER:
        municipality = unit.municipality
    Membership.objects.create(user=user, role=role, municipality=municipality, unit=unit, region=region)
    return user
