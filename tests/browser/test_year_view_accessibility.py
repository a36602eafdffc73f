"""The year view's pages pass axe-core's WCAG 2.1 AA audit in a real browser."""

import io

import pytest
from django.core.management import call_command

from meetings.models import FeedToken, Gathering
from routines.models import Membership, Plan
from tests.support.browser import accessibility_violations, log_in
from tests.support.factories import make_member, make_municipality, make_plan, make_unit
from tests.support.year_plan import make_year_plan

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def advisor_page(page):
    call_command("load_demo_gatherings", stdout=io.StringIO())
    gathering = Gathering.objects.get()
    municipality = make_municipality(region=gathering.region)
    year = make_year_plan(municipality)
    make_unit(municipality, name="Strand barnehage", kind="kindergarten")
    make_plan(make_municipality(region=gathering.region), title="Naboens plan", status=Plan.Status.APPROVED)
    FeedToken.regenerate(year.plan, None)
    user = make_member(Membership.Role.ADVISOR, municipality)
    user.set_password("kibs-test-password")
    user.save()
    log_in(page, user.username, "kibs-test-password")
    return page, year, gathering


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/plans/{plan}/progress/",
        "/meetings/plans/{plan}/progress/?target_group={group}",
        "/meetings/plans/{plan}/year-wheel/",
        "/meetings/plans/{plan}/calendar/",
        "/plans/{plan}/",
        "/meetings/gatherings/",
        "/meetings/gatherings/{gathering}/",
        "/meetings/gatherings/{gathering}/prework/{municipality}/",
        "/meetings/region/plans/",
        "/meetings/region/compare/?left={plan}",
    ],
)
def test_page_has_no_violations(advisor_page, path):
    page, year, gathering = advisor_page
    page.goto(
        path.format(
            plan=year.plan.pk, group=year.sut_bug.pk, gathering=gathering.pk, municipality=year.plan.municipality_id
        )
    )
    assert "/accounts/login/" not in page.url
    assert page.locator("h1").count() == 1
    assert accessibility_violations(page) == []
