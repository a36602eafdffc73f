"""The home page: a block per role, with a fixed today (Monday 2 March 2026, school year 2025/2026)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings.models import Gathering, PreworkNote
from routines.models import Membership, MilestoneProgress, Plan, ReadConfirmation
from tests.support.factories import (
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_unit,
    make_unit_text,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)
HOME = "/"


@pytest.fixture(autouse=True)
def fixed_today():
    with time_machine.travel(NOW, tick=False):
        yield


def approved(municipality, **fields):
    fields.setdefault("school_year", 2025)
    plan = make_plan(municipality, **fields)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, approved_at=timezone.now())
    plan.refresh_from_db()
    return plan


def home(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_login_leads_to_the_home_page(client, advisor):
    response = client.post(reverse("login"), {"username": advisor.username, "password": "kibs-test-password"})
    assert response.status_code == 302 and response.url == reverse("documents:home") == HOME


def test_the_unit_leader_sees_this_month_and_next_for_their_kind_of_unit(client, municipality, unit, unit_leader):
    plan = approved(municipality)
    make_entry(plan, starts_on=datetime.date(2026, 3, 10), content="Ressursteam i mars")
    make_entry(plan, starts_on=datetime.date(2026, 3, 12), content="Styrermøte", unit_kinds=["kindergarten"])
    make_entry(plan, starts_on=datetime.date(2026, 4, 14), content="Overgangsmøte i april")
    make_entry(plan, starts_on=datetime.date(2026, 5, 5), content="Mai-møte")
    make_entry(plan, starts_on=datetime.date(2026, 2, 2), content="Februar-møte")
    page = home(client, unit_leader)
    assert "Denne måneden (mars 2026)" in page and "Neste måned (april 2026)" in page
    assert "Ressursteam i mars" in page and "Overgangsmøte i april" in page
    assert page.index("Ressursteam i mars") < page.index("Overgangsmøte i april")
    # Kindergarten meetings are not for a school; May is after next month; February is past.
    for absent in ("Styrermøte", "Mai-møte", "Februar-møte"):
        assert absent not in page
    assert reverse("documents:unit_page", args=[plan.pk, unit.pk]) in page


def test_the_unit_leader_sees_overdue_milestones_unwritten_texts_and_the_missing_confirmation(
    client, municipality, unit, unit_leader
):
    plan = approved(municipality)
    late, reached, coming = (make_milestone(plan, number=n, text=f"Milepæl {n}") for n in (1, 2, 3))
    past = make_entry(plan, starts_on=datetime.date(2026, 1, 15))
    past.milestones.set([late, reached])
    make_entry(plan, starts_on=datetime.date(2026, 4, 15)).milestones.set([coming])
    MilestoneProgress.objects.create(unit=unit, milestone=reached, status="reached")
    make_routine(plan, title="Vår rutine for overgang", scope="unit")
    done = make_routine(plan, title="Ferdig rutine", scope="unit")
    make_unit_text(done, unit, status="done", body="Skrevet.")
    page = home(client, unit_leader)
    assert "1. Milepæl 1" in page and "Milepæl 2" not in page and "Milepæl 3" not in page
    assert "Vår rutine for overgang" in page and "Ferdig rutine" not in page
    assert "Ikke bekreftet" in page and "Ny versjon" not in page


def test_a_new_version_to_read_is_announced_until_confirmed(client, municipality, unit, unit_leader):
    old = approved(municipality, school_year=2024)
    plan = approved(municipality)
    Plan.objects.filter(pk=plan.pk).update(revision_of=old)
    assert "Ny versjon" in home(client, unit_leader)
    plan.refresh_from_db()
    ReadConfirmation.objects.create(plan=plan, unit=unit, user=unit_leader, approved_at=plan.approved_at)
    page = home(client, unit_leader)
    assert "Ny versjon" not in page and "Ikke bekreftet" not in page


def test_the_unit_block_says_plainly_when_there_is_nothing(client, municipality, unit, unit_leader):
    # A draft is not in force: the unit follows only an approved plan.
    make_plan(municipality, school_year=2025)
    assert "Kommunen din har ingen plan for dette skoleåret ennå." in home(client, unit_leader)
    approved(municipality)
    page = home(client, unit_leader)
    ReadConfirmation.objects.create(
        plan=Plan.objects.get(status="approved"), unit=unit, user=unit_leader, approved_at=None
    )
    assert "Ikke mer denne måneden." in page and "Ingen milepæl er forsinket." in page


def test_the_advisor_sees_plans_units_behind_and_reviews_due(client, municipality, advisor):
    plan = approved(municipality)
    draft = make_plan(municipality, school_year=2026, title="Neste års plan")
    behind = make_unit(municipality, name="Lia skole")
    fine = make_unit(municipality, name="Bakken skole")
    ReadConfirmation.objects.create(plan=plan, unit=fine, user=advisor, approved_at=plan.approved_at)
    ReadConfirmation.objects.create(plan=plan, unit=behind, user=advisor, approved_at=None)
    make_routine(plan, title="Rutine som snart skal gjennomgås", reviewed_on=datetime.date(2025, 3, 20))
    make_routine(plan, title="Nylig gjennomgått", reviewed_on=datetime.date(2026, 1, 1))
    page = home(client, advisor)
    assert reverse("documents:plan_detail", args=[plan.pk]) in page
    assert reverse("documents:plan_detail", args=[draft.pk]) in page and "Neste års plan" in page
    assert "Lia skole" in page and "Bakken skole" not in page
    assert reverse("documents:plan_overview", args=[plan.pk]) in page
    assert "Rutine som snart skal gjennomgås" in page and "Gjennomgang snart" in page
    assert "Nylig gjennomgått" not in page
    assert "Ingen frister de neste 30 dagene." in page


def test_the_advisor_block_without_a_plan_in_force(client, municipality, advisor):
    page = home(client, advisor)
    assert "Ingen plan er gjeldende ennå." in page


def test_a_year_later_the_reviews_are_overdue_on_the_advisors_home_page(client, municipality, advisor):
    plan = approved(municipality)
    make_routine(plan, title="Rutine for bekymring")
    assert "Rutine for bekymring" not in home(client, advisor)
    with time_machine.travel(NOW + datetime.timedelta(days=366), tick=False):
        page = home(client, advisor)
    assert "Rutine for bekymring" in page and "Gjennomgang forfalt" in page
    assert "Planen som helhet" in page


def test_the_coordinator_sees_the_next_gatherings_with_prework_and_the_approved_plans(
    client, municipality, coordinator
):
    other = make_municipality(region=municipality.region, name="Nabokommunen")
    plan = approved(municipality)
    make_plan(other, title="Utkast i nabokommunen")
    gathering = Gathering.objects.create(
        region=municipality.region, title="Vårsamling", date=datetime.date(2026, 3, 20), prework_deadline=None
    )
    Gathering.objects.create(region=municipality.region, title="Gammel samling", date=datetime.date(2025, 10, 1))
    PreworkNote.objects.create(gathering=gathering, municipality=municipality, text="Sendt.")
    page = home(client, coordinator)
    assert "Vårsamling" in page and "Gammel samling" not in page
    assert f"{municipality.name}: forarbeid sendt" in page and "Nabokommunen: ikke forarbeid ennå" in page
    assert reverse("documents:plan_detail", args=[plan.pk]) in page
    assert "Utkast i nabokommunen" not in page


def test_the_coordinator_block_when_nothing_is_planned(client, coordinator):
    page = home(client, coordinator)
    assert "Ingen samling er planlagt." in page
    assert "Ingen kommune i regionen har en godkjent plan ennå." in page


def test_a_person_with_several_roles_sees_each_block(client, municipality, unit, advisor):
    make_member(Membership.Role.COORDINATOR, region=municipality.region, user=advisor)
    make_member(Membership.Role.UNIT_LEADER, unit=make_unit(make_municipality(), name="Fjern skole"), user=advisor)
    page = home(client, advisor)
    assert "Fjern skole" in page and f"{municipality.name}: kommunens planer" in page
    assert f"{municipality.region.name}: regionen" in page


def test_someone_without_a_role_is_told_how_to_get_one(client, django_user_model):
    user = django_user_model.objects.create_user("ny", password="x")
    assert "Du har ingen rolle i en kommune ennå." in home(client, user)


def test_the_home_page_needs_a_login(client):
    response = client.get(HOME)
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize("persona", ["advisor", "unit_leader", "coordinator"])
def test_the_query_count_does_not_grow_with_the_number_of_units(
    client, municipality, unit, persona, request, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona)
    plan = approved(municipality)
    make_routine(plan, scope="unit")
    make_milestone(plan)
    make_entry(plan, starts_on=datetime.date(2026, 3, 9))
    client.force_login(user)
    client.get(HOME)
    with django_assert_max_num_queries(40) as few:
        client.get(HOME)
    for _ in range(10):
        make_unit(municipality)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(HOME).status_code == 200


def test_the_unit_page_lists_everything_by_month_with_this_month_first(client, municipality, unit, unit_leader):
    plan = approved(municipality)
    make_entry(plan, starts_on=datetime.date(2026, 2, 1), ends_on=datetime.date(2026, 3, 31), content="Kartlegging")
    make_entry(plan, starts_on=datetime.date(2026, 4, 14), content="Overgangsmøte")
    make_entry(plan, starts_on=datetime.date(2026, 6, 2), content="Sommermøte")
    client.force_login(unit_leader)
    page = client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).content.decode()
    headings = [page.index(text) for text in ("Denne måneden (mars 2026)", "April 2026", "Juni 2026")]
    assert headings == sorted(headings)
    # The running period is this month's; the entries sit under their months.
    assert headings[0] < page.index("Kartlegging") < headings[1] < page.index("Overgangsmøte") < headings[2]
