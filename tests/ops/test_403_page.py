"""One 403 page, never a dead end: it says why and leads back to the plan, or else to the start page."""

import pytest
from django.conf import settings
from django.urls import reverse

from routines.models import Membership, Plan
from tests.support.factories import make_focus_area, make_member, make_plan
from tests.support.units import unit_test_settings  # noqa: F401  (an autouse fixture: English pages)

pytestmark = pytest.mark.django_db


def _frozen_plan_edit():
    plan = make_plan(status=Plan.Status.APPROVED)
    url = reverse("routines:focus_area_edit", args=[make_focus_area(plan).pk])
    return plan, Membership.Role.ADVISOR, url, "start a new revision"


def _history_for_a_reader():
    plan = make_plan()
    return plan, Membership.Role.READER, reverse("documents:plan_history", args=[plan.pk]), "advisors and unit leaders"


@pytest.mark.parametrize("case", [_frozen_plan_edit, _history_for_a_reader])
def test_a_refusal_says_why_and_leads_back_to_the_plan(client, case):
    plan, role, url, reason = case()
    client.force_login(make_member(role, plan.municipality))
    response = client.get(url)
    assert response.status_code == 403
    assert reason in response.text
    assert f'href="{reverse("documents:plan_detail", args=[plan.pk])}"' in response.text


def test_without_a_plan_the_page_leads_to_the_start_page(client):
    client.force_login(make_member(Membership.Role.READER, make_plan().municipality))
    response = client.get(reverse("documents:plan_create"))
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert f'href="{reverse("documents:plan_list")}"' in response.text


def test_there_is_one_403_template():
    root = settings.BASE_DIR
    found = [*root.glob("templates/403.html"), *root.glob("*/templates/403.html")]
    assert [path.relative_to(root).as_posix() for path in found] == ["templates/403.html"]
