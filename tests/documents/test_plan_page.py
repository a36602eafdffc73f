import pytest
from django.urls import reverse

from routines.models import FocusArea, Membership
from tests.support.factories import (
    make_actor,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR


def test_start_page_lists_only_the_users_plans(client):
    plan = make_plan(title="Sortlands plan")
    make_plan(title="Hemmelig plan i en annen kommune")
    client.force_login(make_member(ADVISOR, plan.municipality))
    response = client.get(reverse("documents:plan_list"))
    assert response.status_code == 200
    assert "Sortlands plan" in response.text
    assert "Hemmelig plan" not in response.text


def test_start_page_needs_login(client):
    response = client.get(reverse("documents:plan_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_coordinator_sees_every_plan_of_the_region(client):
    municipality = make_municipality()
    neighbour = make_municipality(region=municipality.region)
    make_plan(municipality, title="Plan A")
    make_plan(neighbour, title="Plan B")
    make_plan(title="Plan utenfor regionen")
    client.force_login(make_member(Membership.Role.COORDINATOR, region=municipality.region))
    text = client.get(reverse("documents:plan_list")).text
    assert "Plan A" in text and "Plan B" in text
    assert "utenfor regionen" not in text


def test_user_without_membership_sees_no_plans(client):
    make_plan(title="Plan X")
    client.force_login(make_user())
    assert "Plan X" not in client.get(reverse("documents:plan_list")).text


def test_plan_page_shows_the_plan(client):
    plan = make_plan(title="KIBS", intro="Planen er **viktig**.")
    FocusArea.objects.create(plan=plan, name="Tidlig innsats", goals="Mål én\nMål to")
    make_milestone(plan, text="Alle enheter vurderer eget ståsted")
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    response = client.get(reverse("documents:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    assert "<strong>viktig</strong>" in response.text
    assert "Mål to" in response.text
    assert "Alle enheter vurderer eget ståsted" in response.text
    # The whole plan to read is one step away.
    read_url = reverse("documents:plan_read", args=[plan.pk])
    assert f'<a class="btn btn-primary" href="{read_url}">Les hele planen</a>' in response.text


def test_plan_page_of_another_municipality_is_404(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(reverse("documents:plan_detail", args=[plan.pk])).status_code == 404


def test_unit_leader_reads_the_municipalitys_plans(client):
    plan = make_plan()
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality)))
    assert client.get(reverse("documents:plan_detail", args=[plan.pk])).status_code == 200


def test_plan_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    plan = make_plan()
    user = make_member(ADVISOR, plan.municipality)
    client.force_login(user)
    for n in range(30):
        make_plan(plan.municipality, title=f"Plan {n}")
        make_milestone(plan)
        make_actor(plan, duties=["a", "b"])
        FocusArea.objects.create(plan=plan, name=f"Fokus {n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("documents:plan_list"))
    with django_assert_max_num_queries(11):  # the first request renders the cached part
        client.get(reverse("documents:plan_detail", args=[plan.pk]))
