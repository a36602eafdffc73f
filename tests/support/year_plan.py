"""A small progress plan shaped like Sortland's 2023/2024 (seed 001), for the year-view tests."""

import datetime
from types import SimpleNamespace

from meetings.models import Arena
from routines.models import Unit
from tests.support.factories import make_arena, make_entry, make_milestone, make_plan, make_target_group

KINDERGARTEN, SCHOOL, SFO = Unit.Kind.KINDERGARTEN, Unit.Kind.SCHOOL, Unit.Kind.SFO


def entry(plan, day, content, groups=(), milestones=(), **fields):
    made = make_entry(plan, starts_on=datetime.date.fromisoformat(day), content=content, **fields)
    made.target_groups.set(groups)
    made.milestones.set(milestones)
    return made


def make_year_plan(municipality=None, **plan_fields):
    plan = make_plan(municipality, **plan_fields)
    m = {number: make_milestone(plan, number=number) for number in range(1, 6)}
    staff = make_target_group(plan, name="Kompetansetiltak for ansatte", unit_kinds=[KINDERGARTEN, SCHOOL, SFO])
    school_leaders = make_target_group(plan, name="Skoleledere", unit_kinds=[SCHOOL])
    kindergarten_leaders = make_target_group(plan, name="Styrere", unit_kinds=[KINDERGARTEN])
    sut_bug = make_target_group(plan, name="SUT og/eller BUG", unit_kinds=[KINDERGARTEN, SCHOOL])
    parents = make_target_group(plan, name="Foresatte")
    sut = make_arena(plan, name="Skoleeiers utviklingsgruppe", abbreviation="SUT", unit_kinds=[SCHOOL])
    bug = make_arena(plan, name="Barnehagenes utviklingsgruppe", abbreviation="BUG", unit_kinds=[KINDERGARTEN])
    skut = make_arena(plan, name="SKUT", scope=Arena.Scope.EVERY_UNIT, unit_kind=SCHOOL)
    e = SimpleNamespace(
        plan=plan,
        milestones=m,
        sut=sut,
        bug=bug,
        skut=skut,
        sut_bug=sut_bug,
        parents=parents,
        staff=staff,
        school_leaders=school_leaders,
        kindergarten_leaders=kindergarten_leaders,
    )
    e.fagdag = entry(
        plan,
        "2023-08-14",
        "Halv fagdag for alle lærere\n\n- Handlingsplan KIBS",
        [staff],
        [m[2], m[3], m[4]],
        starts_at=datetime.time(12),
        ends_at=datetime.time(15, 30),
        place="Møysalen",
    )
    e.skoleledermote = entry(plan, "2023-08-28", "Skoleledermøte", [school_leaders], all_milestones=True)
    e.styrermote = entry(plan, "2023-08-29", "Styrermøte kommunale", [kindergarten_leaders], all_milestones=True)
    e.bti_period = entry(
        plan,
        "2023-09-01",
        "BTI, felles forståelse nivå 0",
        (),
        [m[4]],
        ends_on=datetime.date(2023, 11, 30),
        at_every_unit=True,
    )
    e.sut_meeting = entry(plan, "2023-09-04", "SUT", [sut_bug], arena=sut, all_milestones=True, comment="Heldagsmøte")
    e.bug_meeting = entry(plan, "2023-09-08", "BUG", [sut_bug], arena=bug, all_milestones=True)
    e.ledersamling = entry(
        plan, "2023-09-14", "Ledersamling", [school_leaders, kindergarten_leaders], ends_on=datetime.date(2023, 9, 15)
    )
    e.np_period = entry(
        plan,
        "2023-10-01",
        "Gjennomgang resultater fra Nasjonale prøver",
        (),
        [m[2]],
        ends_on=datetime.date(2023, 10, 31),
        at_every_unit=True,
        unit_kinds=[SCHOOL],
    )
    e.skut_samling = entry(plan, "2023-10-05", "SKUT-samling", (), [m[2], m[3], m[4]], arena=skut)
    e.fau = entry(plan, "2023-10-26", "Kurs 1 – Grunnleggende programmering", [parents])
    e.juni = entry(plan, "2024-06-10", "Felles styrer-/skoleledermøte", [kindergarten_leaders, school_leaders])
    e.all = [
        e.fagdag,
        e.skoleledermote,
        e.styrermote,
        e.bti_period,
        e.sut_meeting,
        e.bug_meeting,
        e.ledersamling,
        e.np_period,
        e.skut_samling,
        e.fau,
        e.juni,
    ]
    return e
