"""The unit page: what a plan asks of one unit, fitted to its kind and owner."""

import re

import pytest
from django.urls import reverse

from meetings.models import Arena
from routines.models import MilestoneProgress, Plan, Routine, Unit
from tests.support.factories import (
    make_actor,
    make_arena,
    make_attachment,
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_unit,
    make_unit_text,
    make_user,
)
from tests.support.units import (
    ADVISOR,
    READER,
    days,
    leader_of,
    make_unit_plan,
    unit_page_url,
    unit_test_settings,  # noqa: F401  (an autouse fixture)
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return make_unit_plan()


def page(client, user, plan, unit, **params):
    client.force_login(user)
    response = client.get(unit_page_url(plan, unit), params)
    assert response.status_code == 200
    return response.text


def test_a_school_leader_sees_school_items_and_not_kindergarten_only_items(client, setup):
    text = page(client, leader_of(setup.school), setup.plan, setup.school)
    assert "<h1>Nordbyen skole</h1>" in text
    assert "Skolenes utviklingsgruppe" in text and "SKUT-samling" in text
    assert "Barnehagens lokale utviklingsgruppe" not in text
    assert "Lokal utviklingsgruppe møtes" not in text
    assert "Styrermøte kommunale" not in text  # for «Styrere», a kindergarten target group


def test_a_kindergarten_leader_sees_kindergarten_items_and_not_school_only_items(client, setup):
    text = page(client, leader_of(setup.kindergarten), setup.plan, setup.kindergarten)
    assert "Barnehagens lokale utviklingsgruppe" in text and "Lokal utviklingsgruppe møtes" in text
    assert "Skolenes utviklingsgruppe" not in text and "SKUT-samling" not in text
    assert "Skoleeiers utviklingsgruppe" not in text and "Referansegruppe KIBS" in text


def test_every_unit_arenas_are_listed_in_the_unit_and_municipal_ones_apart(client, setup):
    text = page(client, leader_of(setup.school), setup.plan, setup.school)
    in_unit, in_municipality = text.split('id="arenas-heading"')[1].split("In the municipality")
    assert "Skolenes utviklingsgruppe" in in_unit and "Aksjoner på enhetene" in in_unit
    assert "Skoleeiers utviklingsgruppe" in in_municipality and "Aksjoner på enhetene" not in in_municipality


def test_a_municipal_kindergarten_sees_the_meetings_for_municipal_units(client, setup):
    text = page(client, leader_of(setup.kindergarten), setup.plan, setup.kindergarten)
    assert "Styrermøte kommunale" in text and "Municipal units only" in text
    assert "Felles styrermøte" in text


def test_a_private_kindergarten_is_told_and_misses_the_municipal_only_meetings(client, setup):
    text = page(client, leader_of(setup.private_kindergarten), setup.plan, setup.private_kindergarten)
    assert "Privately owned" in text
    assert "Styrermøte kommunale" not in text
    assert "Felles styrermøte" in text


def test_entries_come_next_first_and_past_ones_on_request(client, setup):
    user = leader_of(setup.kindergarten)
    text = page(client, user, setup.plan, setup.kindergarten)
    coming = [
        "Pedagogisk analyse ved hver enhet",  # a period still running
        "Lokal utviklingsgruppe møtes",
        "Styrermøte kommunale",
        "Felles styrermøte",
    ]
    assert [text.index(content) for content in coming] == sorted(text.index(content) for content in coming)
    assert "Oppstartsmøte" not in text
    assert "Show past entries (1)" in text
    past = page(client, user, setup.plan, setup.kindergarten, entries="past")
    assert "Oppstartsmøte" in past and "Felles styrermøte" not in past


def test_the_weekday_comes_from_the_date(client, setup):
    make_entry(setup.plan, starts_on=days(1), content="I morgen")
    text = page(client, leader_of(setup.school), setup.plan, setup.school)
    weekday = days(1).strftime("%A")  # the test runs in English unless translations are compiled
    assert re.search(rf"{weekday}|\w+dag", text)


def test_a_finished_school_year_shows_all_its_entries_in_date_order(client):
    plan = make_plan(school_year=2020)
    unit = make_unit(plan.municipality)
    make_entry(plan, starts_on=days(-2000), content="Andre møte")
    make_entry(plan, starts_on=days(-2100), content="Første møte")
    text = page(client, leader_of(unit), plan, unit)
    assert "The school year 2020/2021 is over" in text
    assert text.index("Første møte") < text.index("Andre møte")


def test_duties_of_the_actors_for_units_with_their_role(client, setup):
    text = page(client, leader_of(setup.school), setup.plan, setup.school)
    assert "Ledelsen i barnehage og skole" in text and "Leder arbeidet ved egen enhet" in text
    assert "Sørger for ressurser" not in text


def test_routines_with_the_units_text_status_and_supplement(client, setup):
    make_unit_text(setup.own, setup.school, status="draft", body="Vår *egen* rutine")
    make_unit_text(setup.common, setup.school, status="done", body="Hos oss ringer vi foreldrene")
    make_unit_text(setup.common, setup.kindergarten, status="done", body="Barnehagens tillegg")
    text = page(client, leader_of(setup.school), setup.plan, setup.school)
    own = text.split('id="unit-routines-heading"')[1].split('id="milestones-heading"')[0]
    assert "Trygt skolemiljø på egen enhet" in own and "Status: Draft" in own and "<em>egen</em>" in own
    common = text.split('id="common-routines-heading"')[1].split('id="duties-heading"')[0]
    assert common.index("Felles <strong>tekst</strong>") < common.index("Hos oss ringer vi foreldrene")
    assert "Barnehagens tillegg" not in text
    edit_supplement = reverse("routines:routine_unit_text", args=[setup.common.pk, setup.school.pk])
    no_supplement = reverse("routines:routine_unit_text", args=[setup.closed.pk, setup.school.pk])
    assert edit_supplement in common and no_supplement not in common


def test_milestones_with_the_units_progress(client, setup):
    user = leader_of(setup.school)
    MilestoneProgress.objects.create(
        unit=setup.school, milestone=setup.milestone, status="reached", note="Gjort i personalmøte", updated_by=user
    )
    text = page(client, user, setup.plan, setup.school)
    milestones = text.split('id="milestones-heading"')[1].split('id="common-routines-heading"')[0]
    assert "Reached" in milestones and "Gjort i personalmøte" in milestones and "Not started" in milestones
    assert reverse("documents:milestone_progress_edit", args=[setup.school.pk, setup.milestone.pk]) in milestones


def test_a_reader_sees_the_page_without_edit_links(client, setup):
    text = page(client, make_member(READER, setup.municipality), setup.plan, setup.school)
    assert "Nordbyen skole" in text
    editor = reverse("routines:routine_unit_text", args=[setup.own.pk, setup.school.pk])
    assert editor not in text and "I have read the plan" not in text


def test_an_advisor_sees_any_unit_with_edit_links_and_the_overview(client, setup):
    text = page(client, make_member(ADVISOR, setup.municipality), setup.plan, setup.kindergarten)
    assert reverse("routines:routine_unit_text", args=[setup.own.pk, setup.kindergarten.pk]) in text
    assert reverse("documents:plan_overview", args=[setup.plan.pk]) in text


def test_unit_page_needs_login(client, setup):
    response = client.get(unit_page_url(setup.plan, setup.school))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_municipalitys_unit_is_404(client, setup):
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(unit_page_url(setup.plan, setup.school)).status_code == 404
    assert client.get(reverse("documents:unit_page_current", args=[setup.school.pk])).status_code == 404


def test_a_plan_of_another_municipality_with_ones_own_unit_is_404(client, setup):
    other_plan = make_plan()
    client.force_login(leader_of(setup.school))
    assert client.get(unit_page_url(other_plan, setup.school)).status_code == 404


def test_a_user_without_membership_gets_404(client, setup):
    client.force_login(make_user())
    assert client.get(unit_page_url(setup.plan, setup.school)).status_code == 404


def test_the_current_address_opens_the_plan_in_force(client, setup):
    municipality = setup.municipality
    in_force = make_plan(
        municipality, school_year=setup.plan.school_year, title="Godkjent", status=Plan.Status.APPROVED
    )
    make_plan(municipality, school_year=setup.plan.school_year + 1, title="Neste år")
    make_plan(municipality, school_year=setup.plan.school_year, title="Arkivert", status=Plan.Status.ARCHIVED)
    client.force_login(leader_of(setup.school))
    response = client.get(reverse("documents:unit_page_current", args=[setup.school.pk]))
    assert response.status_code == 200
    assert response.context["plan"] == in_force


def test_without_a_plan_in_force_the_current_address_says_so_and_leads_to_the_draft(client, setup):
    client.force_login(leader_of(setup.school))
    response = client.get(reverse("documents:unit_page_current", args=[setup.school.pk]))
    assert response.status_code == 200
    assert "has no approved plan for the school year" in response.text
    assert unit_page_url(setup.plan, setup.school) in response.text and "Draft" in response.text


def test_a_municipality_without_plans_says_so_on_the_current_address(client):
    unit = make_unit()
    client.force_login(leader_of(unit))
    response = client.get(reverse("documents:unit_page_current", args=[unit.pk]))
    assert response.status_code == 200 and "Your municipality has no plan yet." in response.text


def test_the_start_page_leads_a_unit_leader_to_their_unit(client, setup):
    client.force_login(leader_of(setup.school))
    start = client.get(reverse("documents:plan_list")).text
    assert "Your unit" in start and unit_page_url(setup.plan, setup.school) in start
    assert "There is no approved plan for this school year yet." in start


def test_the_start_page_leads_unit_leader_and_employee_to_the_plan_in_force(client, setup):
    in_force = make_plan(setup.municipality, school_year=setup.plan.school_year, status=Plan.Status.APPROVED)
    for user in (leader_of(setup.school), make_member("employee", unit=setup.school)):
        client.force_login(user)
        start = client.get(reverse("documents:plan_list")).text
        assert "What the plan in force asks of your unit" in start
        assert f'class="btn btn-primary" href="{unit_page_url(in_force, setup.school)}"' in start


def test_the_start_page_has_no_unit_box_for_advisors(client, setup):
    client.force_login(make_member(ADVISOR, setup.municipality))
    assert "Your unit" not in client.get(reverse("documents:plan_list")).text


def test_the_page_prints_without_navigation_and_offers_the_pdf(client, setup):
    text = page(client, leader_of(setup.school), setup.plan, setup.school)
    assert "css/unit.css" in text and "data-print-page" in text
    assert reverse("documents:unit_pdf", args=[setup.plan.pk, setup.school.pk]) in text
    assert text.count("<h1") == 1


def test_the_page_speaks_bokmal(client, setup):
    client.force_login(leader_of(setup.school))
    text = client.get(unit_page_url(setup.plan, setup.school), HTTP_ACCEPT_LANGUAGE="nb").text
    # Needs the compiled catalogues, as `make test` builds them.
    assert "Rutiner enheten skriver selv" in text and "Ikke påbegynt" in text


def test_user_text_is_escaped(client, setup):
    make_unit_text(setup.own, setup.school, body="<script>alert(1)</script> [x](javascript:alert(1))")
    text = page(client, leader_of(setup.school), setup.plan, setup.school)
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text
    assert 'href="javascript' not in text


# -- the demo, as a new unit leader would try it ------------------------------------------------


def test_the_demo_unit_leader_sees_their_school(client, shared_demo):
    demo = shared_demo
    client.force_login(demo.rektor)
    start = client.get(reverse("documents:plan_list")).text
    assert unit_page_url(demo.plan, demo.school) in start
    text = page(client, demo.rektor, demo.plan, demo.school)
    assert "Sortland barneskole" in text
    assert "Skolenes utviklingsgruppe" in text and "Barnehagens lokale utviklingsgruppe" not in text
    # The demo's target groups name kinds of unit: the school's leader has the school leaders' meetings.
    assert "Skoleledermøte" in text and "Styrermøte" not in text and "Felles styrermøte" not in text
    assert "Den enkelte ansatte" in text and "Kommunedirektør" not in text.split('id="duties-heading"')[1]
    # The demo year is over, so the page lists all of the school's entries in date order.
    assert text.index("Halv fagdag for alle lærere") < text.index("Regionalt arbeidsverksted Kompetanseløftet")


def test_a_private_demo_kindergarten_misses_the_municipal_leaders_meetings(client, shared_demo):
    demo = shared_demo
    kleiva = demo.municipality.units.get(slug="kleiva-barnehage")
    text = page(client, demo.radgiver, demo.plan, kleiva)
    assert "Privately owned" in text
    assert "Styrermøte kommunale" not in text and "Felles styrermøte" in text
    assert "Barnehagens lokale utviklingsgruppe" in text and "Skolenes utviklingsgruppe" not in text


# -- a fixed number of queries ------------------------------------------------------------------


def test_unit_page_queries_are_fixed_for_the_demo(client, django_assert_max_num_queries, shared_demo):
    demo = shared_demo
    client.force_login(demo.rektor)
    # 22 with the routines' and the arenas' links and files (one prefetch each, whatever their number); 23 with
    # the plan's digest, stored with the page kept in the cache (whether the person edits the plan comes with
    # the plan).
    with django_assert_max_num_queries(23):
        assert client.get(unit_page_url(demo.plan, demo.school)).status_code == 200


def test_unit_page_queries_are_fixed_for_a_municipality_of_40_units(client, django_assert_max_num_queries):
    municipality = make_municipality()
    plan = make_plan(municipality)
    units = [make_unit(municipality, kind=Unit.Kind.SCHOOL if n % 2 else Unit.Kind.KINDERGARTEN) for n in range(40)]
    unit = units[0]
    arena = make_arena(plan, scope=Arena.Scope.EVERY_UNIT)
    for _ in range(3):
        make_attachment(arena)
    milestones = [make_milestone(plan) for _ in range(6)]
    for n in range(60):
        entry = make_entry(plan, starts_on=days(n - 30), arena=arena if n % 3 else None)
        entry.milestones.set(milestones[:2])
    for n in range(12):
        routine = make_routine(plan, scope=Routine.Scope.UNIT if n % 2 else Routine.Scope.COMMON)
        for other in units[:10]:
            if routine.scope == Routine.Scope.UNIT:
                make_unit_text(routine, other, body="tekst")
    for milestone in milestones:
        for other in units:
            MilestoneProgress.objects.create(unit=other, milestone=milestone, status="under_way")
    for _ in range(5):
        make_actor(plan, applies_to_units=True, duties=["a", "b", "c"])
    client.force_login(leader_of(unit))
    with django_assert_max_num_queries(22):  # 21 with the arena's files, and the digest
        assert client.get(unit_page_url(plan, unit)).status_code == 200
