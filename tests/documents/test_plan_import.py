"""Import of plan files: every problem reported by JSON path, all or nothing."""

import io
import json
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from documents import planfile
from documents.planfile import PlanFileError, export_municipality, import_document, plan_from_dict, validate_document
from meetings.models import ProgressEntry
from routines.models import Municipality, Plan, Region, Unit
from tests.support.factories import make_municipality, make_plan, make_plan_document, make_unit, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    # The messages are compared in their source language; nb and nn have translations.
    with translation.override("en"):
        yield


def problems_of(doc):
    return {problem.path: problem.message for problem in validate_document(doc)}


def refused(doc, replace=False):
    """Import must fail and leave every table as it was; returns {path: message}."""
    before = row_counts()
    with pytest.raises(PlanFileError) as error:
        import_document(doc, replace=replace)
    assert row_counts() == before
    assert error.value.problems
    return {problem.path: problem.message for problem in error.value.problems}


def test_a_valid_document_is_imported_with_every_part():
    municipality = import_document(make_plan_document())

    assert municipality.name == "Fjordby kommune"
    assert municipality.region.name == "Vesterålen"
    assert municipality.units.get(slug="lia-barnehage").owner == Unit.Owner.PRIVATE
    plan = municipality.plans.get()
    assert plan.status == Plan.Status.DRAFT and plan.language == Plan.Language.BOKMAL  # defaults
    timed, period = plan.progress_entries.order_by("starts_on")
    assert [group.name for group in timed.target_groups.all()] == ["Skoleledere"]
    assert sorted(timed.milestones.values_list("number", flat=True)) == [1, 2]
    assert timed.arena.abbreviation == "SUT" and timed.ends_at.hour == 15
    assert period.all_milestones and period.at_every_unit and period.is_period
    common, own = plan.routines.all()
    assert common.responsible.name == "Rektor" and common.bti_levels == [0]
    assert own.unit_texts.get().unit.slug == "fjordby-skole"


def test_wrong_types_are_reported_with_their_paths():
    doc = make_plan_document()
    doc["plans"][0]["title"] = 5
    doc["plans"][0]["school_year"] = "2023"
    doc["plans"][0]["progress_entries"][1]["at_every_unit"] = "ja"
    doc["municipality"]["units"] = {"slug": "fjordby-skole"}

    problems = refused(doc)

    assert problems["$.plans[0].title"] == "Expected text, found a whole number."
    assert problems["$.plans[0].school_year"] == "Expected a whole number, found text."
    assert problems["$.plans[0].progress_entries[1].at_every_unit"] == "Expected true or false, found text."
    assert problems["$.municipality.units"] == "Expected a list, found an object."


def test_missing_and_unknown_fields_are_reported_with_their_paths():
    doc = make_plan_document()
    del doc["municipality"]["name"]
    del doc["plans"][0]["title"]
    del doc["plans"][0]["progress_entries"][0]["starts_on"]
    doc["plans"][0]["progress_entries"][0]["weekday"] = "Tirs."

    problems = refused(doc)

    assert problems == {
        "$.municipality.name": "This field is missing.",
        "$.plans[0].title": "This field is missing.",
        "$.plans[0].progress_entries[0].starts_on": "This field is missing.",
        "$.plans[0].progress_entries[0].weekday": "Unknown field.",
    }


def test_unknown_milestone_numbers_are_reported_where_they_are_used():
    doc = make_plan_document()
    doc["plans"][0]["progress_entries"][0]["milestones"] = [1, 7]
    doc["plans"][0]["routines"][0]["milestones"] = [9]

    problems = refused(doc)

    assert problems == {
        "$.plans[0].progress_entries[0].milestones[1]": "There is no milestone number 7 in this plan.",
        "$.plans[0].routines[0].milestones[0]": "There is no milestone number 9 in this plan.",
    }


def test_duplicate_milestone_numbers_are_reported():
    doc = make_plan_document()
    doc["plans"][0]["milestones"].append({"number": 1, "text": "Igjen"})

    assert refused(doc) == {
        "$.plans[0].milestones[2].number": "Milestone number 1 is used more than once in this plan."
    }


