"""The history page of a plan: a timeline of every change, by whom, filtered and paginated."""

import pytest
from django.urls import reverse
from django.utils import translation

from routines.history import word_diff
from routines.models import Actor, Membership, Routine
from tests.support.factories import (
    make_actor,
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_unit,
    make_unit_text,
    make_user,
)
from tests.support.forms import form_data
from tests.support.history import acting_as, delete, edit

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR


def history_url(plan, **query):
    url = reverse("documents:plan_history", args=[plan.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_an_edit_and_a_deletion_by_two_people_appear_with_their_names(client):
    plan = make_plan()
    kari = make_member(ADVISOR, plan.municipality, user=make_user(first_name="Kari", last_name="Nordmann"))
    ola = make_member(ADVISOR, plan.municipality, user=make_user(first_name="Ola", last_name="Hansen"))
    section = make_section(plan, title="Kompetansebehov", body="Vi kartla behovet.")
    actor = make_actor(plan, name="Foresatte", duties=["Samarbeider med skolen"])
    edit(section, kari, body="Vi kartla behovet i alle enheter.")
    delete(actor, ola)

    client.force_login(kari)
    response = client.get(history_url(plan))

    assert response.status_code == 200
    rows = response.context["rows"]
    newest = rows[0]
    assert (newest["part_key"], newest["history_type"], newest["label_text"]) == ("actor", "-", "Foresatte")
    assert newest["user"] == ola
    duty_deletion = next(row for row in rows if row["part_key"] == "duty")
    assert duty_deletion["history_type"] == "-" and duty_deletion["user"] == ola
    section_edit = next(row for row in rows if row["part_key"] == "section" and row["history_type"] == "~")
    assert section_edit["user"] == kari
    assert "Ola Hansen" in response.text and "Kari Nordmann" in response.text
    assert [row["history_date"] for row in rows] == sorted((row["history_date"] for row in rows), reverse=True)


def test_unit_leaders_texts_are_in_the_history(client):
    plan = make_plan()
    unit = make_unit(plan.municipality, name="Sortland barneskole")
    leader = make_member(Membership.Role.UNIT_LEADER, unit=unit, user=make_user(first_name="Rektor"))
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    with acting_as(leader):
        make_unit_text(routine, unit, body="Vår rutine")
    client.force_login(leader)
    rows = client.get(history_url(plan)).context["rows"]
    assert ("unitroutinetext", "Sortland barneskole", leader) in [
        (row["part_key"], row["label_text"], row["user"]) for row in rows
    ]


def test_filter_by_part_and_by_person(client):
    plan = make_plan()
    kari = make_member(ADVISOR, plan.municipality)
    ola = make_member(ADVISOR, plan.municipality)
    with acting_as(kari):
        make_actor(plan, name="Kommunedirektør")
    with acting_as(ola):
        make_milestone(plan, text="Alle vurderer ståsted")
        make_actor(plan, name="PPD")
    client.force_login(kari)

    by_part = client.get(history_url(plan, part="actor")).context["rows"]
    assert {row["label_text"] for row in by_part} == {"Kommunedirektør", "PPD"}
    by_person = client.get(history_url(plan, person=ola.pk)).context["rows"]
    assert {row["label_text"] for row in by_person} == {"Alle vurderer ståsted", "PPD"}
    both = client.get(history_url(plan, part="actor", person=ola.pk)).context["rows"]
    assert [row["label_text"] for row in both] == ["PPD"]


def test_parts_of_the_meetings_app_are_in_the_history(client):
    plan = make_plan()
    user = make_member(ADVISOR, plan.municipality)
    with acting_as(user):
        make_entry(plan, content="Halv fagdag for alle lærere")
    client.force_login(user)
    rows = client.get(history_url(plan, part="progressentry")).context["rows"]
    assert [row["label_text"] for row in rows] == ["Halv fagdag for alle lærere"]


def test_another_plans_changes_are_not_shown(client):
    plan = make_plan()
    other = make_plan(plan.municipality, title="Annen plan")
    actor = make_actor(other, name="Skal ikke vises", duties=["Heller ikke denne"])
    actor.delete()
    client.force_login(make_member(ADVISOR, plan.municipality))
    response = client.get(history_url(plan))
    assert "Skal ikke vises" not in response.text and "Heller ikke denne" not in response.text


def test_bad_filter_is_400(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, plan.municipality))
    assert client.get(history_url(plan, part="nonsense")).status_code == 400
    assert client.get(history_url(plan, person="abc")).status_code == 400


def test_history_needs_login(client):
    plan = make_plan()
    response = client.get(history_url(plan))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_history_of_another_municipality_is_404(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(history_url(plan)).status_code == 404


def test_readers_and_coordinators_do_not_see_who_changed_what(client):
    plan = make_plan()
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert client.get(history_url(plan)).status_code == 403
    client.force_login(make_member(Membership.Role.COORDINATOR, region=plan.municipality.region))
    assert client.get(history_url(plan)).status_code == 403


def make_changes(plan, user, count):
    with acting_as(user):
        for n in range(count):
            actor = make_actor(plan, duties=["a"])
            routine = make_routine(plan, title=f"Rutine {n}", responsible=actor)
            routine.milestones.add(make_milestone(plan))
            make_entry(plan, content=f"Møte {n}")
            if n % 2:
                actor.delete()


def test_the_history_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    plan = make_plan()
    users = [make_member(ADVISOR, plan.municipality) for _ in range(3)]
    client.force_login(users[0])
    make_changes(plan, users[0], 2)
    with django_assert_max_num_queries(8) as few:
        client.get(history_url(plan))
    for user in users:
        make_changes(plan, user, 15)
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(history_url(plan, page=2))
    assert len(response.context["rows"]) == 25
    assert len(many) == len(few)


def test_pages_go_from_newest_to_oldest(client):
    plan = make_plan()
    user = make_member(ADVISOR, plan.municipality)
    with acting_as(user):
        for n in range(30):
            make_section(plan, title=f"Seksjon {n:02}")
    client.force_login(user)
    first = client.get(history_url(plan, part="section")).context["rows"]
    second = client.get(history_url(plan, part="section", page=2)).context["rows"]
    assert [row["label_text"] for row in first][:2] == ["Seksjon 29", "Seksjon 28"]
    assert [row["label_text"] for row in second] == [f"Seksjon {n:02}" for n in range(4, -1, -1)]


# The version page and the word diff -------------------------------------------------


def test_word_diff_marks_removed_and_added_words_with_text_not_only_colour():
    with translation.override("en"):
        html = word_diff("Vi kartla behovet.", "Vi kartla behovet i alle enheter.")
        assert html == 'Vi kartla behovet<ins><span class="visually-hidden">added: </span> i alle enheter</ins>.'
        html = word_diff("Rektor leder SKUT", "Styrer leder SKUT")
        assert '<del><span class="visually-hidden">removed: </span>Rektor</del>' in html
        assert '<ins><span class="visually-hidden">added: </span>Styrer</ins>' in html
    with translation.override("nb"):
        assert '<span class="visually-hidden">fjernet: </span>Rektor' in word_diff("Rektor", "Styrer")


def test_word_diff_escapes_what_people_wrote():
    html = word_diff("", "<script>alert(1)</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_version_page_shows_the_difference_to_the_version_before(client):
    plan = make_plan()
    user = make_member(ADVISOR, plan.municipality)
    section = make_section(plan, title="Kompetansebehov", body="Vi kartla behovet.")
    edit(section, user, body="Vi kartla behovet grundig.")
    record = section.history.first()
    client.force_login(user)

    response = client.get(reverse("documents:history_version", args=[plan.pk, "section", record.history_id]))

    assert response.status_code == 200
    assert '<ins><span class="visually-hidden">' in response.text and "grundig" in response.text
    assert response.text.count("<h1") == 1


def test_version_page_compares_with_a_chosen_version(client):
    plan = make_plan()
    user = make_member(ADVISOR, plan.municipality)
    section = make_section(plan, body="én")
    edit(section, user, body="én to")
    edit(section, user, body="én to tre")
    newest, _middle, first = section.history.all()
    client.force_login(user)
    url = reverse("documents:history_version", args=[plan.pk, "section", newest.history_id])

    response = client.get(url, {"against": first.history_id})

    assert response.context["older"] == first
    assert "to tre</ins>" in response.text
    assert client.get(url, {"against": "not-a-version"}).status_code == 400


def test_version_of_another_plan_or_unknown_part_is_404(client):
    plan = make_plan()
    other_plan = make_plan(plan.municipality)
    record = make_section(other_plan).history.first()
    client.force_login(make_member(ADVISOR, plan.municipality))
    assert (
        client.get(reverse("documents:history_version", args=[plan.pk, "section", record.history_id])).status_code
        == 404
    )
    assert (
        client.get(reverse("documents:history_version", args=[plan.pk, "nothing", record.history_id])).status_code
        == 404
    )


def test_version_page_access(client):
    plan = make_plan()
    record = make_section(plan).history.first()
    url = reverse("documents:history_version", args=[plan.pk, "section", record.history_id])
    assert client.get(url).status_code == 302
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(url).status_code == 404
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert client.get(url).status_code == 403


def test_a_deleted_actors_version_page_shows_it_deleted(client):
    plan = make_plan()
    user = make_member(ADVISOR, plan.municipality)
    actor = make_actor(plan, name="PPD")
    delete(actor, user)
    record = Actor.history.filter(history_type="-").get()
    client.force_login(user)
    response = client.get(reverse("documents:history_version", args=[plan.pk, "actor", record.history_id]))
    assert response.status_code == 200 and response.context["current"] is None
    assert reverse("documents:history_restore", args=[plan.pk, "actor", record.history_id]) in response.text


def test_a_routine_saved_with_milestones_through_its_form_is_one_history_row(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, plan.municipality))
    first, second = make_milestone(plan), make_milestone(plan)
    url = reverse("routines:routine_create", args=[plan.pk])
    data = form_data(client.get(url), "title")
    data.update({"title": "Overgang", "scope": "common", "milestones": [str(first.pk), str(second.pk)]})
    assert client.post(url, data).status_code == 302
    [record] = Routine.objects.get().history.all()
    assert sorted(row.milestone_id for row in record.milestones.all()) == [first.pk, second.pk]
