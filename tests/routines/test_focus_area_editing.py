"""Focus areas with their goals."""

import pytest
from django.urls import reverse

from routines.models import FocusArea, Membership
from tests.support.factories import make_focus_area, make_member
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(client, plan):
    user = make_member(Membership.Role.ADVISOR, plan.municipality)
    client.force_login(user)
    return user


def test_add_a_focus_area_with_goals(client, plan, advisor):
    url = reverse("routines:focus_area_create", args=[plan.pk])
    data = form_data(client.get(url), "name")
    data.update({"name": "Tidlig innsats", "goals": "Mål én\nMål to"})
    assert client.post(url, data).status_code == 302
    area = FocusArea.objects.get()
    assert (area.plan, area.goal_list) == (plan, ["Mål én", "Mål to"])
    page = client.get(reverse("routines:focus_area_list", args=[plan.pk])).text
    assert "<li>Mål to</li>" in page


def test_edit_and_reorder(client, plan, advisor):
    first, _second = make_focus_area(plan, name="Lek"), make_focus_area(plan, name="Livsmestring")
    url = reverse("routines:focus_area_edit", args=[first.pk])
    data = form_data(client.get(url), "name")
    data["name"] = "Lek og læringsmiljø"
    assert client.post(url, data).status_code == 302
    client.post(reverse("routines:focus_area_move", args=[first.pk]), {"direction": "down"})
    assert list(plan.focus_areas.values_list("name", flat=True)) == ["Livsmestring", "Lek og læringsmiljø"]


def test_an_empty_name_is_refused_at_the_field(client, plan, advisor):
    url = reverse("routines:focus_area_create", args=[plan.pk])
    response = client.post(url, {"name": "", "goals": "Skrevne mål"})
    assert response.status_code == 400
    assert 'id="error_1_id_name"' in response.text and "Skrevne mål" in response.text
    assert not FocusArea.objects.exists()


def test_two_saves_from_the_same_version_the_second_is_refused(client, plan, advisor):
    area = make_focus_area(plan, name="Start")
    url = reverse("routines:focus_area_edit", args=[area.pk])
    page = client.get(url)
    first, second = form_data(page, "name"), form_data(page, "name")
    first["name"], second["name"] = "Første", "Andre"
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409 and "Første" in response.text and "Andre" in response.text
    assert FocusArea.objects.get().name == "Første"


def test_delete_a_focus_area(client, plan, advisor):
    area = make_focus_area(plan)
    assert client.post(reverse("routines:focus_area_delete", args=[area.pk])).status_code == 302
    assert not FocusArea.objects.exists()


def test_stored_script_is_shown_inert(client, plan, advisor):
    make_focus_area(plan, name="<script>alert(1)</script>", goals='<img src=x onerror="alert(1)">')
    page = client.get(reverse("routines:focus_area_list", args=[plan.pk])).text
    assert "<script>alert" not in page and "<img" not in page
