"""Every list and detail page runs a fixed number of queries, however big the plan.

Measured on the demo plan (Sortland 2023/2024) and on the same plan three
times over: every actor, duty, section, milestone, routine and unit text.
"""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.planfile import import_document, plan_from_dict, plan_to_dict
from routines.models import Membership, Plan, Routine
from tests.support.factories import make_member, make_municipality, make_plan

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parent.parent.parent / "documents" / "demo" / "sortland.json"

# Most pages need ~10 queries: session, user, the plan with its municipality,
# the edit check, and one per kind of part shown; none of them per row.
MAX_QUERIES = 15


def three_times(data):
    """The plan data with every part three times over, names and numbers kept unique."""
    offset = max(milestone["number"] for milestone in data["milestones"])

    def copies(items, change):
        return [change(dict(item), copy) for copy in range(3) for item in items]

    def actor(item, copy):
        return {**item, "key": f"{item['key']}-{copy}", "name": f"{item['name']} ({copy})"}

    def milestone(item, copy):
        return {**item, "number": item["number"] + offset * copy}

    def renamed(key, copy):
        return f"{key}-{copy}" if key else None

    def routine(item, copy):
        review = item.get("review", {})
        return {
            **item,
            "review": {**review, "owner_actor": renamed(review.get("owner_actor"), copy)},
            "title": f"{item['title']} ({copy})",
            "responsible": renamed(item["responsible"], copy),
            "milestones": [number + offset * copy for number in item["milestones"]],
        }

    return {
        **data,
        "title": "Tre ganger så stor",
        "focus_areas": data["focus_areas"] * 3,
        # A part of the plan is placed in one section only: the copies are plain text.
        "sections": data["sections"] + [{**section, "part": ""} for section in data["sections"] * 2],
        "actors": copies(data["actors"], actor),
        "milestones": copies(data["milestones"], milestone),
        "routines": copies(data["routines"], routine),
        # The progress plan (meetings app, with its own query tests) stays as it is.
    }


@pytest.fixture
def plans():
    import_document(json.loads(DEMO.read_text(encoding="utf-8")))
    demo = Plan.objects.get(school_year=2023)
    big = plan_from_dict(demo.municipality, three_times(plan_to_dict(demo)))
    assert big.routines.count() == 3 * demo.routines.count() > 0
    return demo, big


def unit_routine(plan):
    return plan.routines.filter(scope=Routine.Scope.UNIT, unit_texts__isnull=False).first()


PAGES = {
    "plan_detail": lambda plan: reverse("documents:plan_detail", args=[plan.pk]),
    "focus_area_list": lambda plan: reverse("routines:focus_area_list", args=[plan.pk]),
    "section_list": lambda plan: reverse("routines:section_list", args=[plan.pk]),
    "actor_list": lambda plan: reverse("routines:actor_list", args=[plan.pk]),
    "actor_edit": lambda plan: reverse("routines:actor_edit", args=[plan.actors.last().pk]),
    "milestone_list": lambda plan: reverse("routines:milestone_list", args=[plan.pk]),
    "routine_list": lambda plan: reverse("routines:routine_list", args=[plan.pk]),
    "routine_detail": lambda plan: reverse("routines:routine_detail", args=[unit_routine(plan).pk]),
    "routine_edit": lambda plan: reverse("routines:routine_edit", args=[unit_routine(plan).pk]),
    "unit_list": lambda plan: reverse("routines:unit_list", args=[plan.municipality_id]),
}


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_plan(client, plans, django_assert_max_num_queries):
    demo, big = plans
    client.force_login(make_member(Membership.Role.ADVISOR, demo.municipality))
    counts = {}
    for page, url_of in PAGES.items():
        for plan in (demo, big):
            with django_assert_max_num_queries(MAX_QUERIES):
                client.get(url_of(plan))
        counts[page] = (queries_of(client, url_of(demo)), queries_of(client, url_of(big)))
    assert {page: count for page, count in counts.items() if count[0] != count[1]} == {}


def test_the_plan_list_does_not_grow_with_the_number_of_plans(client, django_assert_max_num_queries):
    municipality = make_municipality()
    make_plan(municipality)
    client.force_login(make_member(Membership.Role.ADVISOR, municipality))
    few = queries_of(client, reverse("documents:plan_list"))
    for school_year in range(2010, 2020):
        make_plan(municipality, school_year=school_year)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(reverse("documents:plan_list"))
    assert queries_of(client, reverse("documents:plan_list")) == few
