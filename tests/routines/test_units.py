"""The units of a municipality: kindergartens, schools, SFO, PPT."""

import pytest
from django.urls import reverse

from routines.models import Membership, Routine, Unit
from tests.support.factories import make_member, make_municipality, make_plan, make_routine, make_unit, make_unit_text
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(client, municipality):
    user = make_member(Membership.Role.ADVISOR, municipality)
    client.force_login(user)
    return user


def test_list_the_municipalitys_units_only(client, municipality, advisor):
    make_unit(municipality, name="Sortland barneskole")
    make_unit(make_municipality(), name="Stokmarknes skole")
    page = client.get(reverse("routines:unit_list", args=[municipality.pk])).text
    assert "Sortland barneskole" in page and "Stokmarknes skole" not in page


def test_add_a_unit_with_its_short_name_made_from_the_name(client, municipality, advisor):
    url = reverse("routines:unit_create", args=[municipality.pk])
    data = form_data(client.get(url), "name")
    data.update({"name": "Sigerfjord skole", "kind": "school", "owner": "municipal"})
    assert client.post(url, data).status_code == 302
    unit = Unit.objects.get()
    assert (unit.municipality, unit.slug, unit.kind) == (municipality, "sigerfjord-skole", "school")


def test_a_short_name_taken_in_the_municipality_is_a_field_error(client, municipality, advisor):
    make_unit(municipality, slug="sigerfjord-skole")
    make_unit(make_municipality(), slug="lia-barnehage")  # another municipality's slug is free
    url = reverse("routines:unit_create", args=[municipality.pk])
    response = client.post(url, {"name": "Sigerfjord skole", "kind": "school", "owner": "municipal"})
    assert response.status_code == 400
    assert 'id="error_1_id_slug"' in response.text and 'value="Sigerfjord skole"' in response.text
    assert Unit.objects.filter(municipality=municipality).count() == 1
    response = client.post(url, {"name": "Lia barnehage", "kind": "kindergarten", "owner": "private"})
    assert response.status_code == 302


def test_an_unknown_kind_is_refused_at_the_field(client, municipality, advisor):
    data = {"name": "Slott", "kind": "castle", "owner": "municipal"}
    response = client.post(reverse("routines:unit_create", args=[municipality.pk]), data)
    assert response.status_code == 400 and 'id="error_1_id_kind"' in response.text
    assert not Unit.objects.exists()


def test_edit_a_unit(client, municipality, advisor):
    unit = make_unit(municipality, name="Gammelt navn")
    url = reverse("routines:unit_edit", args=[unit.pk])
    data = form_data(client.get(url), "name")
    data["name"] = "Nytt navn"
    assert client.post(url, data).status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Nytt navn"


def test_two_saves_from_the_same_version_the_second_is_refused(client, municipality, advisor):
    unit = make_unit(municipality, name="Start")
    url = reverse("routines:unit_edit", args=[unit.pk])
    page = client.get(url)
    first, second = form_data(page, "name"), form_data(page, "name")
    first["name"], second["name"] = "Første navn", "Andre navn"
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409 and "Første navn" in response.text and "Andre navn" in response.text
    assert Unit.objects.get().name == "Første navn"


def test_delete_a_unit_without_texts(client, municipality, advisor):
    unit = make_unit(municipality)
    url = reverse("routines:unit_delete", args=[unit.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Unit.objects.exists()


def test_a_unit_with_written_texts_cannot_be_deleted(client, municipality, advisor):
    unit = make_unit(municipality)
    routine = make_routine(make_plan(municipality), scope=Routine.Scope.UNIT, title="Overgangsrutine")
    make_unit_text(routine, unit, body="Skrevet av rektor")
    url = reverse("routines:unit_delete", args=[unit.pk])
    page = client.get(url)
    assert "Overgangsrutine" in page.text
    assert "Yes, delete" not in page.text and "Ja, slett" not in page.text
    assert client.post(url).status_code == 409
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_a_unit_leader_cannot_change_units(client, municipality):
    unit = make_unit(municipality, name="Egen skole")
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=unit))
    assert client.get(reverse("routines:unit_list", args=[municipality.pk])).status_code == 200
    assert client.post(reverse("routines:unit_edit", args=[unit.pk]), {"name": "X"}).status_code == 403
    assert client.post(reverse("routines:unit_delete", args=[unit.pk])).status_code == 403
    assert Unit.objects.get().name == "Egen skole"


def test_stored_script_is_shown_inert(client, municipality, advisor):
    make_unit(municipality, name="<script>alert(1)</script>")
    page = client.get(reverse("routines:unit_list", args=[municipality.pk])).text
    assert "<script>alert" not in page