def test_a_period_ending_before_it_starts_is_reported():
    doc = make_plan_document()
    doc["plans"][0]["progress_entries"][1]["ends_on"] = "2023-08-31"

    assert refused(doc) == {
        "$.plans[0].progress_entries[1].ends_on": "The period ends on 2023-08-31, before it starts on 2023-09-01."
    }


def test_impossible_dates_and_times_are_reported_once():
    doc = make_plan_document()
    entry = doc["plans"][0]["progress_entries"][0]
    entry["starts_on"] = "2023-02-30"
    entry["ends_on"] = "4.9.2023"
    entry["starts_at"] = "25:00"
    doc["plans"][0]["progress_entries"][1]["ends_at"] = "15:00"

    assert refused(doc) == {
        "$.plans[0].progress_entries[0].starts_on": "“2023-02-30” is not a date (YYYY-MM-DD).",
        "$.plans[0].progress_entries[0].ends_on": "Write dates as YYYY-MM-DD.",
        "$.plans[0].progress_entries[0].starts_at": "Write times as HH:MM.",
        "$.plans[0].progress_entries[1].ends_at": "An end time needs a start time.",
    }


def test_unknown_references_are_reported():
    doc = make_plan_document()
    plan = doc["plans"][0]
    plan["progress_entries"][0]["target_groups"] = ["Skoleledere", "Elever"]
    plan["progress_entries"][0]["arena"] = "SKUT"
    plan["routines"][0]["responsible"] = "Kommunedirektør"
    plan["routines"][1]["unit_texts"].append({"unit": "sortland-barneskole"})

    assert refused(doc) == {
        "$.plans[0].progress_entries[0].target_groups[1]": "There is no target group with the key or name “Elever” in this plan.",
        "$.plans[0].progress_entries[0].arena": "There is no arena with the key or name “SKUT” in this plan.",
        "$.plans[0].routines[0].responsible": "There is no actor with the key or name “Kommunedirektør” in this plan.",
        "$.plans[0].routines[1].unit_texts[1].unit": "There is no unit with the slug “sortland-barneskole” in the municipality.",
    }


def test_referenced_names_must_be_unique_and_other_names_may_repeat():
    doc = make_plan_document()
    plan = doc["plans"][0]
    plan["arenas"].append({"name": "Skoleeiers utviklingsgruppe"})  # referenced by an entry
    plan["actors"].append({"name": "Rektor"})  # referenced by a routine
    plan["target_groups"].append({"name": "Styrere"})  # target groups are always unique
    plan["actors"] += [{"name": "Foresatte"}, {"name": "Foresatte"}]  # not referenced: allowed
    doc["municipality"]["units"].append({"slug": "lia-barnehage", "name": "Lia", "kind": "kindergarten"})
    plan["routines"][1]["unit_texts"].append({"unit": "fjordby-skole"})

    assert set(refused(doc)) == {
        "$.plans[0].arenas[1].name",
        "$.plans[0].actors[1].name",
        "$.plans[0].target_groups[2].name",
        "$.municipality.units[2].slug",
        "$.plans[0].routines[1].unit_texts[1].unit",
    }


def test_unit_texts_on_a_common_routine_are_reported():
    doc = make_plan_document()
    doc["plans"][0]["routines"][0]["unit_texts"] = [{"unit": "fjordby-skole", "body": "Tekst"}]

    assert refused(doc) == {
        "$.plans[0].routines[0].unit_texts": (
            "Only unit-specific routines (scope “unit”), and common routines that allow a local supplement, "
            "have units' own texts."
        )
    }


def test_bti_levels_and_choices_outside_the_format_are_reported():
    doc = make_plan_document()
    doc["plans"][0]["routines"][0]["bti_levels"] = [0, 4]
    doc["plans"][0]["status"] = "published"
    doc["plans"][0]["progress_entries"][0]["milestones"] = "Alle"
    doc["format_version"] = 3

    assert refused(doc) == {
        "$.plans[0].routines[0].bti_levels[1]": "Must be at most 3.",
        "$.plans[0].status": 'Unknown value "published". Allowed values: "draft", "approved", "archived".',
        "$.plans[0].progress_entries[0].milestones": "Write a list of milestone numbers or “all”.",
        "$.format_version": "Must be 2.",
    }


