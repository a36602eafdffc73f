"""Routines: scope, responsible actor, milestones, BTI levels and their legal basis."""

import pytest
from django.urls import reverse

from routines.models import LegalReference, Membership, Routine, UnitRoutineText
from tests.support.factories import (
    make_actor,
    make_legal_reference,
    make_member,
    make_milestone,
    make_plan,
    make_routine,
    make_unit,
    make_unit_text,
)
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(client, plan):
    user = make_member(Membership.Role.ADVISOR, plan.municipality)
    client.force_login(user)
    return user


def test_add_a_unit_specific_routine_with_everything(client, plan, advisor):
    actor = make_actor(plan, name="Ledelsen i barnehage og skole")
    make_milestone(plan, number=1)
    second, third = make_milestone(plan, number=2), make_milestone(plan, number=3)
    url = reverse("routines:routine_create", args=[plan.pk])
    data = form_data(client.get(url), "title")
    data.update(
        {
            "title": "Rutine for overgang barnehage–skole",
            "scope": "unit",
            "responsible": str(actor.pk),
            "frequency": "Hver vår",
            "body": "Enheten beskriver **egen** praksis.",
            "milestones": [str(second.pk), str(third.pk)],
            "bti_levels": ["0", "2"],
            "references-0-citation": "Barnehageloven § 2",
            "references-0-url": "https://lovdata.no/lov/2005-06-17-64/§2",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    routine = Routine.objects.get()
    assert (routine.scope, routine.responsible, routine.frequency) == ("unit", actor, "Hver vår")
    assert sorted(m.number for m in routine.milestones.all()) == [2, 3]
    assert routine.bti_levels == [0, 2]
    assert [r.citation for r in routine.legal_references.all()] == ["Barnehageloven § 2"]
    detail = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert "<strong>egen</strong>" in detail and "Barnehageloven § 2" in detail


def test_the_form_offers_only_the_plans_actors_and_milestones(client, plan, advisor):
    make_actor(plan, name="Vår aktør")
    make_milestone(plan, text="Vår milepæl")
    other = make_plan(plan.municipality)
    make_actor(other, name="Annen plans aktør")
    make_milestone(other, text="Annen plans milepæl")
    page = client.get(reverse("routines:routine_create", args=[plan.pk])).text
    assert "Vår aktør" in page and "Vår milepæl" in page
    assert "Annen plans" not in page


def test_another_plans_actor_or_milestone_is_refused_at_the_field(client, plan, advisor):
    make_milestone(plan)
    other = make_plan(plan.municipality)
    data = {
        "title": "Rutine",
        "scope": "common",
        "responsible": make_actor(other).pk,
        "milestones": [make_milestone(other).pk],
        "references-TOTAL_FORMS": 0,
        "references-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("routines:routine_create", args=[plan.pk]), data)
    assert response.status_code == 400
    assert 'id="error_1_id_responsible"' in response.text
    assert 'id="error_1_id_milestones"' in response.text
    assert not Routine.objects.exists()


def test_an_unknown_bti_level_is_refused(client, plan, advisor):
    url = reverse("routines:routine_create", args=[plan.pk])
    data = form_data(client.get(url), "title")
    data.update({"title": "Rutine", "scope": "common", "bti_levels": ["4"]})
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'id="error_1_id_bti_levels"' in response.text
    assert not Routine.objects.exists()


def test_edit_the_routine_and_its_legal_basis_together(client, plan, advisor):
    routine = make_routine(plan, title="Undring og bekymring")
    make_legal_reference(routine, citation="Opplæringsloven kap. 9A")
    make_legal_reference(routine, citation="Skal bort")
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data.update(
        {
            "references-0-citation": "Opplæringsloven kap. 12 (tidligere § 9A)",
            "references-1-DELETE": "on",
            "references-2-citation": "Barnevernsloven § 1-1",
        }
    )
    assert client.post(url, data).status_code == 302
    citations = list(routine.legal_references.values_list("citation", flat=True))
    assert citations == ["Opplæringsloven kap. 12 (tidligere § 9A)", "Barnevernsloven § 1-1"]


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, plan, advisor):
    routine = make_routine(plan, title="Gammel", body="Gammel tekst")
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data.update(
        {"title": "", "body": "Ny lang tekst", "references-0-citation": "", "references-0-url": "ikke en lenke"}
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'id="error_1_id_title"' in response.text
    assert 'id="error_1_id_references-0-url"' in response.text
    assert "Ny lang tekst" in response.text
    routine.refresh_from_db()
    assert (routine.title, routine.body) == ("Gammel", "Gammel tekst")
    assert not LegalReference.objects.exists()


def test_a_routine_with_units_texts_stays_unit_specific(client, plan, advisor):
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    make_unit_text(routine, make_unit(plan.municipality), body="Skolens egen tekst")
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data["scope"] = "common"
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'id="error_1_id_scope"' in response.text
    assert Routine.objects.get().scope == "unit"


def test_two_saves_from_the_same_version_the_second_is_refused(client, plan, advisor):
    routine = make_routine(plan, body="Start")
    make_legal_reference(routine, citation="Start-hjemmel")
    url = reverse("routines:routine_edit", args=[routine.pk])
    page = client.get(url)
    first, second = form_data(page, "title"), form_data(page, "title")
    first.update({"body": "Kollegaens tekst", "references-0-citation": "Kollegaens hjemmel"})
    second.update({"body": "Min tekst", "references-0-citation": "Min hjemmel"})
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    for text in ("Kollegaens tekst", "Kollegaens hjemmel", "Min tekst", "Min hjemmel"):
        assert text in response.text
    routine.refresh_from_db()
    assert routine.body == "Kollegaens tekst"
    assert routine.legal_references.get().citation == "Kollegaens hjemmel"


def test_reorder_routines(client, plan, advisor):
    make_routine(plan, title="A")
    b = make_routine(plan, title="B")
    client.post(reverse("routines:routine_move", args=[b.pk]), {"direction": "up"})
    assert list(plan.routines.values_list("title", flat=True)) == ["B", "A"]


def test_delete_says_the_units_texts_go_with_it(client, plan, advisor):
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    make_unit_text(routine, make_unit(plan.municipality))
    make_legal_reference(routine)
    url = reverse("routines:routine_delete", args=[routine.pk])
    assert sorted(count for _name, count in client.get(url).context["related"]) == [1, 1]
    assert client.post(url).status_code == 302
    assert not Routine.objects.exists() and not UnitRoutineText.objects.exists()


def test_stored_script_is_rendered_inert(client, plan, advisor):
    routine = make_routine(plan, title="<script>alert(1)</script>", body='<img src=x onerror="alert(1)">')
    make_legal_reference(routine, citation="<script>x</script>")
    for url in (
        reverse("routines:routine_list", args=[plan.pk]),
        reverse("routines:routine_detail", args=[routine.pk]),
        reverse("routines:routine_edit", args=[routine.pk]),
    ):
        page = client.get(url).text
        assert "<script>" not in page.replace("&lt;script&gt;", "")
        assert "<img" not in page


def test_a_unit_leader_cannot_edit_common_parts(client, plan):
    routine = make_routine(plan, scope=Routine.Scope.UNIT, title="Fast")
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality)))
    assert client.get(reverse("routines:routine_detail", args=[routine.pk])).status_code == 200
    assert client.post(reverse("routines:routine_edit", args=[routine.pk]), {"title": "X"}).status_code == 403
    assert client.post(reverse("routines:routine_create", args=[plan.pk]), {"title": "X"}).status_code == 403
    assert client.post(reverse("routines:routine_delete", args=[routine.pk])).status_code == 403
    assert Routine.objects.get().title == "Fast"
