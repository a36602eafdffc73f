"""Review dates: owner and interval on routines and the plan, next review and overdue, marking reviewed."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from documents.planfile import plan_from_dict, plan_to_dict
from routines.models import Plan, ReviewState, add_months
from tests.support.factories import make_actor, make_member, make_routine, make_user
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def fixed_today():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        yield


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    assert add_months(datetime.date(2026, 3, 2), 12) == datetime.date(2027, 3, 2)


def test_a_new_routine_is_due_a_year_on_and_overdue_once_that_passes(plan):
    routine = make_routine(plan)
    assert routine.reviewed_on == TODAY
    assert routine.next_review_on == datetime.date(2027, 3, 2)
    assert routine.review_state() == ReviewState.LATER
    assert routine.review_state(datetime.date(2027, 2, 20)) == ReviewState.SOON
    with time_machine.travel(datetime.datetime(2027, 3, 3, 9, tzinfo=datetime.UTC), tick=False):
        assert routine.review_is_overdue


def test_the_interval_is_set_per_routine_on_its_form(client, plan, advisor):
    routine = make_routine(plan)
    actor = make_actor(plan, name="Oppvekstsjef")
    client.force_login(advisor)
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data.update(review_interval_months="6", review_owner_actor=str(actor.pk), review_owner=str(advisor.pk))
    assert client.post(url, data).status_code == 302
    routine.refresh_from_db()
    assert (routine.review_interval_months, routine.next_review_on) == (6, datetime.date(2026, 9, 2))
    assert routine.review_owner_actor == actor and routine.review_owner == advisor


def test_a_bad_interval_or_a_stranger_as_owner_is_a_form_error(client, plan, advisor, outsider):
    routine = make_routine(plan)
    client.force_login(advisor)
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data.update(review_interval_months="0", review_owner=str(outsider.pk))
    response = client.post(url, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"review_interval_months", "review_owner"}


def test_marking_reviewed_records_who_when_and_the_note_in_history_and_moves_the_date(client, plan, advisor):
    routine = make_routine(plan, reviewed_on=datetime.date(2025, 1, 10))
    assert routine.review_is_overdue
    client.force_login(advisor)
    detail = client.get(reverse("routines:routine_detail", args=[routine.pk]))
    assert "Gjennomgang forfalt" in detail.content.decode()
    url = reverse("routines:routine_review", args=[routine.pk])
    data = form_data(client.get(url), "review_note")
    data["review_note"] = "Lest gjennom med ledergruppa; ingen endringer."
    assert client.post(url, data).status_code == 302
    routine.refresh_from_db()
    assert (routine.reviewed_on, routine.reviewed_by, routine.next_review_on) == (
        TODAY,
        advisor,
        datetime.date(2027, 3, 2),
    )
    row = routine.history.first()
    assert row.history_user == advisor
    assert row.review_note == "Lest gjennom med ledergruppa; ingen endringer."
    assert row.reviewed_on == TODAY


def test_an_approved_plans_routine_is_reviewed_too_but_not_by_a_reader(client, plan, advisor, reader):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    routine = make_routine(plan)
    url = reverse("routines:routine_review", args=[routine.pk])
    client.force_login(reader)
    assert client.post(url, {"review_note": ""}).status_code == 403
    client.force_login(advisor)
    assert client.get(url).status_code == 200


def test_the_named_owner_reviews_and_an_outsider_gets_404(client, plan, outsider):
    owner = make_member("reader", municipality=plan.municipality)
    routine = make_routine(plan, review_owner=owner)
    url = reverse("routines:routine_review", args=[routine.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    data = form_data(client.get(url), "review_note")
    assert client.post(url, data).status_code == 302


def test_an_archived_plan_is_not_reviewed(client, plan, advisor):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ARCHIVED)
    client.force_login(advisor)
    assert client.get(reverse("documents:plan_review", args=[plan.pk])).status_code == 403


def test_the_plan_is_reviewed_as_a_whole(client, plan, advisor):
    client.force_login(advisor)
    page = client.get(reverse("documents:plan_detail", args=[plan.pk])).content.decode()
    assert "Gjennomgang av planen" in page and reverse("documents:plan_review", args=[plan.pk]) in page
    url = reverse("documents:plan_review", args=[plan.pk])
    data = form_data(client.get(url), "review_note")
    data["review_note"] = "x" * 501
    assert client.post(url, data).status_code == 400
    data["review_note"] = "Godkjent som den er."
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert (plan.reviewed_by, plan.review_note) == (advisor, "Godkjent som den er.")


def test_next_review_and_overdue_show_in_the_routine_list(client, plan, reader):
    make_routine(plan, title="Gammel rutine", reviewed_on=datetime.date(2024, 8, 1))
    client.force_login(reader)
    page = client.get(reverse("routines:routine_list", args=[plan.pk])).content.decode()
    assert "1. august 2025" in page and "Gjennomgang forfalt" in page


def test_the_plan_file_carries_the_review_and_the_round_trip_keeps_it(plan):
    person = make_user(email="kari@kommune.no", first_name="Kari")
    make_member("advisor", municipality=plan.municipality, user=person)
    actor = make_actor(plan, name="Oppvekstsjef")
    make_routine(
        plan,
        review_owner_actor=actor,
        review_owner=person,
        review_interval_months=24,
        reviewed_on=datetime.date(2025, 5, 1),
        review_note="Sist sett på i mai.",
    )
    Plan.objects.filter(pk=plan.pk).update(review_owner=person, review_interval_months=6)
    data = plan_to_dict(plan)
    assert data["routines"][0]["review"] == {
        "owner_actor": "actor-1",
        "owner": "kari@kommune.no",
        "interval_months": 24,
        "reviewed_on": "2025-05-01",
        "note": "Sist sett på i mai.",
    }
    assert (data["review"]["owner"], data["review"]["interval_months"]) == ("kari@kommune.no", 6)
    copy = plan_from_dict(plan.municipality, data, title="Kopi")
    routine = copy.routines.get()
    assert routine.next_review_on == datetime.date(2027, 5, 1) and routine.review_owner == person
    assert (copy.review_owner, copy.review_interval_months) == (person, 6)
    assert plan_to_dict(copy) == {**data, "title": "Kopi"}