def test_a_goal_is_one_line():
    doc = make_plan_document()
    doc["plans"][0]["focus_areas"] = [{"name": "Tidlig innsats", "goals": ["Første", "Andre\nTredje"]}]

    assert set(refused(doc)) == {"$.plans[0].focus_areas[0].goals[1]"}


@pytest.mark.parametrize("doc", [None, [], "kibs", {"format": "kibs-plan"}])
def test_anything_else_than_a_plan_file_is_refused(doc):
    assert refused(doc)


def test_an_existing_municipality_needs_replace():
    import_document(make_plan_document())

    problems = refused(make_plan_document())

    assert list(problems) == ["$.municipality.slug"]
    assert "--replace" in problems["$.municipality.slug"]


def test_replace_updates_the_municipality_and_replaces_plans_of_the_same_year_and_title():
    municipality = import_document(make_plan_document())
    kept_unit = make_unit(municipality, slug="gammel-skole", name="Gammel skole")
    other_plan = make_plan(municipality, title="KIBS handlingsplan", school_year=2022)
    doc = make_plan_document()
    doc["municipality"]["name"] = "Fjordby kommune (ny)"
    doc["municipality"]["units"][0]["name"] = "Fjordby skole og SFO"
    doc["plans"][0]["milestones"].append({"number": 3, "text": "Ny milepæl"})

    import_document(doc, replace=True)

    municipality.refresh_from_db()
    assert municipality.name == "Fjordby kommune (ny)"
    slugs = sorted(municipality.units.values_list("slug", flat=True))
    assert slugs == ["fjordby-skole", "gammel-skole", "lia-barnehage"]
    assert municipality.units.get(slug="fjordby-skole").name == "Fjordby skole og SFO"
    assert Unit.objects.filter(pk=kept_unit.pk).exists()
    assert Plan.objects.filter(pk=other_plan.pk).exists()
    replaced = municipality.plans.get(school_year=2023)
    assert replaced.milestones.count() == 3
    assert municipality.plans.count() == 2
    assert ProgressEntry.objects.filter(plan__municipality=municipality).count() == 2  # old entries are gone


