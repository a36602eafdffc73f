"""Export of plan files: complete, deterministic, and lossless through an import."""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.planfile import export_municipality, import_document, plan_from_dict, plan_to_dict, validate_document
from meetings.models import Arena
from routines.models import Municipality, Plan, Region, Routine, Unit
from tests.support.factories import (
    make_actor,
    make_arena,
    make_entry,
    make_focus_area,
    make_legal_reference,
    make_milestone,
    make_municipality,
    make_plan,
    make_region,
    make_routine,
    make_section,
    make_target_group,
    make_unit,
    make_unit_text,
    row_counts,
)

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"


def build_full_municipality():
    """A municipality whose plan has every kind of part, created partly out of order."""
    region = make_region(slug="vesteralen", name="Vesterålen")
    municipality = make_municipality(slug="sortland", name="Sortland kommune", region=region, vision="Alle barn …")
    school = make_unit(municipality, slug="sortland-barneskole", name="Sortland barneskole", kind=Unit.Kind.SCHOOL)
    kindergarten = make_unit(
        municipality, slug="lia-barnehage", name="Lia barnehage", kind=Unit.Kind.KINDERGARTEN, owner=Unit.Owner.PRIVATE
    )
    plan = make_plan(
        municipality,
        title="KIBS – handlingsplan",
        subtitle="Handlingsplan 2023/2024",
        school_year=2023,
        status=Plan.Status.APPROVED,
        language=Plan.Language.NYNORSK,
        intro="Innleiing i **Markdown**",
    )
    make_focus_area(
        plan, name="Tidlig innsats", position=1, goals="Barn skal få hjelp tidlig\n\n  Foreldre skal involveres "
    )
    make_focus_area(plan, name="Lek og læringsmiljø", position=0, goals="")
    make_section(plan, title="Kompetansebehov", guiding_question="Hva trenger vi?", body="Tekst", position=0)
    plan.level_names = "I enheten\nPå tvers av enheter\nKommunalt team"
    plan.save()
    leaders = make_actor(plan, name="Ledelsen i barnehage og skole", role="Ansvarlig", duties=["Leder", "Følger opp"])
    make_actor(plan, name="Foresatte", role="", duties=[])
    third = make_milestone(plan, number=3, text="Tredje")
    first = make_milestone(plan, number=1, text="Første")
    second = make_milestone(plan, number=2, text="Andre")
    leaders_group = make_target_group(plan, name="Skoleledere", position=0)
    staff_group = make_target_group(plan, name="Styrere", position=1)
    sut = make_arena(
        plan,
        name="Skoleeiers utviklingsgruppe",
        abbreviation="SUT",
        category=Arena.Category.GROUP,
        position=0,
        bti_levels=[0, 1],
    )
    make_arena(
        plan,
        name="Skolens utviklingsteam",
        abbreviation="SKUT",
        category=Arena.Category.GROUP,
        scope=Arena.Scope.EVERY_UNIT,
        unit_kind=Unit.Kind.SCHOOL,
        purpose="Utvikling",
        audience="Alle elever på skolen",
        led_by="Rektor",
        responsible="Kommunalsjef",
        minute_taker="Sosiallærer",
        fixed_participants="Rektor\nSosiallærer\n",
        invited_participants="PPT-rådgiver",
        participants="Lærere",
        frequency="Hver måned",
        position=1,
        escalates_to=sut,
        escalation_criterion="Når tiltakene ikke har hjulpet",
    )
    timed = make_entry(
        plan,
        starts_on=datetime.date(2023, 8, 14),
        starts_at=datetime.time(12, 0),
        ends_at=datetime.time(15, 30),
        place="Møysalen",
        comment="Tirs. 14.",
        content="Halv fagdag\n\n- OMNI",
        arena=sut,
    )
    timed.target_groups.set([staff_group, leaders_group])
    timed.milestones.set([third, second])
    untimed_same_day = make_entry(plan, starts_on=datetime.date(2023, 8, 14), content="Hele dagen")
    untimed_same_day.milestones.set([first])
    make_entry(
        plan,
        starts_on=datetime.date(2023, 9, 1),
        ends_on=datetime.date(2023, 11, 30),
        content="Pedagogisk analyse ved hver enhet",
        at_every_unit=True,
        all_milestones=True,
    )
    common = make_routine(
        plan,
        title="Undring og bekymring",
        scope=Routine.Scope.COMMON,
        responsible=leaders,
        frequency="Fortløpende",
        body="Tekst",
        bti_levels=[0, 1],
        position=0,
    )
    common.milestones.set([second, first])
    make_legal_reference(common, citation="Opplæringsloven kap. 12", url="https://lovdata.no/", position=0)
    make_legal_reference(common, citation="Barnehageloven § 2", position=1)
    own = make_routine(
        plan, title="Enhetens egen rutine", scope=Routine.Scope.UNIT, position=1, unit_kinds=["kindergarten", "school"]
    )
    make_unit_text(own, school, status="draft", body="Skolens tekst")
    make_unit_text(own, kindergarten, status="done", body="Barnehagens tekst")
    make_plan(municipality, title="Eldre plan", school_year=2022)
    return municipality


def delete_everything():
    Plan.objects.all().delete()
    Unit.objects.all().delete()
    Municipality.objects.all().delete()
    Region.objects.all().delete()
    assert not any(row_counts()[label] for label in row_counts() if not label.startswith("auth."))


ARENA_FIELDS = [
    "audience",
    "responsible",
    "minute_taker",
    "fixed_participants",
    "invited_participants",
    "escalates_to",
    "escalation_criterion",
]


