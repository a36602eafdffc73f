"""The employee and approver roles, and which plan is in force."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from routines import access
from routines.models import Membership, Plan
from routines.school_year import current_school_year
from tests.support.factories import make_member, make_plan, make_routine, make_unit, make_user
from tests.support.units import unit_test_settings  # noqa: F401  (an autouse fixture: English pages)

pytestmark = pytest.mark.django_db


def test_an_employee_belongs_to_a_unit_and_an_approver_to_a_municipality(municipality, unit):
    user = make_user()
    for role, where in [
        ("employee", {"municipality": municipality}),
        ("approver", {"municipality": municipality, "unit": unit}),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(user=user, role=role, **where)


def test_an_employee_reads_the_municipalitys_plans_and_edits_nothing(client, employee, plan, unit):
    routine = make_routine(plan)
    client.force_login(employee)
    assert client.get(reverse("documents:plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).status_code == 200
    assert client.get(reverse("routines:routine_edit", args=[routine.pk])).status_code == 403
    assert client.get(reverse("documents:plan_history", args=[plan.pk])).status_code == 403
    assert client.get(reverse("documents:plan_overview", args=[plan.pk])).status_code == 403


def test_an_employee_of_another_municipality_sees_nothing_of_it(client, plan):
    client.force_login(make_member("employee", unit=make_unit()))
    assert client.get(reverse("documents:plan_detail", args=[plan.pk])).status_code == 404


def test_an_employee_may_not_write_the_units_texts(client, employee, plan, unit):
    routine = make_routine(plan, scope="unit")
    client.force_login(employee)
    assert client.get(reverse("routines:routine_unit_text", args=[routine.pk, unit.pk])).status_code == 403


def test_an_employee_of_another_unit_is_404_on_the_units_edit_addresses(client, plan, unit):
    routine = make_routine(plan, scope="unit")
    client.force_login(make_member("employee", unit=make_unit(unit.municipality)))
    assert client.get(reverse("routines:routine_unit_text", args=[routine.pk, unit.pk])).status_code == 404


def test_an_approver_reads_and_approves_but_does_not_edit(client, approver, plan):
    routine = make_routine(plan)
    client.force_login(approver)
    assert client.get(reverse("documents:plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("routines:routine_edit", args=[routine.pk])).status_code == 403
    assert access.can_approve(approver, plan) and not access.can_edit_plan(approver, plan)
    assert access.can_read_history(approver, plan)


def test_unit_roles_answer_their_questions(unit_leader, employee, unit, reader):
    assert access.is_leader_of(unit_leader, unit) and not access.is_leader_of(employee, unit)
    assert access.is_employee_of(employee, unit) and not access.is_employee_of(unit_leader, unit)
    assert access.is_member_of_unit(employee, unit) and access.is_member_of_unit(unit_leader, unit)
    assert not access.is_member_of_unit(reader, unit)
    assert list(access.units_of(employee)) == [unit] == list(access.units_of(unit_leader))


def test_the_plan_in_force_is_this_school_years_latest_approved_plan(municipality):
    year = current_school_year()
    make_plan(municipality, school_year=year, title="Utkast")
    make_plan(municipality, school_year=year - 1, title="I fjor", status=Plan.Status.APPROVED)
    make_plan(municipality, school_year=year, title="Arkivert", status=Plan.Status.ARCHIVED)
    assert municipality.plan_in_force() is None
    in_force = make_plan(municipality, school_year=year, title="Godkjent", status=Plan.Status.APPROVED)
    other = make_plan(school_year=year, status=Plan.Status.APPROVED)
    assert municipality.plan_in_force() == in_force
    assert municipality.plan_in_force(year - 1).title == "I fjor"
    assert set(Plan.objects.in_force()) == {in_force, other}
    assert in_force.is_in_force and in_force.status_label == "In force"


def test_a_draft_revision_is_labelled_as_such(municipality):
    approved = make_plan(municipality, school_year=current_school_year(), status=Plan.Status.APPROVED)
    revision = make_plan(municipality, school_year=approved.school_year, revision_of=approved)
    assert revision.status_label == "Draft revision" and not revision.is_in_force


def test_the_plan_list_shows_which_plan_is_in_force(client, advisor, municipality):
    make_plan(municipality, school_year=current_school_year(), title="Gjeldende plan", status=Plan.Status.APPROVED)
    client.force_login(advisor)
    text = client.get(reverse("documents:plan_list"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "<strong>In force</strong>" in text
