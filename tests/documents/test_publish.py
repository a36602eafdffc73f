"""Publishing an approved plan at a public, read-only address, and withdrawing it."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from documents.services import approve_plan, archive_plan, publish_plan
from routines.models import Membership, Plan
from tests.support.factories import make_actor, make_entry, make_member, make_municipality, make_plan, make_unit

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR


def url(name, plan):
    return reverse(f"documents:{name}", args=[plan.pk])


def public_url(plan):
    return reverse("documents:public_plan", args=[plan.public_slug])


@pytest.fixture
def approved():
    plan = make_plan(title="KIBS handlingsplan", language=Plan.Language.NYNORSK)
    make_actor(plan, name="Kommunedirektør", duties=["Sørgjer for at planen blir følgd opp"])
    make_entry(plan, content="Halv fagdag for alle lærarar")
    advisor = make_member(ADVISOR, plan.municipality)
    return approve_plan(plan, advisor), advisor


def test_advisor_publishes_and_anyone_reads_it_without_login(client, approved):
    plan, advisor = approved
    client.force_login(advisor)
    response = client.post(url("plan_publish", plan))
    assert response.status_code == 302 and response.url == url("plan_status", plan)
    plan.refresh_from_db()
    assert plan.published and plan.public_slug.startswith(plan.municipality.slug)
    assert public_url(plan) in client.get(url("plan_status", plan)).text

    client.logout()
    page = client.get(public_url(plan))

    assert page.status_code == 200
    assert "Sørgjer for at planen blir følgd opp" in page.text and "Halv fagdag for alle lærarar" in page.text
    assert page.text.count("<h1") == 1
    # The page speaks the plan's written standard, whatever the visitor's browser asks for.
    assert '<html lang="nn">' in page.text and page.headers["Content-Language"] == "nn"
    # Dates as the PDF prints them, the weekday from the date, in Nynorsk.
    assert "Mandag 14. august" not in page.text and "Man 4.9." in page.text


def test_withdrawn_plan_is_gone_from_the_public_address(client, approved):
    plan, advisor = approved
    plan = publish_plan(plan, advisor)
    address = public_url(plan)
    client.force_login(advisor)
    assert client.post(url("plan_withdraw", plan)).status_code == 302
    client.logout()
    assert client.get(address).status_code == 404

    plan = publish_plan(plan, advisor)
    assert public_url(plan) == address  # publishing again keeps the address
    assert client.get(address).status_code == 200


def test_only_approved_plans_are_published(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, plan.municipality))
    response = client.post(url("plan_publish", plan))
    assert response.status_code == 409 and "Bare en godkjent plan kan publiseres." in response.text
    plan.refresh_from_db()
    assert not plan.published


def test_the_database_refuses_a_published_plan_that_is_not_approved():
    plan = make_plan()
    with pytest.raises(IntegrityError):
        Plan.objects.filter(pk=plan.pk).update(published=True)


def test_an_archived_plan_is_no_longer_public(client, approved):
    plan, advisor = approved
    plan = publish_plan(plan, advisor)
    address = public_url(plan)
    archive_plan(plan, advisor)
    assert client.get(address).status_code == 404


def test_unknown_address_is_404(client):
    assert client.get(reverse("documents:public_plan", args=["ingen-slik-plan"])).status_code == 404


@pytest.mark.parametrize("name", ["plan_publish", "plan_withdraw"])
def test_publishing_is_a_post_by_the_municipalitys_advisors(client, approved, name):
    plan, advisor = approved
    assert client.post(url(name, plan)).url.startswith(reverse("login"))
    client.force_login(advisor)
    assert client.get(url(name, plan)).status_code == 405
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(url(name, plan)).status_code == 404
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert client.post(url(name, plan)).status_code == 403
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality)))
    assert client.post(url(name, plan)).status_code == 403
    plan.refresh_from_db()
    assert not plan.published
