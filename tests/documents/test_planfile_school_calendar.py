"""The school calendar in the plan file: exported with the municipality, imported whole or not at all."""

import copy
import datetime
import json
from pathlib import Path

import pytest

from documents.planfile import PlanFileError, export_municipality, import_document, validate_document
from meetings.models import SchoolCalendar
from routines.models import Municipality
from tests.support.factories import make_municipality, make_plan, make_school_calendar

pytestmark = pytest.mark.django_db
D = datetime.date
DEMO = Path(__file__).resolve().parents[2] / "documents" / "demo" / "sortland.json"


@pytest.fixture
def document():
    municipality = make_municipality(slug="vik")
    make_plan(municipality, school_year=2023)
    make_school_calendar(
        municipality,
        2023,
        note="Vedtatt 1. mars 2023",
        breaks=[("winter", D(2024, 2, 26), D(2024, 3, 1)), ("public_holiday", D(2024, 5, 17), None)],
    )
    make_school_calendar(municipality, 2024)
    return export_municipality(municipality)


def test_the_export_holds_every_calendar_and_one_years_export_only_its_own(document):
    calendars = document["municipality"]["school_calendars"]
    assert [calendar["school_year"] for calendar in calendars] == [2023, 2024]
    assert calendars[0] == {
        "school_year": 2023,
        "first_day": "2023-08-21",
        "last_day": "2024-06-21",
        "note": "Vedtatt 1. mars 2023",
        "breaks": [
            {"kind": "winter", "name": "", "starts_on": "2024-02-26", "ends_on": "2024-03-01"},
            {"kind": "public_holiday", "name": "", "starts_on": "2024-05-17", "ends_on": None},
        ],
    }
    municipality = Municipality.objects.get(slug="vik")
    assert [c["school_year"] for c in export_municipality(municipality, 2024)["municipality"]["school_calendars"]] == [
        2024
    ]


def test_import_gives_the_same_file_back_and_replaces_the_calendar_of_the_same_year(document):
    Municipality.objects.filter(slug="vik").update(slug="vik-gammel")
    imported = import_document(copy.deepcopy(document))
    assert export_municipality(imported) == document
    changed = copy.deepcopy(document)
    changed["municipality"]["school_calendars"] = [changed["municipality"]["school_calendars"][0] | {"breaks": []}]
    import_document(changed, replace=True)
    kept = SchoolCalendar.objects.filter(municipality=imported).order_by("school_year")
    assert [(calendar.school_year, calendar.breaks.count()) for calendar in kept] == [(2023, 0), (2024, 0)]


def test_bad_calendars_are_reported_with_their_paths_and_nothing_is_imported(document):
    Municipality.objects.filter(slug="vik").update(slug="vik-gammel")
    SchoolCalendar.objects.all().delete()
    calendars = document["municipality"]["school_calendars"]
    calendars[0]["last_day"] = "2024-02-30"
    calendars[0]["breaks"][0]["ends_on"] = "2024-02-01"
    calendars[0]["breaks"][1]["starts_on"] = "2026-05-17"
    calendars[1]["school_year"] = 2023
    calendars[1]["first_day"] = "21.08.2024"
    paths = {problem.path for problem in validate_document(document)}
    where = "$.municipality.school_calendars"
    assert paths == {
        f"{where}[0].last_day",
        f"{where}[0].breaks[0].ends_on",
        f"{where}[0].breaks[1].starts_on",
        f"{where}[1].school_year",
        f"{where}[1].first_day",
        f"{where}[1].last_day",  # 2025-06-21 is outside 2023/2024
    }
    with pytest.raises(PlanFileError):
        import_document(document)
    assert not SchoolCalendar.objects.exists()


def test_the_demo_file_holds_sortlands_school_calendar_2023_24():
    calendars = json.loads(DEMO.read_text())["municipality"]["school_calendars"]
    [calendar] = calendars
    assert (calendar["school_year"], calendar["first_day"], calendar["last_day"]) == (2023, "2023-08-21", "2024-06-21")
    assert {school_break["kind"] for school_break in calendar["breaks"]} >= {"autumn", "christmas", "winter", "easter"}
    assert "Nordland" in calendar["note"]  # says where the dates come from
