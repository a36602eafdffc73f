"""Milestones: numbered within the plan's school year."""

import pytest
from django.urls import reverse

from routines.models import Membership, Milestone
from tests.support.factories import make_member, make_milestone, make_plan, make_routine
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(client, plan):
    user = make_member(Membership.Role.ADVISOR, plan.municipality)
    client.force_login(user)
    return user


def test_add_a_milestone_with_the_next_number_suggested(client, plan, advisor):
    make_milestone(plan, number=1)
    make_milestone(plan, number=4)
    url = reverse("routines:milestone_create", args=[plan.pk])
    data = form_data(client.get(url), "number")
    assert data["number"] == "5"
    data["text"] = "Alle enheter har gjennomført pedagogisk analyse"
    assert client.post(url, data).status_code == 302
    assert plan.milestones.get(number=5).text == "Alle enheter har gjennomført pedagogisk analyse"


def test_a_number_taken_in_the_plan_is_a_field_error_not_a_crash(client, plan, advisor):
    make_milestone(plan, number=2)
    response = client.post(reverse("routines:milestone_create", args=[plan.pk]), {"number": 2, "text": "Min tekst"})
    assert response.status_code == 400
    assert 'id="error_1_id_number"' in response.text and "Min tekst" in response.text
    assert plan.milestones.count() == 1


def test_renumber_to_a_taken_number_is_refused(client, plan, advisor):
    make_milestone(plan, number=1)
    milestone = make_milestone(plan, number=2)
    url = reverse("routines:milestone_edit", args=[milestone.pk])
    data = form_data(client.get(url), "number")
    data["number"] = "1"
    assert client.post(url, data).status_code == 400
    data["number"] = "3"
    assert client.post(url, data).status_code == 302
    assert sorted(plan.milestones.values_list("number", flat=True)) == [1, 3]


def test_another_plan_may_use_the_same_number(client, plan, advisor):
    make_milestone(make_plan(plan.municipality), number=1)
    response = client.post(reverse("routines:milestone_create", args=[plan.pk]), {"number": 1, "text": "X"})
    assert response.status_code == 302


def test_zero_is_refused(client, plan, advisor):
    response = client.post(reverse("routines:milestone_create", args=[plan.pk]), {"number": 0, "text": "X"})
    assert response.status_code == 400 and not Milestone.objects.exists()


def test_two_saves_from_the_same_version_the_second_is_refused(client, plan, advisor):
    milestone = make_milestone(plan, text="Start")
    url = reverse("routines:milestone_edit", args=[milestone.pk])
    page = client.get(url)
    first, second = form_data(page, "text"), form_data(page, "text")
    first["text"], second["text"] = "Første", "Andre"
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409 and "Første" in response.text and "Andre" in response.text
    assert Milestone.objects.get().text == "Første"


def test_deleting_a_milestone_keeps_the_routines_that_named_it(client, plan, advisor):
    milestone = make_milestone(plan)
    routine = make_routine(plan)
    routine.milestones.add(milestone)
    assert client.post(reverse("routines:milestone_delete", args=[milestone.pk])).status_code == 302
    assert not Milestone.objects.exists()
    assert routine.milestones.count() == 0
