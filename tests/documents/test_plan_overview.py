"""The advisor's overview: every unit's read confirmation, milestone progress and own routines."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.unit_obligations import plan_overview
from routines.models import MilestoneProgress, Plan, ReadConfirmation, Routine
from tests.support.factories import (
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_unit,
    make_unit_text,
)
from tests.support.units import (
    ADVISOR,
    READER,
    leader_of,
    make_unit_plan,
    unit_page_url,
    unit_test_settings,  # noqa: F401  (an autouse fixture)
)

pytestmark = pytest.mark.django_db


def overview_url(plan):
    return reverse("documents:plan_overview", args=[plan.pk])


class _Rows(HTMLParser):
    """Cell texts of each body row of a table, the row header first."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.in_body = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag in ("th", "td") and self.in_body:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def matrix(text, heading_id):
    """The body rows of the table under a heading, as lists of cell texts."""
    parser = _Rows()
    parser.feed(text.split(f'id="{heading_id}"')[1].split("</table>")[0])
    return parser.rows


def test_the_demo_overview_counts_right(shared_demo):
    demo = shared_demo
    overview = plan_overview(demo.plan)
    assert len(overview["rows"]) == 8 and len(overview["milestones"]) == 5 and len(overview["unit_routines"]) == 4
    outstanding = overview["outstanding"]
    # The demo plan is a draft: nothing to confirm yet. No unit has reported on a milestone.
    assert outstanding.confirmations is None
    assert outstanding.milestones == 8 * 5
    # 8 units × 4 unit-specific routines, of which the demo has 4 texts done (and 4 drafts).
    assert outstanding.routines == 8 * 4 - 4
    assert outstanding.total == 40 + 28
    done = {
        (row.unit.slug, cell.routine.title[:20]) for row in overview["rows"] for cell in row.routines if cell.is_done
    }
    assert done == {
        ("sortland-barneskole", "Rutiner for et trygt"),
        ("sortland-ungdomsskole", "Rutiner for et trygt"),
        ("sigerfjord-skole", "BTI nivå 1: rutiner "),
        ("sortland-barneskole", "Årlig utviklingsplan"),
    }


def test_the_demo_overview_page_shows_the_matrices_in_text(client, shared_demo):
    demo = shared_demo
    client.force_login(demo.radgiver)
    response = client.get(overview_url(demo.plan))
    assert response.status_code == 200
    text = response.text
    assert text.count("<h1") == 1
    assert "Outstanding in all: 68" in text
    routines = {row[0]: row[1:] for row in matrix(text, "routine-matrix-heading")}
    assert routines["Sortland barneskole (School)"] == ["Done", "Draft", "Not started", "Done"]
    assert routines["Vestmarka barnehage (Kindergarten)"] == ["Draft", "Not started", "Not started", "Not started"]
    milestones = matrix(text, "milestone-matrix-heading")
    assert len(milestones) == 8 and all(row[1:] == ["Not started"] * 5 for row in milestones)
    assert "The plan is not approved yet" in text


def test_each_cell_links_to_the_units_page(client):
    setup = make_unit_plan()
    MilestoneProgress.objects.create(unit=setup.school, milestone=setup.milestone, status="under_way")
    client.force_login(make_member(ADVISOR, setup.municipality))
    text = client.get(overview_url(setup.plan)).text
    page = unit_page_url(setup.plan, setup.school)
    assert f'href="{page}#milestone-{setup.milestone.pk}">Under way</a>' in text
    assert f'href="{page}#routine-{setup.own.pk}">Not started</a>' in text


def test_progress_and_texts_count_once_done(client):
    setup = make_unit_plan()
    for unit in (setup.school, setup.kindergarten, setup.private_kindergarten):
        make_unit_text(setup.own, unit, status="done", body="Skrevet")
        for milestone in setup.plan.milestones.all():
            MilestoneProgress.objects.create(unit=unit, milestone=milestone, status="reached")
    outstanding = plan_overview(setup.plan)["outstanding"]
    assert (outstanding.milestones, outstanding.routines) == (0, 0)


def test_read_confirmations_of_an_approved_plan(client):
    setup = make_unit_plan(status=Plan.Status.APPROVED)
    leader = leader_of(setup.school)
    setup.plan.approved_at = timezone.now()
    setup.plan.save()
    ReadConfirmation.objects.create(plan=setup.plan, unit=setup.school, user=leader, approved_at=setup.plan.approved_at)
    older_approval = setup.plan.approved_at - datetime.timedelta(days=30)
    ReadConfirmation.objects.create(plan=setup.plan, unit=setup.kindergarten, user=leader, approved_at=older_approval)
    overview = plan_overview(setup.plan)
    assert overview["outstanding"].confirmations == 2  # the kindergarten confirmed an earlier approval only
    client.force_login(make_member(ADVISOR, setup.municipality))
    text = client.get(overview_url(setup.plan)).text
    rows = {unit: confirmation for unit, confirmation, _employees in matrix(text, "confirmations-heading")}
    assert rows["Nordbyen skole"].startswith("Confirmed") and leader.username in rows["Nordbyen skole"]
    assert rows["Solsiden barnehage"] == "Not confirmed"


def test_unit_leaders_and_readers_get_403(client):
    setup = make_unit_plan()
    for user in (leader_of(setup.school), make_member(READER, setup.municipality)):
        client.force_login(user)
        assert client.get(overview_url(setup.plan)).status_code == 403


def test_another_municipality_is_404(client):
    setup = make_unit_plan()
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(overview_url(setup.plan)).status_code == 404


def test_overview_needs_login(client):
    setup = make_unit_plan()
    response = client.get(overview_url(setup.plan))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_plan_navigation_links_advisors_to_the_overview(client):
    setup = make_unit_plan()
    client.force_login(make_member(ADVISOR, setup.municipality))
    assert overview_url(setup.plan) in client.get(reverse("documents:plan_detail", args=[setup.plan.pk])).text


# -- a fixed number of queries ------------------------------------------------------------------


def test_overview_queries_are_fixed_for_the_demo(client, django_assert_max_num_queries, shared_demo):
    demo = shared_demo
    client.force_login(demo.radgiver)
    # One more than before employees: their memberships, counted per unit in one query.
    with django_assert_max_num_queries(12):
        assert client.get(overview_url(demo.plan)).status_code == 200


def test_overview_queries_are_fixed_for_a_municipality_of_40_units(client, django_assert_max_num_queries):
    municipality = make_municipality()
    plan = make_plan(municipality, status=Plan.Status.APPROVED)
    units = [make_unit(municipality) for _ in range(40)]
    milestones = [make_milestone(plan) for _ in range(6)]
    routines = [make_routine(plan, scope=Routine.Scope.UNIT) for _ in range(8)]
    for unit in units:
        for milestone in milestones[:3]:
            MilestoneProgress.objects.create(unit=unit, milestone=milestone, status="reached")
        for routine in routines[:4]:
            make_unit_text(routine, unit, status="done")
        ReadConfirmation.objects.create(plan=plan, unit=unit, approved_at=plan.approved_at)
    client.force_login(make_member(ADVISOR, municipality))
    with django_assert_max_num_queries(12):
        response = client.get(overview_url(plan))
    assert response.status_code == 200
    assert "Outstanding in all: 280" in response.text  # 40 × 3 milestones + 40 × 4 routines, all confirmed