def test_import_is_all_or_nothing():
    doc = make_plan_document()
    doc["plans"].append({**doc["plans"][0], "title": "Plan nummer to"})
    before = row_counts()
    create_plan = planfile._create_plan
    calls = []

    def fail_on_second_plan(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return create_plan(*args)

    with mock.patch.object(planfile, "_create_plan", fail_on_second_plan), pytest.raises(RuntimeError):
        import_document(doc)

    assert len(calls) == 2
    assert row_counts() == before


def test_plan_from_dict_validates_with_its_overrides_and_creates_nothing_when_wrong():
    municipality = make_municipality()
    data = make_plan_document()["plans"][0]
    del data["routines"][1]["unit_texts"]
    before = row_counts()

    with pytest.raises(PlanFileError) as error:
        plan_from_dict(municipality, data, school_year=1999, colour="red")

    assert {problem.path for problem in error.value.problems} == {"$.school_year", "$.colour"}
    assert row_counts() == before
    plan = plan_from_dict(municipality, data, title="Fra mal", status="approved")
    assert (plan.title, plan.status, plan.school_year) == ("Fra mal", "approved", 2023)


def test_plan_from_dict_resolves_unit_texts_in_the_target_municipality():
    municipality = make_municipality()
    data = make_plan_document()["plans"][0]

    with pytest.raises(PlanFileError) as error:
        plan_from_dict(municipality, data)
    assert [problem.path for problem in error.value.problems] == ["$.routines[1].unit_texts[0].unit"]

    unit = make_unit(municipality, slug="fjordby-skole")
    plan = plan_from_dict(municipality, data)
    assert plan.routines.get(scope="unit").unit_texts.get().unit == unit


# Commands ------------------------------------------------------------------


def write(path, doc):
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_import_command_prints_every_problem_and_changes_nothing(tmp_path):
    doc = make_plan_document()
    doc["plans"][0]["milestones"].append({"number": 2, "text": "Dobbel"})
    doc["plans"][0]["progress_entries"][1]["ends_on"] = "2023-08-01"
    path = write(tmp_path / "fjordby.json", doc)
    before = row_counts()
    stderr = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_plan", path, stdout=io.StringIO(), stderr=stderr)

    assert row_counts() == before
    lines = stderr.getvalue().splitlines()
    assert f"{path}:" in lines
    assert "$.plans[0].milestones[2].number: Milestone number 2 is used more than once in this plan." in lines
    assert (
        "$.plans[0].progress_entries[1].ends_on: The period ends on 2023-08-01, before it starts on 2023-09-01."
        in lines
    )


def test_import_command_needs_replace_for_an_existing_municipality(tmp_path):
    path = write(tmp_path / "fjordby.json", make_plan_document())
    call_command("import_plan", path, stdout=io.StringIO())
    stderr = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_plan", path, stdout=io.StringIO(), stderr=stderr)
    assert "--replace" in stderr.getvalue()

    out = io.StringIO()
    call_command("import_plan", path, "--replace", stdout=out)
    assert "Fjordby kommune" in out.getvalue()
    assert Plan.objects.count() == 1


def test_import_command_reports_a_file_that_is_not_json(tmp_path):
    (tmp_path / "broken.json").write_text('{"format": "kibs-plan",', encoding="utf-8")
    stderr = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_plan", str(tmp_path / "broken.json"), stderr=stderr)

    assert "$: The file is not valid JSON" in stderr.getvalue()


def test_import_of_a_directory_is_one_transaction(tmp_path):
    write(tmp_path / "a-fjordby.json", make_plan_document())
    broken = make_plan_document()
    broken["municipality"]["slug"] = "nabo"
    broken["plans"][0]["routines"][0]["responsible"] = "Ingen"
    write(tmp_path / "b-nabo.json", broken)
    stderr = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_plan", str(tmp_path), stdout=io.StringIO(), stderr=stderr)

    assert not Municipality.objects.exists()  # the good file was rolled back with the bad one
    assert (
        "$.plans[0].routines[0].responsible: There is no actor with the key or name “Ingen” in this plan."
        in stderr.getvalue()
    )


def test_export_all_and_import_of_the_directory_restores_every_municipality(tmp_path):
    import_document(make_plan_document())
    second = make_plan_document()
    second["municipality"].update(slug="nabo", name="Nabo kommune", region=None)
    second["plans"].append({"title": "Neste år", "school_year": 2024})
    import_document(second)
    third = make_plan_document()
    third["municipality"].update(slug="tredje", name="Tredje kommune", units=[])
    third["plans"] = []
    import_document(third)
    before = {m.slug: export_municipality(m) for m in Municipality.objects.all()}

    call_command("export_plan", "--all", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    assert sorted(path.name for path in (tmp_path / "backup").iterdir()) == ["fjordby.json", "nabo.json", "tredje.json"]
    Plan.objects.all().delete()
    Unit.objects.all().delete()
    Municipality.objects.all().delete()
    Region.objects.all().delete()

    call_command("import_plan", str(tmp_path / "backup"), stdout=io.StringIO())

    assert {m.slug: export_municipality(m) for m in Municipality.objects.all()} == before


def test_export_command_refuses_an_unknown_slug():
    with pytest.raises(CommandError):
        call_command("export_plan", "atlantis", stdout=io.StringIO())


def test_a_legal_reference_link_must_be_a_web_address():
    doc = make_plan_document()
    doc["plans"][0]["routines"][0]["legal_references"] = [
        {"citation": "Opplæringsloven kap. 12", "url": "javascript:alert(1)"}
    ]
    problems = refused(doc)
    assert any(path.endswith("legal_references[0].url") for path in problems)
