"""Learning from each other: approved plans are shared within the region, nothing else."""

import pytest
from django.urls import reverse

from routines.models import Membership, Plan, Routine
from tests.support.factories import (
    make_actor,
    make_member,
    make_municipality,
    make_plan,
    make_region,
    make_routine,
    make_section,
    make_user,
)
from tests.support.year_plan import make_year_plan

pytestmark = pytest.mark.django_db

ADVISOR, READER = Membership.Role.ADVISOR, Membership.Role.READER
APPROVED, DRAFT = Plan.Status.APPROVED, Plan.Status.DRAFT


@pytest.fixture
def region():
    return make_region(name="Vesterålen")


@pytest.fixture
def plans(region):
    """Own (draft), neighbour approved, neighbour draft, approved plan in another region."""
    own = make_plan(make_municipality(region=region, name="Sortland"), title="Sortlands plan")
    neighbour = make_municipality(region=region, name="Hadsel")
    approved = make_plan(neighbour, title="Hadsels godkjente plan", status=APPROVED)
    draft = make_plan(neighbour, title="Hadsels utkast", status=DRAFT)
    far_away = make_plan(make_municipality(name="Kongsberg"), title="Kongsbergs plan", status=APPROVED)
    return {"own": own, "approved": approved, "draft": draft, "far_away": far_away}


@pytest.fixture
def advisor(plans):
    return make_member(ADVISOR, plans["own"].municipality)


def test_queryset_shares_approved_plans_of_the_advisors_region_only(plans, advisor):
    assert list(Plan.objects.shared_in_region_with(advisor)) == [plans["approved"]]
    assert not Plan.objects.shared_in_region_with(make_member(READER, plans["own"].municipality)).exists()
    assert not Plan.objects.shared_in_region_with(make_user()).exists()


def test_region_page_lists_approved_plans_only(client, plans, advisor):
    client.force_login(advisor)
    text = client.get(reverse("documents:region_plans")).text
    assert "Hadsels godkjente plan" in text
    assert "Hadsels utkast" not in text and "Kongsbergs plan" not in text


def test_shared_plan_is_read_only_and_only_when_approved_in_the_region(client, plans, advisor):
    make_actor(plans["approved"], name="PPD", duties=["Veileder barnehagene"])
    client.force_login(advisor)
    response = client.get(reverse("documents:shared_plan", args=[plans["approved"].pk]))
    assert response.status_code == 200
    assert "Veileder barnehagene" in response.text
    assert "/edit" not in response.text
    for other in ["draft", "far_away"]:
        assert client.get(reverse("documents:shared_plan", args=[plans[other].pk])).status_code == 404
    # Sharing does not open the neighbour's own pages, nor editing.
    assert client.get(reverse("documents:plan_detail", args=[plans["approved"].pk])).status_code == 404
    assert client.get(reverse("meetings:progress_months", args=[plans["approved"].pk])).status_code == 404


def test_shared_plan_shows_its_progress_plan(client, region, advisor):
    year = make_year_plan(make_municipality(region=region), status=APPROVED)
    client.force_login(advisor)
    text = client.get(reverse("documents:shared_plan", args=[year.plan.pk])).text
    assert text.count('class="entry-mark') == len(year.all)
    assert "Halv fagdag for alle lærere" in text


def test_readers_do_not_see_other_municipalities_plans(client, plans):
    client.force_login(make_member(READER, plans["own"].municipality))
    assert client.get(reverse("documents:shared_plan", args=[plans["approved"].pk])).status_code == 404
    assert client.get(reverse("documents:shared_plan", args=[plans["own"].pk])).status_code == 200


def test_sharing_pages_need_login(client, plans):
    for url in [
        reverse("documents:region_plans"),
        reverse("documents:shared_plan", args=[plans["approved"].pk]),
        reverse("documents:compare_plans"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_compare_aligns_the_parts_and_marks_what_differs_word_by_word(client, plans, advisor):
    make_actor(plans["own"], name="PPD", duties=["Veileder barnehagene"])
    make_actor(plans["approved"], name="PPD", duties=["Veileder barnehagene og skolene"])
    make_routine(plans["own"], title="Rutine for undring", body="Drøft med leder.")
    make_routine(plans["approved"], title="Egen rutine for overganger", scope=Routine.Scope.UNIT)
    client.force_login(advisor)
    response = client.get(reverse("documents:compare_plans"), {"left": plans["own"].pk, "right": plans["approved"].pk})
    assert response.status_code == 200
    compared = {part: changes for part, _label, changes in response.context["compared"]}
    assert [(change.title, change.kind) for change in compared["actors"]] == [("PPD", "changed")]
    assert {(change.title, change.kind) for change in compared["routines"]} == {
        ("Egen rutine for overganger", "added"),
        ("Rutine for undring", "removed"),
    }
    assert compared["milestones"] == []
    text = response.text
    # Word level, with words that say it to a screen reader; the + and − the CSS adds are seen.
    assert '<ins><span class="visually-hidden">lagt til: </span> og skolene</ins>' in text
    assert '<del><span class="visually-hidden">fjernet: </span>Rutine for undring' in text
    assert "Bare i den andre planen" in text and "Bare i den første planen" in text and "Skrevet ulikt" in text
    assert "Ingen forskjeller i denne delen." in text


def test_compare_shows_what_a_section_says_not_where_the_outline_puts_it(client, plans, advisor):
    make_section(plans["own"], title="Laget rundt barnet", body="Alle har en rolle.", part="actors")
    make_section(plans["approved"], title="Laget rundt barnet", body="Alle har en viktig rolle.", level=2)
    client.force_login(advisor)
    response = client.get(reverse("documents:compare_plans"), {"left": plans["own"].pk, "right": plans["approved"].pk})
    [change] = dict((part, changes) for part, _label, changes in response.context["compared"])["sections"]
    assert (change.title, change.old_text, change.new_text) == (
        "Laget rundt barnet",
        "Alle har en rolle.",
        "Alle har en viktig rolle.",
    )


def test_compare_refuses_plans_outside_the_region_and_bad_input(client, plans, advisor):
    client.force_login(advisor)
    url = reverse("documents:compare_plans")
    for right in [plans["far_away"].pk, plans["draft"].pk, "x", plans["own"].pk]:
        response = client.get(url, {"left": plans["own"].pk, "right": right})
        assert response.status_code == 400
        assert "Kongsbergs plan" not in response.text and "Hadsels utkast" not in response.text


def test_compare_from_a_plan_page_preselects_it(client, plans, advisor):
    client.force_login(advisor)
    response = client.get(reverse("documents:compare_plans"), {"left": plans["own"].pk})
    assert response.status_code == 200
    assert f'<option value="{plans["own"].pk}" selected>' in response.text


@pytest.mark.parametrize("size", [1, 20])
def test_compare_query_count_is_fixed(client, plans, advisor, size, django_assert_max_num_queries):
    for _n in range(size):
        make_actor(plans["own"], duties=["a", "b"])
        make_routine(plans["approved"])
    client.force_login(advisor)
    # Each plan is read through the plan file (Plan.objects.with_all_parts()): one query per kind of part.
    with django_assert_max_num_queries(33):
        client.get(reverse("documents:compare_plans"), {"left": plans["own"].pk, "right": plans["approved"].pk})
