"""The plan files' round trip: `export_plan --all -o dir/`, then `import_plan dir/` into an empty database.

test_plan_import.py checks the round trip with small files; this one takes
what a real installation holds: the demo municipality, a municipality with an
approved plan, its draft revision (same title and year) and next year's plan,
and one without a region. The database is emptied completely in between.
"""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from documents.services import approve_plan, start_next_year, start_revision
from routines.models import Membership, Municipality, Plan, Routine
from tests.support.factories import (
    make_actor,
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_unit,
    make_unit_text,
)

pytestmark = pytest.mark.django_db(transaction=True)


def content_rows():
    return sum(
        model.objects.count() for app in ("routines", "meetings") for model in apps.get_app_config(app).get_models()
    )


def build_installation():
    call_command("load_demo", stdout=io.StringIO())
    fjordby = make_municipality(slug="fjordby", name="Fjordby kommune")
    advisor = make_member(Membership.Role.ADVISOR, fjordby)
    plan = Plan.objects.create(municipality=fjordby, title="KIBS", subtitle="Handlingsplan 2023/2024", school_year=2023)
    make_actor(plan, name="Rektor", duties=["Leder SKUT", "Følger opp"])
    make_entry(plan, content="Oppstart").milestones.add(make_milestone(plan))
    routine = Routine.objects.create(plan=plan, title="Egen rutine", scope=Routine.Scope.UNIT)
    make_unit_text(routine, make_unit(fjordby, slug="fjordby-skole"), body="Skolens tekst", status="done")
    approve_plan(plan, advisor)
    revision = start_revision(plan, advisor)
    revision.actors.get().duties.first().delete()
    start_next_year(plan, advisor)
    lone = make_municipality(slug="utenfor", name="Utenfor kommune", region=None)
    Plan.objects.create(municipality=lone, title="Tom plan", school_year=2024, intro="Bare en innledning")


def test_export_all_then_import_into_an_empty_database_restores_everything_exactly(tmp_path):
    build_installation()
    assert Municipality.objects.count() == 4 and Plan.objects.count() == 7  # the demo's Sortland and Hadsel
    plans = sorted(Plan.objects.values_list("municipality__slug", "school_year", "status"))
    call_command("export_plan", "--all", "-o", str(tmp_path / "backup"), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    assert content_rows() == 0

    call_command("import_plan", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("export_plan", "--all", "-o", str(tmp_path / "again"), stdout=io.StringIO())

    files = sorted(path.name for path in (tmp_path / "backup").iterdir())
    assert files == ["fjordby.json", "hadsel.json", "sortland.json", "utenfor.json"]
    for name in files:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "backup" / name).read_bytes()
    assert sorted(Plan.objects.values_list("municipality__slug", "school_year", "status")) == plans
    assert ("fjordby", 2023, "approved") in plans and ("fjordby", 2023, "draft") in plans
