"""load_demo imports the demo plan files and sets up the two demo users, as often as it is run."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from meetings.models import Gathering
from routines.models import Membership, Municipality, Plan
from tests.support.factories import make_plan_document, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_directory(tmp_path):
    doc = make_plan_document()
    doc["municipality"].update(slug="sortland", name="Sortland kommune")
    doc["municipality"]["units"][0].update(slug="sortland-barneskole", name="Sortland barneskole")
    doc["plans"][0]["routines"][1]["unit_texts"][0]["unit"] = "sortland-barneskole"
    (tmp_path / "sortland.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def load_demo(directory):
    out = io.StringIO()
    # The output is compared in its source language; nb and nn have translations.
    with translation.override("en"):
        call_command("load_demo", "--directory", str(directory), stdout=out)
    return out.getvalue()


def test_load_demo_imports_the_files_and_creates_the_demo_users(demo_directory):
    output = load_demo(demo_directory)

    sortland = Municipality.objects.get(slug="sortland")
    assert sortland.plans.count() == 1
    users = get_user_model().objects
    advisor, leader = users.get(username="radgiver"), users.get(username="rektor")
    assert advisor.check_password("kibs-demo-radgiver")
    assert leader.check_password("kibs-demo-rektor")
    assert Membership.objects.get(user=advisor).role == Membership.Role.ADVISOR
    membership = Membership.objects.get(user=leader)
    assert (membership.role, membership.municipality, membership.unit.slug) == (
        Membership.Role.UNIT_LEADER,
        sortland,
        "sortland-barneskole",
    )
    assert "Imported Sortland kommune" in output
    assert "Created the user radgiver" in output and "Created the user rektor" in output


def test_load_demo_adds_the_regional_gathering_and_its_coordinator(demo_directory):
    load_demo(demo_directory)
    coordinator = get_user_model().objects.get(username="koordinator")
    assert coordinator.check_password("kibs-demo-koordinator")
    membership = Membership.objects.get(user=coordinator, region__slug="kongsbergregionen")
    assert membership.role == Membership.Role.COORDINATOR
    assert Gathering.objects.get(region=membership.region).date == datetime.date(2025, 3, 21)
    # And the demo municipality's region, whose plans they read and compare.
    sortland = Municipality.objects.get(slug="sortland")
    assert Membership.objects.get(user=coordinator, region=sortland.region).role == Membership.Role.COORDINATOR


def test_load_demo_restores_the_demo_plan_and_resets_the_passwords(demo_directory):
    load_demo(demo_directory)
    advisor = get_user_model().objects.get(username="radgiver")
    advisor.set_password("changed")
    advisor.save()
    plan = Plan.objects.get()
    plan.milestones.all().delete()

    output = load_demo(demo_directory)

    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert Plan.objects.get().milestones.count() == 2
    assert get_user_model().objects.get(username="radgiver").check_password("kibs-demo-radgiver")
    assert "Updated the user radgiver" in output


def test_running_load_demo_twice_changes_nothing_the_second_time(demo_directory):
    load_demo(demo_directory)
    before = row_counts()

    load_demo(demo_directory)

    assert row_counts() == before


def test_without_the_demo_municipality_no_users_are_created(tmp_path):
    output = load_demo(tmp_path)

    assert not get_user_model().objects.exclude(username="koordinator").exists()
    assert "No demo plan files" in output
    assert "Skipped the user radgiver" in output


def test_without_the_demo_unit_only_the_municipalitys_users_are_created(demo_directory):
    doc = json.loads((demo_directory / "sortland.json").read_text(encoding="utf-8"))
    doc["municipality"]["units"] = doc["municipality"]["units"][1:]
    del doc["plans"][0]["routines"][1]["unit_texts"]
    (demo_directory / "sortland.json").write_text(json.dumps(doc), encoding="utf-8")

    output = load_demo(demo_directory)

    created = get_user_model().objects.exclude(username="koordinator").order_by("pk")
    assert list(created.values_list("username", flat=True)) == ["radgiver", "godkjenner"]
    assert "Skipped the user rektor" in output and "Skipped the user ansatt" in output


def test_a_broken_demo_file_changes_nothing(demo_directory):
    (demo_directory / "z-broken.json").write_text("[]", encoding="utf-8")
    before = row_counts()

    with pytest.raises(CommandError):
        call_command("load_demo", "--directory", str(demo_directory), stdout=io.StringIO(), stderr=io.StringIO())

    assert row_counts() == before
