"""An actor, its role and its ordered duties: edited together on one page."""

import re

import pytest
from django.urls import reverse

from routines.models import Actor, Duty, Membership
from tests.support.factories import make_actor, make_member, make_unit
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(client, plan):
    user = make_member(Membership.Role.ADVISOR, plan.municipality)
    client.force_login(user)
    return user


def duty_texts(actor):
    return list(actor.duties.values_list("text", flat=True))


def test_create_an_actor_with_its_duties(client, plan, advisor):
    url = reverse("routines:actor_create", args=[plan.pk])
    data = form_data(client.get(url), "name")
    data.update({"name": "PPD", "role": "Støtte", "duties-0-text": "Veileder barnehager", "duties-1-text": "Utreder"})
    response = client.post(url, data)
    assert response.status_code == 302
    actor = Actor.objects.get()
    assert (actor.plan, actor.name, actor.role) == (plan, "PPD", "Støtte")
    assert duty_texts(actor) == ["Veileder barnehager", "Utreder"]


def test_the_list_shows_actors_with_their_duties_in_order(client, plan, advisor):
    make_actor(plan, name="Foresatte", role="Samarbeidspart", duties=["Første plikt", "Andre plikt"])
    page = client.get(reverse("routines:actor_list", args=[plan.pk])).text
    assert "Foresatte" in page and "Samarbeidspart" in page
    assert page.index("Første plikt") < page.index("Andre plikt")
    assert 'aria-current="page"' in page


def test_edit_the_actor_add_change_and_delete_duties_in_one_save(client, plan, advisor):
    actor = make_actor(plan, name="Rektor", duties=["Leder SKUT", "Skal slettes"])
    url = reverse("routines:actor_edit", args=[actor.pk])
    data = form_data(client.get(url), "name")
    data.update(
        {
            "role": "Leder",
            "duties-0-text": "Leder SKUT og SUT",
            "duties-1-DELETE": "on",
            "duties-2-text": "Ny plikt",
        }
    )
    assert client.post(url, data).status_code == 302
    actor.refresh_from_db()
    assert actor.role == "Leder"
    assert duty_texts(actor) == ["Leder SKUT og SUT", "Ny plikt"]


def test_a_new_duty_goes_last(client, plan, advisor):
    actor = make_actor(plan, duties=["En", "To"])
    url = reverse("routines:actor_edit", args=[actor.pk])
    data = form_data(client.get(url), "name")
    data["duties-2-text"] = "Tre"
    client.post(url, data)
    assert duty_texts(actor) == ["En", "To", "Tre"]


def test_a_duty_moves_inside_the_form_keeping_what_was_typed_until_one_save(client, plan, advisor):
    actor = make_actor(plan, name="Rektor", duties=["En", "To", "Tre"])
    url = reverse("routines:actor_edit", args=[actor.pk])
    data = form_data(client.get(url), "name")
    data |= {"role": "Leder av skolen", "duties-0-text": "En, skrevet om", "move": "0:down"}
    moved = client.post(url, data)
    assert moved.status_code == 200
    page = moved.content.decode()
    assert page.index("To") < page.index("En, skrevet om") and 'value="Leder av skolen"' in page
    assert 'value="1:down" class="btn btn-sm btn-outline-secondary" autofocus' in page
    assert duty_texts(actor) == ["En", "To", "Tre"]  # nothing saved yet

    data = form_data(moved, "name")
    assert client.post(url, data).status_code == 302
    actor.refresh_from_db()
    assert actor.role == "Leder av skolen"
    assert duty_texts(actor) == ["To", "En, skrevet om", "Tre"]


@pytest.mark.parametrize("move", ["0:up", "2:down", "7:up", "x:down", "1:sideways", "-1:down"])
def test_a_move_that_cannot_be_made_is_refused_and_nothing_changes(client, plan, advisor, move):
    actor = make_actor(plan, duties=["En", "To", "Tre"])
    url = reverse("routines:actor_edit", args=[actor.pk])
    data = form_data(client.get(url), "name") | {"move": move}
    assert client.post(url, data).status_code == 400
    assert duty_texts(actor) == ["En", "To", "Tre"]


def test_blank_new_duties_are_not_marked_required(client, plan, advisor):
    actor = make_actor(plan, duties=["En"])
    page = client.get(reverse("routines:actor_edit", args=[actor.pk])).content.decode()
    labels = dict(re.findall(r'<label\s+for="id_(duties-\d-text)"[^>]*>(.*?)</label>', page, flags=re.S))
    assert "asteriskField" in labels["duties-0-text"]
    assert "asteriskField" not in labels["duties-1-text"] and "asteriskField" not in labels["duties-2-text"]


def test_saving_returns_to_the_actor_in_the_list(client, plan, advisor):
    actor = make_actor(plan, name="Rektor")
    url = reverse("routines:actor_edit", args=[actor.pk])
    response = client.post(url, form_data(client.get(url), "name") | {"role": "Leder"})
    assert response.url == reverse("routines:actor_list", args=[plan.pk]) + f"#part-{actor.pk}"


