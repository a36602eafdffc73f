"""Routines for some kinds of unit: the transition to school is the kindergartens' routine, not the PPT office's."""

import pytest
from django.urls import reverse

from routines.models import Routine
from tests.support.factories import make_member, make_routine, make_unit
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(municipality):
    return {
        "kindergarten": make_unit(municipality, name="Lia barnehage", kind="kindergarten"),
        "school": make_unit(municipality, name="Fjordby skole", kind="school"),
        "ppt": make_unit(municipality, name="PPT Vesterålen", kind="ppt"),
    }


@pytest.fixture
def transition(plan):
    return make_routine(plan, title="Overgang barnehage–skole", scope=Routine.Scope.UNIT, unit_kinds=["kindergarten"])


def test_advisor_chooses_the_kinds_of_unit_a_routine_applies_to(client, plan, advisor):
    client.force_login(advisor)
    routine = make_routine(plan, title="Skolemiljø")
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data["unit_kinds"] = ["school", "sfo"]

    assert client.post(url, data).status_code == 302
    routine.refresh_from_db()
    assert routine.unit_kinds == ["school", "sfo"]
    page = client.get(reverse("routines:routine_list", args=[plan.pk])).text
    assert "Gjelder for: Skole, SFO" in page


def test_an_unknown_kind_is_refused_next_to_the_field(client, plan, advisor):
    client.force_login(advisor)
    routine = make_routine(plan, title="Skolemiljø")
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data.update(unit_kinds=["castle"], frequency="Hver uke")

    response = client.post(url, data)

    assert response.status_code == 400 and 'id="error_1_id_unit_kinds"' in response.text
    assert 'value="Hver uke"' in response.text
    routine.refresh_from_db()
    assert routine.unit_kinds == []


def test_a_reader_may_not_and_another_municipality_sees_nothing(client, plan, reader, outsider, transition):
    url = reverse("routines:routine_edit", args=[transition.pk])
    client.force_login(reader)
    assert client.post(url, {"title": "X", "scope": "common", "unit_kinds": ["school"]}).status_code == 403
    client.force_login(outsider)
    assert client.post(url, {"title": "X", "scope": "common", "unit_kinds": ["school"]}).status_code == 404
    transition.refresh_from_db()
    assert transition.unit_kinds == ["kindergarten"]


def test_only_the_units_of_its_kinds_see_and_write_the_routine(client, plan, units, transition):
    for kind, applies in (("kindergarten", True), ("ppt", False)):
        unit = units[kind]
        client.force_login(make_member("unit_leader", unit=unit))
        page = client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).text
        assert ("Overgang barnehage–skole" in page) is applies
        text_url = reverse("routines:routine_unit_text", args=[transition.pk, unit.pk])
        assert client.get(text_url).status_code == (200 if applies else 404)


def test_the_routine_page_and_the_overview_follow_the_kinds(client, plan, advisor, units, transition):
    client.force_login(advisor)
    detail = client.get(reverse("routines:routine_detail", args=[transition.pk])).text
    assert "Lia barnehage" in detail and "Fjordby skole" not in detail and "PPT Vesterålen" not in detail

    overview = client.get(reverse("documents:plan_overview", args=[plan.pk]))
    assert overview.context["outstanding"].routines == 1  # the kindergarten's text, not the school's or PPT's
    assert overview.text.count("Gjelder ikke") == 2
