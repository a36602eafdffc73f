"""Generate a national-scale data set for the load benchmark.

357 municipalities in 11 regions, about 3 000 units, one plan per
municipality with 56 routines (about 20 000 in all), and an advisor per
municipality (user name "advisor-<slug>", password from BENCH_PASSWORD).
Rows are made with bulk_create, so the whole set takes well under a minute.

    DATABASE_URL=postgres://... python benchmarks/generate_national.py

Refuses to run on a database that already has municipalities, unless they are
exactly a previous run of this script (then it does nothing).
"""

import datetime
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kibs.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402

from meetings.models import Arena, ProgressEntry, TargetGroup  # noqa: E402
from routines.models import (  # noqa: E402
    Actor,
    FocusArea,
    Membership,
    Milestone,
    Municipality,
    Plan,
    Region,
    Routine,
    Section,
    Unit,
    UnitRoutineText,
)

REGIONS = 11
MUNICIPALITIES = 357
UNITS_PER_MUNICIPALITY = (5, 12)  # smallest and largest; averages 8.4 → ~3 000
ROUTINES_PER_PLAN = 56  # 357 × 56 = 19 992
UNIT_ROUTINES_PER_PLAN = 6  # of which each unit writes its own text

BODY = (
    "Rutinen beskriver **hva** som gjøres, **hvem** som gjør det og **når**.\n\n"
    "1. Pedagogisk leder kartlegger behovet.\n"
    "2. Styrer eller rektor drøfter saken i ressursteamet.\n"
    "3. Foresatte involveres og samtykker.\n\n"
    "Se også [Udir](https://www.udir.no/) og kommunens veileder for tidlig innsats."
)


def generate():
    password = make_password(os.environ.get("BENCH_PASSWORD", "benchmark-password"))
    User = get_user_model()
    regions = Region.objects.bulk_create(Region(slug=f"region-{r}", name=f"Region {r}") for r in range(REGIONS))
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            slug=f"kommune-{m:03}", name=f"Kommune {m:03}", region=regions[m % REGIONS], vision="Alle barn skal lykkes."
        )
        for m in range(MUNICIPALITIES)
    )
    low, high = UNITS_PER_MUNICIPALITY
    units = Unit.objects.bulk_create(
        Unit(
            municipality=municipality,
            slug=f"enhet-{u}",
            name=f"{'Barnehage' if u % 2 else 'Skole'} {u} i {municipality.name}",
            kind=Unit.Kind.KINDERGARTEN if u % 2 else Unit.Kind.SCHOOL,
        )
        for index, municipality in enumerate(municipalities)
        for u in range(low + index % (high - low + 1))
    )
    units_of = {}
    for unit in units:
        units_of.setdefault(unit.municipality_id, []).append(unit)

    plans = Plan.objects.bulk_create(
        Plan(
            municipality=municipality,
            title="Plan for kvalitet i barnehage og skole",
            school_year=2025,
            status=Plan.Status.APPROVED,
            next_review_on=datetime.date(2026, 8, 1),
            intro="Planen samler kommunens **rutiner** for tidlig innsats og et godt læringsmiljø.",
        )
        for municipality in municipalities
    )
    FocusArea.objects.bulk_create(
        FocusArea(plan=plan, position=p, name=f"Innsatsområde {p + 1}", goals="Mål én\nMål to\nMål tre")
        for plan in plans
        for p in range(3)
    )
    Section.objects.bulk_create(
        Section(plan=plan, position=p, title=f"Kunnskapsgrunnlag {p + 1}", body=BODY)
        for plan in plans
        for p in range(4)
    )
    milestones = Milestone.objects.bulk_create(
        Milestone(plan=plan, number=n, text=f"Milepæl {n}: alle enheter vurderer eget ståsted")
        for plan in plans
        for n in range(1, 6)
    )
    actors = Actor.objects.bulk_create(
        Actor(plan=plan, position=p, name=name, role="Ansvarlig")
        for plan in plans
        for p, name in enumerate(["Kommunalsjef", "Styrer", "Rektor", "PPT", "Helsesykepleier"])
    )
    actors_of = {}
    for actor in actors:
        actors_of.setdefault(actor.plan_id, []).append(actor)
    routines = Routine.objects.bulk_create(
        Routine(
            next_review_on=datetime.date(2026, 8, 1),
            plan=plan,
            position=r,
            title=f"Rutine {r + 1}: oppfølging av barn og elever",
            scope=Routine.Scope.UNIT if r < UNIT_ROUTINES_PER_PLAN else Routine.Scope.COMMON,
            responsible=actors_of[plan.pk][r % 5],
            frequency="Hver høst",
            body=BODY,
            bti_levels=[r % 4],
        )
        for plan in plans
        for r in range(ROUTINES_PER_PLAN)
    )
    plan_municipality = {plan.pk: plan.municipality_id for plan in plans}
    UnitRoutineText.objects.bulk_create(
        UnitRoutineText(routine=routine, unit=unit, body="Vår enhet gjør slik: …", status=UnitRoutineText.Status.DONE)
        for routine in routines
        if routine.scope == Routine.Scope.UNIT
        for unit in units_of[plan_municipality[routine.plan_id]]
    )
    Routine.milestones.through.objects.bulk_create(
        Routine.milestones.through(routine=routine, milestone=milestone)
        for routine, milestone in zip(routines, milestones * (len(routines) // len(milestones) + 1), strict=False)
    )
    TargetGroup.objects.bulk_create(
        TargetGroup(plan=plan, position=p, name=name)
        for plan in plans
        for p, name in enumerate(["Styrere", "Rektorer"])
    )
    Arena.objects.bulk_create(
        Arena(plan=plan, position=0, name="Ressursteam", purpose="Drøfte saker tidlig.") for plan in plans
    )
    ProgressEntry.objects.bulk_create(
        ProgressEntry(plan=plan, starts_on=f"2025-{month:02}-10", content=f"Nettverksmøte {month}")
        for plan in plans
        for month in (9, 10, 11, 1, 2, 3)
    )
    advisors = User.objects.bulk_create(
        User(username=f"advisor-{municipality.slug}", password=password) for municipality in municipalities
    )
    Membership.objects.bulk_create(
        Membership(user=user, role=Membership.Role.ADVISOR, municipality=municipality)
        for user, municipality in zip(advisors, municipalities, strict=False)
    )
    return {
        "municipalities": len(municipalities),
        "units": len(units),
        "plans": len(plans),
        "routines": len(routines),
        "unit texts": UnitRoutineText.objects.count(),
    }


def main():
    existing = Municipality.objects.count()
    if existing == MUNICIPALITIES and Routine.objects.count() == MUNICIPALITIES * ROUTINES_PER_PLAN:
        print("National data set already there; nothing to do.")
        return
    if existing:
        sys.exit("The database already has other data; use an empty, migrated database.")
    with transaction.atomic():
        counts = generate()
    print(", ".join(f"{value} {name}" for name, value in counts.items()))


if __name__ == "__main__":
    main()
