"""documents.access: the public page, the region's shared plans and the history, by the one rule."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation

from documents import access
from routines.models import Membership, Plan
from tests.support.factories import make_focus_area, make_member, make_municipality, make_plan, make_region, make_unit

pytestmark = pytest.mark.django_db

ADVISOR, READER, LEADER = Membership.Role.ADVISOR, Membership.Role.READER, Membership.Role.UNIT_LEADER


def test_the_public_page_shows_only_a_published_approved_plan():
    published = make_plan(status=Plan.Status.APPROVED, published=True, public_slug="sortland-2025")
    assert access.get_published_plan("sortland-2025") == published
    make_plan(status=Plan.Status.DRAFT, public_slug="utkast")
    make_plan(status=Plan.Status.APPROVED, published=False, public_slug="ikke-publisert")
    for slug in ("utkast", "ikke-publisert", "finnes-ikke"):
        with pytest.raises(Http404):
            access.get_published_plan(slug)


def test_the_region_reads_approved_plans_only():
    region = make_region()
    own, neighbour = make_municipality(region=region), make_municipality(region=region)
    advisor = make_member(ADVISOR, own)
    draft = make_plan(own)
    shared = make_plan(neighbour, status=Plan.Status.APPROVED)
    unshared = make_plan(neighbour)
    assert set(access.get_readable_plans(advisor)) == {draft, shared}
    assert list(access.get_region_shared_plans(advisor)) == [shared]
    assert access.get_readable_plan(advisor, shared.pk) == shared
    with pytest.raises(Http404):
        access.get_readable_plan(advisor, unshared.pk)


def test_the_history_is_for_the_municipalitys_writers():
    plan = make_plan()
    area = make_focus_area(plan)
    record = area.history.get()
    for user in (make_member(ADVISOR, plan.municipality), make_member(LEADER, unit=make_unit(plan.municipality))):
        assert access.get_plan_for_history(user, plan.pk) == plan
        assert access.get_plan_version(user, plan.pk, "focusarea", record.history_id)[2] == record
    with translation.override("en"), pytest.raises(PermissionDenied) as refused:
        access.get_plan_for_history(make_member(READER, plan.municipality), plan.pk)
    assert refused.value.plan == plan and "history" in str(refused.value)
    with pytest.raises(Http404):
        access.get_plan_for_history(make_member(ADVISOR, make_municipality()), plan.pk)
    with pytest.raises(Http404):
        access.get_plan_version(make_member(ADVISOR, plan.municipality), plan.pk, "focusarea", record.history_id + 99)
