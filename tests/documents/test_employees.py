"""A unit's employees: added by pasting e-mail addresses, invited, removed; who confirmed which version."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from documents.services import approve_plan
from routines.employees import parse_addresses
from routines.models import Membership, Plan, ReadConfirmation
from routines.school_year import current_school_year
from tests.support.factories import (
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_unit,
    make_user,
)
from tests.support.units import unit_test_settings  # noqa: F401  (an autouse fixture: English pages)

pytestmark = pytest.mark.django_db


User = get_user_model()


@pytest.fixture
def in_force(municipality, advisor):
    return approve_plan(make_plan(municipality, school_year=current_school_year()), advisor)


def employees_url(unit):
    return reverse("documents:unit_employees", args=[unit.pk])


def test_pasted_addresses_are_read_as_they_come():
    text = "Kari Nordmann <Kari@Skole.no>, ola@skole.no; per@skole.no\nola@skole.no\n"
    assert parse_addresses(text) == (["kari@skole.no", "ola@skole.no", "per@skole.no"], [])
    assert parse_addresses("kari@ , ola@skole.no") == (["ola@skole.no"], ["kari@"])


def test_the_leader_adds_new_and_existing_people(client, unit_leader, unit, django_capture_on_commit_callbacks):
    existing = make_user(email="ola@skole.no")
    client.force_login(unit_leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            employees_url(unit), {"addresses": "kari@skole.no\nOla@skole.no"}, HTTP_ACCEPT_LANGUAGE="nb"
        )
    assert response.status_code == 302
    kari = User.objects.get(email="kari@skole.no")
    assert not kari.has_usable_password()
    for user in (kari, existing):
        assert Membership.objects.get(user=user).role == Membership.Role.EMPLOYEE
    # Only the new account is invited: an e-mail in the leader's language with a link to choose a password.
    assert [message.to for message in mail.outbox] == [["kari@skole.no"]]
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    assert "Velg passordet ditt her" in mail.outbox[0].body and unit.name in mail.outbox[0].body
    page = client.get(link, follow=True)
    assert page.status_code == 200 and 'name="new_password1"' in page.text
    listing = client.get(employees_url(unit)).text
    assert "kari@skole.no" in listing and "ola@skole.no" in listing


def test_someone_with_another_role_in_the_municipality_is_left_as_they_are(client, unit_leader, unit, advisor):
    advisor.email = "radgiver@kommune.no"
    advisor.save()
    client.force_login(unit_leader)
    client.post(employees_url(unit), {"addresses": "radgiver@kommune.no"})
    assert Membership.objects.get(user=advisor).role == Membership.Role.ADVISOR


@pytest.mark.parametrize("text", ["", "kari@skole.no, ikke-en-adresse@", "bare tekst uten adresser"])
def test_bad_addresses_are_refused_and_nobody_is_added(client, unit_leader, unit, text):
    client.force_login(unit_leader)
    response = client.post(employees_url(unit), {"addresses": text})
    assert response.status_code == 400 and response.context["form"].errors["addresses"]
    assert response.context["form"]["addresses"].value() == text
    assert not Membership.objects.filter(role=Membership.Role.EMPLOYEE).exists()


def test_the_leader_removes_an_employee_after_confirming(client, unit_leader, unit, employee):
    client.force_login(unit_leader)
    url = reverse("documents:employee_remove", args=[unit.pk, employee.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(user=employee).exists() and User.objects.filter(pk=employee.pk).exists()


def test_who_may_manage_employees(client, unit, employee, reader, advisor):
    for user, status in [(employee, 403), (reader, 403), (advisor, 200)]:
        client.force_login(user)
        assert client.get(employees_url(unit)).status_code == status
    client.force_login(make_member("unit_leader", unit=make_unit(unit.municipality)))
    assert client.get(employees_url(unit)).status_code == 404
    assert client.post(reverse("documents:employee_remove", args=[unit.pk, employee.pk])).status_code == 404
    client.force_login(make_member("advisor", make_municipality()))
    assert client.get(employees_url(unit)).status_code == 404


def test_another_units_employee_cannot_be_removed_here(client, unit_leader, unit):
    other = make_member("employee", unit=make_unit(unit.municipality))
    client.force_login(unit_leader)
    assert client.post(reverse("documents:employee_remove", args=[unit.pk, other.pk])).status_code == 404


def test_an_employee_confirms_and_the_counts_follow(client, unit, unit_leader, employee, advisor, in_force):
    client.force_login(employee)
    page = client.get(reverse("documents:unit_page_current", args=[unit.pk])).text
    assert reverse("documents:read_confirm", args=[in_force.pk, unit.pk]) in page
    client.post(reverse("documents:read_confirm", args=[in_force.pk, unit.pk]))
    confirmation = ReadConfirmation.objects.get()
    assert confirmation.by_employee and confirmation.user == employee
    page = client.get(reverse("documents:unit_page", args=[in_force.pk, unit.pk])).text
    assert "You confirmed on" in page
    # The unit's own confirmation is its leader's: still outstanding.
    assert "the unit's leader has not yet confirmed" in page

    client.force_login(unit_leader)
    listing = client.get(employees_url(unit)).text
    assert "1 of 1 employee has confirmed" in listing and "counts for the plan in force" in listing
    client.force_login(advisor)
    overview = client.get(reverse("documents:plan_overview", args=[in_force.pk])).text
    assert f'href="{employees_url(unit)}">1 of 1' in overview


def test_an_employee_sees_the_unit_page_without_edit_controls(client, unit, employee, in_force):
    routine = make_routine(in_force, scope="unit")
    milestone = make_milestone(in_force)
    client.force_login(employee)
    page = client.get(reverse("documents:unit_page", args=[in_force.pk, unit.pk])).text
    assert reverse("routines:routine_unit_text", args=[routine.pk, unit.pk]) not in page
    assert reverse("documents:milestone_progress_edit", args=[unit.pk, milestone.pk]) not in page
    assert employees_url(unit) not in page


def test_a_draft_is_not_confirmed(client, unit, employee, plan):
    client.force_login(employee)
    client.post(reverse("documents:read_confirm", args=[plan.pk, unit.pk]))
    assert not ReadConfirmation.objects.exists() and plan.status == Plan.Status.DRAFT
