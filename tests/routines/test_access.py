"""routines.access: the one rule (404 when none of the user's business, 403 when read-only) in the helpers
that the plan-creation and unit-edit views start with."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation

from routines import access
from routines.models import Membership, Plan, Routine
from tests.support.factories import make_member, make_milestone, make_municipality, make_plan, make_routine, make_unit

pytestmark = pytest.mark.django_db

ADVISOR, READER, LEADER = Membership.Role.ADVISOR, Membership.Role.READER, Membership.Role.UNIT_LEADER


@pytest.fixture
def home():
    municipality = make_municipality()
    plan = make_plan(municipality)
    unit, other_unit = make_unit(municipality), make_unit(municipality)
    return {
        "plan": plan,
        "unit": unit,
        "routine": make_routine(plan, scope=Routine.Scope.UNIT),
        "milestone": make_milestone(plan),
        "advisor": make_member(ADVISOR, municipality),
        "reader": make_member(READER, municipality),
        "leader": make_member(LEADER, unit=unit),
        "other_leader": make_member(LEADER, unit=other_unit),
        "outsider": make_member(ADVISOR, make_municipality()),
    }


def test_refuse_is_a_403_that_names_the_plan_and_why():
    plan = Plan(title="Plan")
    with pytest.raises(PermissionDenied) as refused:
        access.refuse(plan, "Frozen.")
    assert refused.value.plan is plan and str(refused.value) == "Frozen."


def test_only_advisors_start_a_plan(home):
    assert list(access.get_municipalities_for_new_plan(home["advisor"])) == [home["plan"].municipality]
    for user in (home["reader"], home["leader"]):
        with pytest.raises(PermissionDenied):
            access.get_municipalities_for_new_plan(user)


@pytest.mark.parametrize(
    "helper, target",
    [
        (lambda user, unit_pk, routine_pk: access.get_unit_text_for_editing(user, routine_pk, unit_pk), "routine"),
        (access.get_milestone_progress_for_editing, "milestone"),
    ],
)
def test_a_units_own_part(home, helper, target):
    unit, target_pk = home["unit"], home[target].pk
    for user in (home["leader"], home["advisor"]):
        found = helper(user, unit.pk, target_pk)
        assert found.unit == unit and found.pk is None  # not written yet
    with pytest.raises(PermissionDenied):
        helper(home["reader"], unit.pk, target_pk)
    for user in (home["outsider"], home["other_leader"]):
        with pytest.raises(Http404):
            helper(user, unit.pk, target_pk)
    foreign = make_routine(make_plan()) if target == "routine" else make_milestone(make_plan())
    with pytest.raises(Http404):
        helper(home["leader"], unit.pk, foreign.pk)


def test_only_the_units_leader_confirms_reading(home):
    unit, plan = home["unit"], home["plan"]
    assert access.get_unit_and_plan_for_confirming(home["leader"], unit.pk, plan.pk) == (unit, plan)
    for user in (home["advisor"], home["reader"]):
        with pytest.raises(PermissionDenied):
            access.get_unit_and_plan_for_confirming(user, unit.pk, plan.pk)
    for user in (home["outsider"], home["other_leader"]):
        with pytest.raises(Http404):
            access.get_unit_and_plan_for_confirming(user, unit.pk, plan.pk)
    with pytest.raises(Http404):
        access.get_unit_and_plan_for_confirming(home["leader"], unit.pk, make_plan().pk)


def test_an_approved_plan_refuses_changes_with_the_reason_and_the_plan(home):
    plan = home["plan"]
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    with translation.override("en"), pytest.raises(PermissionDenied) as refused:
        access.get_routine_for_editing(home["advisor"], home["routine"].pk)
    assert refused.value.plan == plan and "revision" in str(refused.value)
    # The unit's own part is not the municipality's common text: it stays open.
    assert access.get_unit_text_for_editing(home["leader"], home["routine"].pk, home["unit"].pk)


def test_an_archived_plan_refuses_the_units_texts_with_the_reason_and_the_plan(home):
    plan = home["plan"]
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ARCHIVED)
    with translation.override("en"), pytest.raises(PermissionDenied) as refused:
        access.get_unit_text_for_editing(home["leader"], home["routine"].pk, home["unit"].pk)
    assert refused.value.plan == plan and "archived" in str(refused.value)
