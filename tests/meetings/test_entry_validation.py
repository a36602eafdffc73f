"""An entry's dates lie in the plan's school year, a period ends after it starts, and no entry is made twice."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from meetings.models import ProgressEntry
from routines.models import Membership
from tests.support.factories import make_entry, make_member, make_plan

pytestmark = pytest.mark.django_db


def entry_data(**changes):
    data = {"starts_on": "2024-10-24", "ends_on": "", "starts_at": "", "ends_at": "", "place": "", "comment": ""}
    return {**data, "content": "Elevrådsopplæring", **changes}


@pytest.fixture
def plan():
    return make_plan(school_year=2024)


@pytest.fixture
def advisor_client(client, plan):
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    return client


def create(client, plan, **changes):
    return client.post(reverse("meetings:entry_create", args=[plan.pk]), entry_data(**changes))


@pytest.mark.parametrize(
    "field, day", [("starts_on", "2031-03-04"), ("starts_on", "2024-07-31"), ("ends_on", "2025-08-01")]
)
def test_a_date_outside_the_school_year_is_refused_next_to_its_field(advisor_client, plan, field, day):
    response = create(advisor_client, plan, **{field: day})
    assert response.status_code == 400
    assert not ProgressEntry.objects.exists()
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert "1. august 2024" in errors[field][0] and "31. juli 2025" in errors[field][0]
    assert f'value="{day}"' in response.text and "Elevrådsopplæring" in response.text


def test_the_first_and_last_day_of_the_school_year_are_inside(advisor_client, plan):
    assert create(advisor_client, plan, starts_on="2024-08-01", ends_on="2025-07-31").status_code == 302


def test_a_period_that_ends_before_it_starts_is_refused(advisor_client, plan):
    response = create(advisor_client, plan, starts_on="2024-11-30", ends_on="2024-09-01")
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == ["Perioden kan ikke slutte før den begynner."]


def test_the_same_entry_twice_is_refused_with_a_link_to_the_first(advisor_client, plan):
    assert create(advisor_client, plan).status_code == 302
    first = ProgressEntry.objects.get()
    response = create(advisor_client, plan)
    assert response.status_code == 400
    assert ProgressEntry.objects.count() == 1
    assert f'href="{escape(reverse("meetings:entry_edit", args=[first.pk]))}"' in response.text
    # Another day, or another text on the same day, is another entry.
    assert create(advisor_client, plan, starts_on="2024-10-25").status_code == 302
    assert create(advisor_client, plan, content="Elevrådsopplæring, del 2").status_code == 302


def test_saving_an_entry_again_is_not_a_duplicate_of_itself(advisor_client, plan):
    entry = make_entry(plan, starts_on="2024-10-24", content="Elevrådsopplæring")
    data = entry_data(seen_version=entry.version, place="Rådhuset")
    response = advisor_client.post(reverse("meetings:entry_edit", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.place == "Rådhuset"


def test_another_plans_entry_on_the_same_day_is_no_duplicate(advisor_client, plan):
    make_entry(make_plan(plan.municipality, school_year=2024), starts_on="2024-10-24", content="Elevrådsopplæring")
    assert create(advisor_client, plan).status_code == 302
