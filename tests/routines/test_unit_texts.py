"""A unit's own text for a unit-specific routine: written by its leader or an advisor."""

import pytest
from django.urls import reverse

from routines.models import Membership, Routine, UnitRoutineText
from tests.support.factories import make_member, make_municipality, make_routine, make_unit, make_unit_text
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(plan):
    return make_unit(plan.municipality, name="Sortland barneskole")


@pytest.fixture
def routine(plan):
    return make_routine(plan, scope=Routine.Scope.UNIT, body="Hver enhet beskriver *sin* praksis.")


def text_url(routine, unit):
    return reverse("routines:routine_unit_text", args=[routine.pk, unit.pk])


def leader_of(unit):
    return make_member(Membership.Role.UNIT_LEADER, unit=unit)


def test_a_unit_leader_writes_their_units_first_text(client, routine, unit):
    client.force_login(leader_of(unit))
    page = client.get(text_url(routine, unit))
    assert page.status_code == 200
    assert "<em>sin</em>" in page.text  # the routine itself is shown while writing
    data = form_data(page, "body")
    data.update({"body": "Hos oss gjør vi **slik**.", "status": "draft"})
    response = client.post(text_url(routine, unit), data)
    assert response.status_code == 302
    assert response.url == reverse("routines:routine_detail", args=[routine.pk])
    text = UnitRoutineText.objects.get()
    assert (text.routine, text.unit, text.body, text.status) == (routine, unit, "Hos oss gjør vi **slik**.", "draft")
    detail = client.get(response.url).text
    assert "<strong>slik</strong>" in detail


def test_the_routine_page_offers_the_leader_only_their_own_unit(client, routine, unit, plan):
    other_unit = make_unit(plan.municipality, name="Lamarka skole")
    client.force_login(leader_of(unit))
    page = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert text_url(routine, unit) in page
    assert text_url(routine, other_unit) not in page
    assert "Lamarka skole" in page  # every unit's status is visible to all readers


def test_a_unit_leader_cannot_write_another_units_text(client, routine, unit, plan):
    other_unit = make_unit(plan.municipality)
    make_unit_text(routine, other_unit, body="Den andre skolens tekst")
    client.force_login(leader_of(unit))
    response = client.post(text_url(routine, other_unit), {"body": "Overskrevet", "status": "done"})
    # Another unit's edit URLs are none of a unit leader's business (routines.access._refuse).
    assert response.status_code == 404
    assert UnitRoutineText.objects.get().body == "Den andre skolens tekst"


def test_an_advisor_edits_any_units_text(client, routine, unit, plan):
    make_unit_text(routine, unit, body="Utkast")
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    data = form_data(client.get(text_url(routine, unit)), "body")
    data.update({"body": "Ferdig tekst", "status": "done"})
    assert client.post(text_url(routine, unit), data).status_code == 302
    text = UnitRoutineText.objects.get()
    assert (text.body, text.status) == ("Ferdig tekst", "done")


def test_a_reader_cannot_write(client, routine, unit, plan):
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert client.post(text_url(routine, unit), {"body": "X", "status": "done"}).status_code == 403
    assert not UnitRoutineText.objects.exists()


def test_a_common_routine_has_no_unit_texts(client, plan, unit):
    common = make_routine(plan, scope=Routine.Scope.COMMON)
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    assert client.get(text_url(common, unit)).status_code == 404


def test_a_unit_of_another_municipality_is_not_found(client, routine, unit):
    foreign_unit = make_unit(make_municipality())
    client.force_login(make_member(Membership.Role.ADVISOR, routine.plan.municipality))
    assert client.get(text_url(routine, foreign_unit)).status_code == 404
    client.force_login(leader_of(foreign_unit))
    assert client.post(text_url(routine, foreign_unit), {"body": "X", "status": "done"}).status_code == 404
    assert not UnitRoutineText.objects.exists()


def test_an_unknown_status_is_refused_at_the_field(client, routine, unit):
    client.force_login(leader_of(unit))
    response = client.post(text_url(routine, unit), {"body": "Min tekst", "status": "lost"})
    assert response.status_code == 400
    assert 'id="id_status_error"' in response.text and "Min tekst" in response.text
    assert not UnitRoutineText.objects.exists()


def test_two_saves_from_the_same_version_the_second_is_refused(client, routine, unit, plan):
    make_unit_text(routine, unit, body="Start")
    client.force_login(leader_of(unit))
    page = client.get(text_url(routine, unit))
    first, second = form_data(page, "body"), form_data(page, "body")
    first["body"], second["body"] = "Rektors tekst", "Rådgivers tekst"
    assert client.post(text_url(routine, unit), first).status_code == 302
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    response = client.post(text_url(routine, unit), second)
    assert response.status_code == 409
    assert "Rektors tekst" in response.text and "Rådgivers tekst" in response.text
    assert UnitRoutineText.objects.get().body == "Rektors tekst"


def test_two_first_texts_from_blank_pages_the_second_is_refused(client, routine, unit, plan):
    client.force_login(leader_of(unit))
    page = client.get(text_url(routine, unit))
    first, second = form_data(page, "body"), form_data(page, "body")
    first.update({"body": "Først inne", "status": "draft"})
    second.update({"body": "Kom for sent", "status": "draft"})
    assert client.post(text_url(routine, unit), first).status_code == 302
    response = client.post(text_url(routine, unit), second)
    assert response.status_code == 409
    assert UnitRoutineText.objects.get().body == "Først inne"


def test_stored_script_is_rendered_inert(client, routine, unit):
    make_unit_text(routine, unit, body='<script>alert(1)</script><img src=x onerror="alert(1)">')
    client.force_login(leader_of(unit))
    page = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert "<script>alert" not in page and "<img" not in page