def test_move_a_duty_up_and_down(client, plan, advisor):
    actor = make_actor(plan, duties=["En", "To", "Tre"])
    third = actor.duties.get(text="Tre")
    response = client.post(reverse("routines:duty_move", args=[third.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert response.url == reverse("routines:actor_edit", args=[actor.pk]) + "#duties"
    assert duty_texts(actor) == ["En", "Tre", "To"]
    client.post(reverse("routines:duty_move", args=[actor.duties.get(text="En").pk]), {"direction": "down"})
    assert duty_texts(actor) == ["Tre", "En", "To"]


def test_the_move_buttons_are_real_buttons_of_the_one_form(client, plan, advisor):
    actor = make_actor(plan, duties=["En", "To"])
    page = client.get(reverse("routines:actor_edit", args=[actor.pk])).text
    assert '<button type="submit" name="move" value="0:down"' in page
    assert '<button type="submit" name="move" value="1:up"' in page


def test_moving_needs_a_direction_and_post(client, plan, advisor):
    duty = make_actor(plan, duties=["En", "To"]).duties.last()
    url = reverse("routines:duty_move", args=[duty.pk])
    assert client.post(url, {"direction": "sideways"}).status_code == 400
    assert client.get(url).status_code == 405
    assert duty_texts(duty.actor) == ["En", "To"]


def test_moving_a_duty_makes_an_open_actor_page_stale(client, plan, advisor):
    actor = make_actor(plan, name="Rektor", duties=["En", "To"])
    url = reverse("routines:actor_edit", args=[actor.pk])
    data = form_data(client.get(url), "name")
    client.post(reverse("routines:duty_move", args=[actor.duties.get(text="To").pk]), {"direction": "up"})
    data["name"] = "Rektor og inspektør"
    response = client.post(url, data)
    assert response.status_code == 409
    assert Actor.objects.get().name == "Rektor"
    assert duty_texts(actor) == ["To", "En"]


def test_move_an_actor(client, plan, advisor):
    _first, second = make_actor(plan, name="A"), make_actor(plan, name="B")
    response = client.post(reverse("routines:actor_move", args=[second.pk]), {"direction": "up"})
    assert response.url == reverse("routines:actor_list", args=[plan.pk]) + f"#part-{second.pk}"
    assert list(plan.actors.values_list("name", flat=True)) == ["B", "A"]
    client.post(reverse("routines:actor_move", args=[second.pk]), {"direction": "up"})  # already first
    assert list(plan.actors.values_list("name", flat=True)) == ["B", "A"]


def test_bad_input_is_refused_at_the_field_and_nothing_saved(client, plan, advisor):
    actor = make_actor(plan, name="Rektor", duties=["En"])
    url = reverse("routines:actor_edit", args=[actor.pk])
    data = form_data(client.get(url), "name")
    data.update({"name": "", "role": "Min nye rolle", "duties-0-text": "", "duties-1-text": "Ny skrevet plikt"})
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'id="error_1_id_name"' in response.text
    assert 'id="error_1_id_duties-0-text"' in response.text
    assert "Min nye rolle" in response.text and "Ny skrevet plikt" in response.text
    actor.refresh_from_db()
    assert (actor.name, actor.role, duty_texts(actor)) == ("Rektor", "Oppdragsgiver", ["En"])


def test_two_saves_from_the_same_version_the_second_is_refused(client, plan, advisor):
    actor = make_actor(plan, name="Rektor", role="Leder", duties=["En"])
    url = reverse("routines:actor_edit", args=[actor.pk])
    page = client.get(url)
    first, second = form_data(page, "name"), form_data(page, "name")
    first.update({"role": "Første rolle", "duties-0-text": "Første plikt"})
    second.update({"role": "Andre rolle", "duties-0-text": "Andre plikt"})

    assert client.post(url, first).status_code == 302
    response = client.post(url, second)

    assert response.status_code == 409
    assert "Første rolle" in response.text and "Første plikt" in response.text  # the stored version
    assert "Andre rolle" in response.text and "Andre plikt" in response.text  # the typed text, kept
    actor.refresh_from_db()
    assert (actor.role, duty_texts(actor)) == ("Første rolle", ["Første plikt"])
    # The refused form now carries the stored version: saving the merged text works.
    merged = form_data(response, "name")
    merged["role"] = "Første og andre rolle"
    assert client.post(url, merged).status_code == 302
    actor.refresh_from_db()
    assert actor.role == "Første og andre rolle"


def test_delete_an_actor_says_its_duties_go_with_it(client, plan, advisor):
    actor = make_actor(plan, duties=["En", "To"])
    url = reverse("routines:actor_delete", args=[actor.pk])
    page = client.get(url)
    assert [count for _name, count in page.context["related"]] == [2]
    assert client.post(url).status_code == 302
    assert not Actor.objects.exists() and not Duty.objects.exists()


def test_stored_script_is_shown_inert(client, plan, advisor):
    actor = make_actor(plan, name="<script>alert(1)</script>", duties=['<img src=x onerror="alert(1)">'])
    for url in (reverse("routines:actor_list", args=[plan.pk]), reverse("routines:actor_edit", args=[actor.pk])):
        page = client.get(url).text
        assert "<script>alert(1)" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(1)" in page


def test_a_unit_leader_reads_but_cannot_edit_actors(client, plan):
    actor = make_actor(plan, duties=["En"])
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality)))
    page = client.get(reverse("routines:actor_list", args=[plan.pk]))
    assert page.status_code == 200
    assert reverse("routines:actor_edit", args=[actor.pk]) not in page.text
    assert client.post(reverse("routines:actor_edit", args=[actor.pk]), {"name": "X"}).status_code == 403
    assert client.post(reverse("routines:actor_create", args=[plan.pk]), {"name": "X"}).status_code == 403
    duty_move = reverse("routines:duty_move", args=[actor.duties.get().pk])
    assert client.post(duty_move, {"direction": "up"}).status_code == 403
    assert Actor.objects.get().name == actor.name
