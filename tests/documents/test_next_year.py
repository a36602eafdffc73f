"""Next school year's plan: a draft copy in which nothing drifts (meetings keep weekday and week of the month,
deadlines their date, month and term items their months)."""

import datetime

import pytest
from django.urls import reverse

from documents.planfile import export_municipality
from documents.services import approve_plan
from routines.models import Membership, Plan, Routine
from routines.school_year import same_date_next_year, same_months_next_year, same_weekday_of_month_next_year
from tests.support.factories import (
    make_actor,
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_target_group,
    make_unit,
    make_unit_text,
)

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR
D = datetime.date


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2023, 8, 14), D(2024, 8, 12)),  # the second Monday of August
        (D(2023, 10, 26), D(2024, 10, 24)),  # the fourth Thursday of October
        (D(2023, 9, 5), D(2024, 9, 3)),  # the first Tuesday of September
        (D(2023, 8, 31), D(2024, 8, 29)),  # the fifth Thursday, which August 2024 lacks: its last
        (D(2024, 1, 2), D(2025, 1, 7)),  # the first Tuesday of January
    ],
)
def test_a_meeting_keeps_its_weekday_and_week_of_the_month(day, expected):
    assert same_weekday_of_month_next_year(day) == expected
    assert expected.isoweekday() == day.isoweekday() and expected.month == day.month


def test_deadlines_keep_their_date_and_months_their_months():
    assert same_date_next_year(D(2024, 3, 1)) == D(2025, 3, 1)
    assert same_date_next_year(D(2024, 2, 29)) == D(2025, 2, 28)
    assert same_months_next_year(D(2023, 11, 1), D(2024, 3, 31)) == (D(2024, 11, 1), D(2025, 3, 31))
    assert same_months_next_year(D(2024, 2, 1), D(2024, 2, 29)) == (D(2025, 2, 1), D(2025, 2, 28))


def sortland_like_plan():
    plan = make_plan(title="KIBS handlingsplan", subtitle="Handlingsplan 2023/2024", school_year=2023)
    unit = make_unit(plan.municipality, slug="sortland-barneskole")
    other = make_unit(plan.municipality, slug="lia-barnehage")
    actor = make_actor(plan, name="PPD", duties=["Veileder"])
    first = make_milestone(plan, number=1, text="Alle vurderer ståsted")
    make_milestone(plan, number=2, text="BTI tas i bruk")
    leaders = make_target_group(plan, name="Skoleledere")
    dated = make_entry(plan, starts_on=D(2023, 8, 14), starts_at=datetime.time(12), content="Halv fagdag")
    dated.target_groups.add(leaders)
    dated.milestones.add(first)
    make_entry(plan, starts_on=D(2023, 9, 1), ends_on=D(2023, 11, 30), content="Pedagogisk analyse", at_every_unit=True)
    routine = make_routine(plan, title="Enhetens rutine", scope=Routine.Scope.UNIT, responsible=actor)
    make_unit_text(routine, unit, body="Ferdig tekst", status="done")
    make_unit_text(routine, other, status="not_started")
    return plan


def test_next_years_plan_is_a_draft_copy_with_moved_dates_to_review(client):
    plan = sortland_like_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    before = export_municipality(plan.municipality, school_year=2023)
    client.force_login(advisor)

    response = client.post(reverse("documents:plan_start_next_year", args=[plan.pk]))

    new = Plan.objects.get(school_year=2024)
    assert response.status_code == 302 and response.url == reverse("documents:plan_detail", args=[new.pk])
    assert (new.status, new.title, new.subtitle) == ("draft", "KIBS handlingsplan", "Handlingsplan 2024/2025")
    dated, period = new.progress_entries.order_by("starts_on")
    assert (dated.starts_on, dated.starts_at, dated.content) == (D(2024, 8, 12), datetime.time(12), "Halv fagdag")
    assert (period.starts_on, period.ends_on) == (D(2024, 9, 1), D(2024, 11, 30))  # the same months
    assert dated.to_review and period.to_review
    assert [group.name for group in dated.target_groups.all()] == ["Skoleledere"]
    assert [milestone.number for milestone in dated.milestones.all()] == [1]
    assert list(new.milestones.values_list("number", "text")) == [(1, "Alle vurderer ståsted"), (2, "BTI tas i bruk")]
    assert [duty.text for duty in new.actors.get().duties.all()] == ["Veileder"]
    routine = new.routines.get()
    assert routine.responsible == new.actors.get()
    assert sorted(routine.unit_texts.values_list("unit__slug", "status", "body")) == [
        ("lia-barnehage", "not_started", ""),
        ("sortland-barneskole", "draft", "Ferdig tekst"),
    ]
    # The old plan is untouched: its export is what it was.
    assert export_municipality(plan.municipality, school_year=2023) == before
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and not plan.progress_entries.filter(to_review=True).exists()


def test_next_year_twice_is_refused(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, plan.municipality))
    assert client.post(reverse("documents:plan_start_next_year", args=[plan.pk])).status_code == 302
    response = client.post(reverse("documents:plan_start_next_year", args=[plan.pk]))
    assert response.status_code == 409 and "Det finnes allerede en plan" in response.text
    assert Plan.objects.filter(school_year=2024).count() == 1


def test_next_year_is_a_post_by_the_municipalitys_advisors(client):
    plan = make_plan()
    url = reverse("documents:plan_start_next_year", args=[plan.pk])
    assert client.post(url).url.startswith(reverse("login"))
    client.force_login(make_member(ADVISOR, plan.municipality))
    assert client.get(url).status_code == 405
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(url).status_code == 404
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert client.post(url).status_code == 403
    assert Plan.objects.count() == 1
