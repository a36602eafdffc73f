"""The read pages' access check, compiled once per process (routines/plan_rights.py), answers as the access rule.

Whether a person may read a plan is Plan.objects.visible_to; whether they edit
it is can_edit_plan. The compiled query is built from those, so the two never
part: here every persona, an inactive person and a superuser are asked both ways.
"""

import pytest
from django.http import Http404

from routines.access import can_edit_plan, get_plan_rights
from routines.models import Plan
from routines.plan_rights import plan_rights
from tests.support.factories import make_plan, make_user

pytestmark = pytest.mark.django_db
PERSONAS = ["advisor", "approver", "reader", "unit_leader", "employee", "coordinator", "outsider"]


def expected(user, plan):
    visible = Plan.objects.visible_to(user).filter(pk=plan.pk).exists()
    return visible, visible and can_edit_plan(user, plan)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_compiled_check_answers_as_the_access_rule(request, persona, plan):
    user = request.getfixturevalue(persona)
    found = plan_rights(user, plan.pk)
    assert (found is not None, bool(found and found[-1])) == expected(user, plan)
    other = make_plan()
    assert plan_rights(user, other.pk) is None


def test_a_superuser_and_an_inactive_person_take_the_rules_own_query(plan, advisor):
    superuser = make_user(is_superuser=True)
    assert plan_rights(superuser, plan.pk)[-1] is True
    advisor.is_active = False
    assert plan_rights(advisor, plan.pk) is None


def test_a_plan_the_person_may_not_read_is_404_and_one_they_may_comes_with_their_rights(plan, advisor, reader):
    with pytest.raises(Http404):
        get_plan_rights(reader, make_plan().pk)
    seen = get_plan_rights(advisor, plan.pk)
    assert (seen.pk, seen.municipality_id, seen.status, seen.user_can_edit) == (
        plan.pk,
        plan.municipality_id,
        plan.status,
        True,
    )
    assert get_plan_rights(reader, plan.pk).user_can_edit is False
