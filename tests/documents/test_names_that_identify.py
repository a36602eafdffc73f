"""Names that identify: unique actor and arena names, references by key in the plan file, copies that never 500."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse

from documents.planfile import export_municipality, import_document, plan_to_dict
from documents.services import approve_plan
from meetings.models import Arena
from routines.models import Actor, Membership, Municipality, Plan, Region, Unit
from tests.support.factories import (
    make_actor,
    make_arena,
    make_entry,
    make_member,
    make_plan,
    make_plan_document,
    make_routine,
    make_section,
    make_target_group,
)
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR
FODSELSNUMMER = "15076500565"


@pytest.fixture
def advisor_client(client, plan):
    client.force_login(make_member(ADVISOR, plan.municipality))
    return client


def test_a_second_actor_of_the_same_name_is_refused_next_to_the_field(advisor_client, plan):
    make_actor(plan, name="Rektor")
    url = reverse("routines:actor_create", args=[plan.pk])
    data = form_data(advisor_client.get(url), "name")
    data.update({"name": "Rektor", "role": "Leder av SKUT"})

    response = advisor_client.post(url, data)

    assert response.status_code == 400
    assert (
        'id="error_1_id_name"' in response.text and "Planen har allerede en aktør som heter «Rektor»" in response.text
    )
    assert 'value="Leder av SKUT"' in response.text  # what was typed is kept
    assert plan.actors.count() == 1


def test_a_second_arena_of_the_same_name_is_refused_next_to_the_field(advisor_client, plan):
    make_arena(plan, name="Ressursteam")
    other = make_arena(plan, name="SKUT")
    url = reverse("meetings:arena_edit", args=[other.pk])
    data = form_data(advisor_client.get(url), "name")
    data["name"] = "Ressursteam"

    response = advisor_client.post(url, data)

    assert response.status_code == 400
    assert 'id="error_1_id_name"' in response.text and "Planen har allerede en møtearena som heter" in response.text
    other.refresh_from_db()
    assert other.name == "SKUT"


def test_renaming_parts_never_changes_or_breaks_the_references_of_the_file():
    plan = make_plan()
    actor = make_actor(plan, name="Rektor")
    arena = make_arena(plan, name="SKUT")
    group = make_target_group(plan, name="Skoleledere")
    make_routine(plan, title="Skolemiljø", responsible=actor)
    make_entry(plan, content="SKUT-møte", arena=arena).target_groups.add(group)
    before = plan_to_dict(plan)

    for part, name in ((actor, "Rektor og inspektør"), (arena, "Skolens kompetanseteam"), (group, "Ledere")):
        part.name = name
        part.save()
    after = plan_to_dict(plan)

    assert after["routines"][0]["responsible"] == before["routines"][0]["responsible"] == "actor-1"
    assert after["progress_entries"][0]["arena"] == "arena-1"
    assert after["progress_entries"][0]["target_groups"] == ["group-1"]
    # The file is its own backup: into an empty database and out again, unchanged.
    doc = export_municipality(plan.municipality)
    Plan.objects.all().delete()
    Unit.objects.all().delete()
    Municipality.objects.all().delete()
    Region.objects.all().delete()
    assert export_municipality(import_document(json.loads(json.dumps(doc)))) == doc


def test_a_part_renamed_in_the_file_keeps_its_references():
    doc = export_municipality(import_document(make_plan_document()))
    plan = doc["plans"][0]
    plan["actors"][0]["name"] = "Rektor og inspektør"
    plan["arenas"][0]["name"] = "Utviklingsgruppa"
    doc["municipality"]["slug"] = "annen"

    imported = import_document(doc).plans.get()

    routine = imported.routines.get(responsible__isnull=False)
    assert routine.responsible.name == "Rektor og inspektør"
    assert imported.progress_entries.get(arena__isnull=False).arena.name == "Utviklingsgruppa"


def test_a_version_1_file_with_unreferenced_twins_imports_them_numbered():
    doc = make_plan_document()
    doc["plans"][0]["actors"] += [{"name": "Foresatte"}, {"name": "Foresatte"}]
    doc["plans"][0]["arenas"] += [{"name": "Foreldremøte"}, {"name": "Foreldremøte"}]

    plan = import_document(doc).plans.get()

    assert list(plan.actors.values_list("name", flat=True)) == ["Rektor", "Foresatte", "Foresatte (2)"]
    assert list(plan.arenas.values_list("name", flat=True))[-2:] == ["Foreldremøte", "Foreldremøte (2)"]
    assert plan.routines.get(responsible__isnull=False).responsible.name == "Rektor"


@pytest.fixture
def approved_plan_that_cannot_be_copied(plan):
    # Stored before the check on identity numbers existed: the plan file refuses it, so no copy can be made.
    make_section(plan, title="Gammel tekst", body=f"Eleven {FODSELSNUMMER}")
    approve_plan(plan, make_member(ADVISOR, plan.municipality))
    return plan


@pytest.mark.parametrize("action", ["plan_start_revision", "plan_start_next_year"])
def test_a_copy_that_cannot_be_made_says_why_instead_of_a_500(
    advisor_client, approved_plan_that_cannot_be_copied, action
):
    plan = approved_plan_that_cannot_be_copied

    response = advisor_client.post(reverse(f"documents:{action}", args=[plan.pk]))

    assert response.status_code == 409
    assert "Denne planen kan ikke kopieres slik den er" in response.text and "fødselsnummer" in response.text
    assert Plan.objects.count() == 1


def test_the_migration_numbers_old_twins_and_lists_them(capsys):
    # The data of before the migrations 0009: the unique constraints are dropped inside this test's
    # transaction (PostgreSQL and SQLite roll schema changes back), twins are written, and the
    # migrations' own steps run: numbering the twins, then adding the constraints.
    steps = [
        (importlib.import_module("routines.migrations.0009_actor_name_unique_in_plan"), Actor),
        (importlib.import_module("meetings.migrations.0009_arena_name_unique_in_plan"), Arena),
    ]
    with connection.schema_editor() as editor:
        for migration, model in steps:
            editor.remove_constraint(model, migration.Migration.operations[1].constraint)
    municipality = Municipality.objects.create(slug="gamle", name="Gamle kommune")
    plan = Plan.objects.create(municipality=municipality, title="Plan", school_year=2023)
    Actor.objects.bulk_create(
        Actor(plan=plan, position=position, name=name)
        for position, name in enumerate(["Rektor", "Rektor", "PPT", "Rektor"])
    )
    Arena.objects.bulk_create(
        Arena(plan=plan, position=position, name=name) for position, name in enumerate(["SKUT"] * 2)
    )

    if connection.vendor == "postgresql":
        # PostgreSQL alters no table with foreign-key checks still pending in the transaction.
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    for migration, model in steps:
        number_twins, add_constraint = migration.Migration.operations
        number_twins.code(django_apps, None)
        with connection.schema_editor() as editor:
            editor.add_constraint(model, add_constraint.constraint)

    printed = capsys.readouterr().out
    assert list(Actor.objects.filter(plan=plan).values_list("name", flat=True)) == [
        "Rektor",
        "Rektor (2)",
        "PPT",
        "Rektor (3)",
    ]
    assert list(Arena.objects.filter(plan=plan).values_list("name", flat=True)) == ["SKUT", "SKUT (2)"]
    assert "«Rektor» is now «Rektor (3)»" in printed and "«SKUT» is now «SKUT (2)»" in printed
