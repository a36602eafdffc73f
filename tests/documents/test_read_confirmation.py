"""A unit leader confirms having read the approved plan; a new approved version asks again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from documents.services import approve_plan, publish_plan, start_revision
from routines.models import Plan, ReadConfirmation
from tests.support.factories import make_member, make_municipality, make_plan, make_unit
from tests.support.units import (
    ADVISOR,
    READER,
    leader_of,
    make_unit_plan,
    unit_page_url,
    unit_test_settings,  # noqa: F401  (an autouse fixture)
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return make_unit_plan(status=Plan.Status.APPROVED)


def confirm_url(plan, unit):
    return reverse("documents:read_confirm", args=[plan.pk, unit.pk])


def test_a_unit_leader_confirms_having_read_the_approved_plan(client, setup):
    user = leader_of(setup.school)
    client.force_login(user)
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert "Not confirmed" in page and "I have read the plan" in page
    response = client.post(confirm_url(setup.plan, setup.school))
    assert response.status_code == 302 and response.url.endswith("#read-confirmation")
    confirmation = ReadConfirmation.objects.get()
    assert (confirmation.plan, confirmation.unit, confirmation.user) == (setup.plan, setup.school, user)
    assert confirmation.approved_at == setup.plan.approved_at
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert "Confirmed" in page and "I have read the plan" not in page


def test_confirming_twice_keeps_one_confirmation(client, setup):
    client.force_login(leader_of(setup.school))
    client.post(confirm_url(setup.plan, setup.school))
    client.post(confirm_url(setup.plan, setup.school))
    assert ReadConfirmation.objects.count() == 1


def test_a_new_approved_version_asks_again(client, setup):
    advisor = make_member(ADVISOR, setup.municipality)
    client.force_login(leader_of(setup.school))
    client.post(confirm_url(setup.plan, setup.school))
    revision = start_revision(setup.plan, advisor)
    Plan.objects.filter(pk=revision.pk).update(intro="Ny innledning")
    # The one change (the introduction) must be read again: the earlier confirmation no longer counts.
    revision = approve_plan(revision, advisor, rereading=frozenset({0}))
    page = client.get(unit_page_url(revision, setup.school)).text
    assert "Not confirmed" in page and "I have read the plan" in page
    client.post(confirm_url(revision, setup.school))
    assert sorted(ReadConfirmation.objects.values_list("plan", flat=True)) == [setup.plan.pk, revision.pk]


def test_a_confirmation_counts_for_the_approval_it_confirmed(client, setup):
    client.force_login(leader_of(setup.school))
    client.post(confirm_url(setup.plan, setup.school))
    Plan.objects.filter(pk=setup.plan.pk).update(approved_at=timezone.now())  # approved anew
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert "Not confirmed" in page


def test_publishing_the_plan_keeps_the_confirmations(client, setup):
    advisor = make_member(ADVISOR, setup.municipality)
    client.force_login(leader_of(setup.school))
    client.post(confirm_url(setup.plan, setup.school))
    publish_plan(setup.plan, advisor)
    assert "Not confirmed" not in client.get(unit_page_url(setup.plan, setup.school)).text


def test_a_draft_is_not_confirmed(client):
    setup = make_unit_plan()
    client.force_login(leader_of(setup.school))
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert "The plan is not approved yet" in page and "I have read the plan" not in page
    response = client.post(confirm_url(setup.plan, setup.school), follow=True)
    assert "Only an approved plan is confirmed as read." in response.text
    assert not ReadConfirmation.objects.exists()


def test_only_post_confirms(client, setup):
    client.force_login(leader_of(setup.school))
    assert client.get(confirm_url(setup.plan, setup.school)).status_code == 405
    assert not ReadConfirmation.objects.exists()


def test_advisors_and_readers_get_403(client, setup):
    for role in (ADVISOR, READER):
        client.force_login(make_member(role, setup.municipality))
        assert client.post(confirm_url(setup.plan, setup.school)).status_code == 403
    assert not ReadConfirmation.objects.exists()


def test_the_leader_of_another_unit_gets_404(client, setup):
    client.force_login(leader_of(setup.kindergarten))
    assert client.post(confirm_url(setup.plan, setup.school)).status_code == 404


def test_another_municipality_is_404(client, setup):
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(confirm_url(setup.plan, setup.school)).status_code == 404


def test_a_plan_of_another_municipality_is_404_with_ones_own_unit(client, setup):
    client.force_login(leader_of(setup.school))
    other = make_plan(status=Plan.Status.APPROVED)
    assert client.post(confirm_url(other, setup.school)).status_code == 404


def test_confirming_needs_login(client, setup):
    response = client.post(confirm_url(setup.plan, setup.school))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_confirmation_belongs_to_the_plans_municipality(setup):
    with pytest.raises(ValidationError):
        ReadConfirmation.objects.create(plan=setup.plan, unit=make_unit())
