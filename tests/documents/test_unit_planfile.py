"""The plan file carries what the unit pages need: actors for units, supplements, entries by owner."""

import pytest

from documents.planfile import export_municipality, import_document
from documents.planfile_validation import validate_document
from meetings.models import ProgressEntry
from routines.models import Actor, Routine, UnitRoutineText
from tests.support.factories import make_plan_document
from tests.support.units import unit_test_settings  # noqa: F401  (an autouse fixture)

pytestmark = pytest.mark.django_db


def unit_document():
    doc = make_plan_document()
    plan = doc["plans"][0]
    plan["actors"][0]["applies_to_units"] = True
    plan["progress_entries"][0]["unit_owner"] = "municipal"
    plan["routines"][0]["allows_local_supplement"] = True
    plan["routines"][0]["unit_texts"] = [{"unit": "fjordby-skole", "status": "done", "body": "Vårt tillegg"}]
    return doc


def test_import_and_export_keep_the_unit_fields():
    municipality = import_document(unit_document())
    assert Actor.objects.get().applies_to_units
    assert ProgressEntry.objects.get(content="Halv fagdag for alle lærere").unit_owner == "municipal"
    routine = Routine.objects.get(title="Undring og bekymring")
    assert routine.allows_local_supplement
    assert UnitRoutineText.objects.get(routine=routine).body == "Vårt tillegg"
    plan = export_municipality(municipality)["plans"][0]
    assert plan["actors"][0]["applies_to_units"] is True
    assert [entry["unit_owner"] for entry in plan["progress_entries"]] == ["municipal", ""]
    assert [routine["allows_local_supplement"] for routine in plan["routines"]] == [True, False]


def test_the_unit_fields_default_to_off():
    municipality = import_document(make_plan_document())
    plan = export_municipality(municipality)["plans"][0]
    assert plan["actors"][0]["applies_to_units"] is False
    assert plan["progress_entries"][0]["unit_owner"] == ""
    assert plan["routines"][0]["allows_local_supplement"] is False


def test_a_supplement_on_a_unit_specific_routine_is_reported():
    doc = make_plan_document()
    doc["plans"][0]["routines"][1]["allows_local_supplement"] = True
    assert [str(problem) for problem in validate_document(doc)] == [
        "$.plans[0].routines[1].allows_local_supplement: Only common routines (scope “common”) take local supplements."
    ]


def test_an_unknown_owner_is_reported():
    doc = make_plan_document()
    doc["plans"][0]["progress_entries"][0]["unit_owner"] = "state"
    assert [problem.path for problem in validate_document(doc)] == ["$.plans[0].progress_entries[0].unit_owner"]


def test_unit_kinds_of_target_groups_arenas_and_entries_round_trip():
    doc = make_plan_document()
    plan = doc["plans"][0]
    plan["target_groups"][1]["unit_kinds"] = ["kindergarten"]
    plan["arenas"][0]["unit_kinds"] = ["school"]
    plan["progress_entries"][1]["unit_kinds"] = ["school", "sfo"]
    exported = export_municipality(import_document(doc))["plans"][0]
    assert [group["unit_kinds"] for group in exported["target_groups"]] == [[], ["kindergarten"]]
    assert exported["arenas"][0]["unit_kinds"] == ["school"]
    assert [entry["unit_kinds"] for entry in exported["progress_entries"]] == [[], ["school", "sfo"]]


def test_an_unknown_or_repeated_unit_kind_is_reported():
    doc = make_plan_document()
    doc["plans"][0]["target_groups"][0]["unit_kinds"] = ["castle"]
    doc["plans"][0]["arenas"][0]["unit_kinds"] = ["school", "school"]
    assert {problem.path for problem in validate_document(doc)} == {
        "$.plans[0].target_groups[0].unit_kinds[0]",
        "$.plans[0].arenas[0].unit_kinds",
    }