def test_export_holds_every_part_in_the_plans_order():
    doc = export_municipality(build_full_municipality())
    assert validate_document(doc) == []
    assert doc["format"] == "kibs-plan" and doc["format_version"] == 2
    assert doc["municipality"]["region"] == {"slug": "vesteralen", "name": "Vesterålen"}
    assert [unit["slug"] for unit in doc["municipality"]["units"]] == ["lia-barnehage", "sortland-barneskole"]
    assert [plan["school_year"] for plan in doc["plans"]] == [2022, 2023]
    plan = doc["plans"][1]
    assert [area["name"] for area in plan["focus_areas"]] == ["Lek og læringsmiljø", "Tidlig innsats"]
    assert plan["focus_areas"][1]["goals"] == ["Barn skal få hjelp tidlig", "Foreldre skal involveres"]
    assert plan["actors"][0]["duties"] == ["Leder", "Følger opp"]
    assert [milestone["number"] for milestone in plan["milestones"]] == [1, 2, 3]
    assert plan["arenas"][1]["scope"] == "every_unit" and plan["arenas"][1]["unit_kind"] == "school"
    assert plan["levels"] == ["I enheten", "På tvers av enheter", "Kommunalt team"]
    assert {field: plan["arenas"][1][field] for field in ARENA_FIELDS} == {
        "audience": "Alle elever på skolen",
        "responsible": "Kommunalsjef",
        "minute_taker": "Sosiallærer",
        "fixed_participants": ["Rektor", "Sosiallærer"],
        "invited_participants": ["PPT-rådgiver"],
        "escalates_to": "arena-1",
        "escalation_criterion": "Når tiltakene ikke har hjulpet",
    }
    entries = plan["progress_entries"]
    assert [entry["content"] for entry in entries] == [
        "Hele dagen",
        "Halv fagdag\n\n- OMNI",
        "Pedagogisk analyse ved hver enhet",
    ]
    assert entries[1] == {
        "kind": "course",
        "precision": "day",
        "starts_on": "2023-08-14",
        "ends_on": None,
        "starts_at": "12:00",
        "ends_at": "15:30",
        "place": "Møysalen",
        "comment": "Tirs. 14.",
        "content": "Halv fagdag\n\n- OMNI",
        "target_groups": ["group-1", "group-2"],
        "milestones": [2, 3],
        "arena": "arena-1",
        "at_every_unit": False,
        "unit_kinds": [],
        "unit_owner": "",
    }
    assert entries[2]["ends_on"] == "2023-11-30" and entries[2]["milestones"] == "all" and entries[2]["at_every_unit"]
    common, own = plan["routines"]
    assert [group["name"] for group in plan["target_groups"]] == ["Skoleledere", "Styrere"]
    assert plan["arenas"][0] == {**plan["arenas"][0], "key": "arena-1", "name": "Skoleeiers utviklingsgruppe"}
    assert plan["actors"][0] == {**plan["actors"][0], "key": "actor-1", "name": "Ledelsen i barnehage og skole"}
    assert common["responsible"] == "actor-1" and common["milestones"] == [1, 2]
    assert common["legal_references"] == [
        {"citation": "Opplæringsloven kap. 12", "url": "https://lovdata.no/"},
        {"citation": "Barnehageloven § 2", "url": ""},
    ]
    assert common["unit_kinds"] == [] and own["unit_kinds"] == ["kindergarten", "school"]
    assert own["unit_texts"] == [
        {"unit": "lia-barnehage", "status": "done", "body": "Barnehagens tekst"},
        {"unit": "sortland-barneskole", "status": "draft", "body": "Skolens tekst"},
    ]


def test_export_import_export_is_identical():
    first = export_municipality(build_full_municipality())
    delete_everything()

    municipality = import_document(json.loads(json.dumps(first)))

    again = export_municipality(municipality)
    assert again == first
    assert json.dumps(again, ensure_ascii=False) == json.dumps(first, ensure_ascii=False)
    entry = municipality.plans.get(school_year=2023).progress_entries.get(ends_on__isnull=False)
    assert entry.all_milestones and entry.at_every_unit


def test_export_of_one_school_year():
    municipality = build_full_municipality()
    doc = export_municipality(municipality, school_year=2022)
    assert [plan["title"] for plan in doc["plans"]] == ["Eldre plan"]
    assert len(doc["municipality"]["units"]) == 2


def test_a_municipality_without_region_exports_null():
    doc = export_municipality(make_municipality(region=None))
    assert doc["municipality"]["region"] is None
    assert doc["plans"] == [] and validate_document(doc) == []


def test_copy_a_plan_with_plan_to_dict_and_plan_from_dict():
    municipality = build_full_municipality()
    original = municipality.plans.get(school_year=2023)

    copy = plan_from_dict(municipality, plan_to_dict(original), title="Kopi", school_year=2024, status="draft")

    assert copy.pk != original.pk
    assert plan_to_dict(copy) == {**plan_to_dict(original), "title": "Kopi", "school_year": 2024, "status": "draft"}


def test_export_command_writes_the_document_to_stdout_or_a_file(tmp_path):
    municipality = build_full_municipality()
    out = io.StringIO()
    call_command("export_plan", "sortland", "--year", "2023", stdout=out)
    assert json.loads(out.getvalue()) == export_municipality(municipality, school_year=2023)

    call_command("export_plan", "sortland", "-o", str(tmp_path / "plan.json"), stdout=io.StringIO())
    text = (tmp_path / "plan.json").read_text(encoding="utf-8")
    assert "Sortland barneskole" in text  # Norwegian letters as they are, not \u escapes
    assert json.loads(text) == export_municipality(municipality)


def test_the_example_in_the_format_description_is_a_valid_document():
    text = (DOCS / "plan-format.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1)
    assert validate_document(json.loads(example)) == []
