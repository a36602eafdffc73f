"""Plan file version 2: kinds and precision travel losslessly, version 1 files (the demo's) import
upgraded, and months or terms that are not whole are refused with a clear message."""

import json
from pathlib import Path

import pytest

from documents.planfile import FORMAT_VERSION, PlanFileError, export_municipality, import_document
from documents.planfile_validation import validate_document
from meetings.models import ProgressEntry
from routines.models import Municipality, Plan, Region, Unit
from tests.support.factories import make_entries_of_every_kind, make_plan, make_plan_document

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parent.parent.parent / "documents" / "demo" / "sortland.json"


def as_version_1(doc):
    """The document as format version 1 wrote it: no kinds, no precision."""
    doc = json.loads(json.dumps(doc))
    doc["format_version"] = 1
    for plan in doc["plans"]:
        for entry in plan["progress_entries"]:
            entry.pop("kind", None)
            entry.pop("precision", None)
    return doc


def wipe():
    Plan.objects.all().delete()
    Unit.objects.all().delete()
    Municipality.objects.all().delete()
    Region.objects.all().delete()


def test_every_kind_and_precision_survives_export_and_import(municipality):
    make_entries_of_every_kind(make_plan(municipality))
    first = export_municipality(municipality)
    assert first["format_version"] == FORMAT_VERSION == 2
    assert {(e["kind"], e["precision"]) for e in first["plans"][0]["progress_entries"]} == {
        (kind, precision) for kind in ProgressEntry.Kind.values for precision in ProgressEntry.Precision.values
    }
    wipe()
    again = export_municipality(import_document(json.loads(json.dumps(first))))
    assert again == first


def test_the_demos_version_1_file_imports_upgraded():
    doc = as_version_1(json.loads(DEMO.read_text(encoding="utf-8")))
    municipality = import_document(doc)
    entries = ProgressEntry.objects.filter(plan__municipality=municipality)
    months = entries.filter(precision="months")
    # «I løpet av september – november», «I løpet av måneden» …: whole months, never days.
    assert months.count() >= 10 and all(entry.kind == "task" for entry in months)
    assert entries.filter(kind="course", content__icontains="samling").exists()
    assert entries.filter(kind="meeting", content="SUT").exists()
    assert not entries.filter(precision="months", starts_at__isnull=False).exists()
    # The upgraded plan exports as version 2 and imports again unchanged.
    exported = export_municipality(municipality)
    assert exported["format_version"] == 2 and validate_document(exported) == []
    wipe()
    assert export_municipality(import_document(exported)) == exported


def test_a_deadline_in_a_version_1_file_becomes_a_deadline():
    doc = make_plan_document()
    doc["format_version"] = 1
    entry = doc["plans"][0]["progress_entries"][0]
    entry["content"] = "15. mai – frist for søknad om skoleskyss"
    entry["ends_on"] = None
    import_document(doc)
    assert ProgressEntry.objects.get(content__startswith="15. mai").kind == "deadline"


def test_months_and_terms_that_are_not_whole_are_refused():
    doc = make_plan_document()
    entry = {"content": "I løpet av høsten", "precision": "months", "starts_on": "2023-09-02", "ends_on": "2023-11-30"}
    term = dict(entry, precision="term", starts_on="2023-08-01", ends_on="2023-11-30")
    timed = dict(entry, starts_on="2023-09-01", starts_at="12:00")
    doc["plans"][0]["progress_entries"] = [entry, term, timed]
    problems = {problem.path: problem.message for problem in validate_document(doc)}
    assert problems == {
        "$.plans[0].progress_entries[0].precision": "Hele måneder går fra den første i en måned (starts_on) "
        "til den siste dagen i en måned (ends_on).",
        "$.plans[0].progress_entries[1].precision": "Et semester går fra 1. august til 31. desember, fra 1. januar "
        "til 30. juni, eller fra 1. august til 30. juni (hele skoleåret).",
        "$.plans[0].progress_entries[2].starts_at": "Hele måneder og semestre har ikke klokkeslett.",
    }
    with pytest.raises(PlanFileError):
        import_document(doc)
    assert not Municipality.objects.exists()
