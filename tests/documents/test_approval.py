"""Approval freezes a plan; changing it means a draft revision; old plans are archived."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents.planfile import plan_to_dict
from documents.services import approve_plan, publish_plan, start_revision
from routines.access import get_plan_for_editing
from routines.models import Membership, Plan, Routine
from tests.support.factories import (
    make_actor,
    make_arena,
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_target_group,
    make_unit,
    make_unit_text,
)
from tests.support.history import edit

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR


# What the approval page asks for: the decision of the municipality.
DECISION = {"decision_body": "kommunestyret", "decision_reference": "24/31", "decision_date": "2024-06-12"}


def url(name, plan):
    return reverse(f"documents:{name}", args=[plan.pk])


def full_plan(**fields):
    plan = make_plan(**fields)
    actor = make_actor(plan, name="Ledelsen", duties=["Leder SKUT", "Følger opp"])
    milestone = make_milestone(plan, text="Alle vurderer ståsted")
    routine = make_routine(plan, title="Enhetens rutine", scope=Routine.Scope.UNIT, responsible=actor)
    routine.milestones.add(milestone)
    make_unit_text(routine, make_unit(plan.municipality, slug="skolen"), body="Skolens tekst", status="done")
    make_section(plan, title="Kompetansebehov", body="Vi kartla behovet.")
    make_entry(plan, content="Halv fagdag").milestones.add(milestone)
    return plan


def without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_advisor_approves_a_draft_after_confirming(client):
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    client.force_login(advisor)

    confirm = client.get(url("plan_approve", plan))
    assert confirm.status_code == 200 and confirm.text.count("<h1") == 1
    response = client.post(url("plan_approve", plan), DECISION)

    assert response.status_code == 302 and response.url == url("plan_status", plan)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.approved_by == advisor and plan.approved_at
    latest = plan.history.first()
    assert (latest.history_user, latest.history_change_reason) == (advisor, "Godkjente planen")


def test_an_approved_plan_is_frozen():
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    with pytest.raises(PermissionDenied, match="start en ny revisjon"):
        get_plan_for_editing(advisor, plan.pk)


def test_approving_twice_is_refused(client):
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    client.force_login(advisor)
    response = client.post(url("plan_approve", plan))
    assert response.status_code == 409 and "Bare et utkast kan godkjennes." in response.text


def test_a_revision_is_a_full_draft_copy_and_there_is_only_one(client):
    plan = full_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    client.force_login(advisor)

    response = client.post(url("plan_start_revision", plan))

    revision = Plan.objects.get(revision_of=plan)
    assert response.status_code == 302 and response.url == url("plan_detail", revision)
    assert revision.status == Plan.Status.DRAFT
    assert plan_to_dict(revision) == {**plan_to_dict(plan), "status": "draft"}
    assert revision.routines.get().unit_texts.get().body == "Skolens tekst"
    assert client.post(url("plan_start_revision", plan)).url == url("plan_detail", revision)
    assert Plan.objects.count() == 2


def test_only_an_approved_plan_is_revised(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, plan.municipality))
    response = client.post(url("plan_start_revision", plan))
    assert response.status_code == 409 and "Bare en godkjent plan kan revideres." in response.text


def test_the_approved_version_reads_and_prints_as_approved_after_the_draft_changes(client):
    plan = full_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    plan = publish_plan(plan, advisor)
    # As a reader: an advisor's banner offers the draft revision once there is one.
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    page_before = without_csrf(client.get(url("plan_detail", plan)).text)
    public_url = reverse("documents:public_plan", args=[plan.public_slug])
    public_before = without_csrf(client.get(public_url).text)

    revision = start_revision(plan, advisor)
    edit(revision, advisor, title="Ny tittel", intro="Endret innledning")
    edit(revision.sections.get(), advisor, body="Helt ny tekst")
    edit(revision.actors.get(), advisor, name="Ledelsen i barnehage og skole")
    revision.actors.get().duties.first().delete()
    revision.milestones.get().routines.clear()

    plan.refresh_from_db()
    assert without_csrf(client.get(url("plan_detail", plan)).text) == page_before
    assert without_csrf(client.get(public_url).text) == public_before
    assert "Leder SKUT" in public_before and "Vi kartla behovet." in public_before


def test_approving_a_revision_archives_the_old_version_and_takes_over_its_publication(client):
    plan = full_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    address = publish_plan(plan, advisor).public_slug
    revision = start_revision(plan, advisor)
    edit(revision, advisor, intro="Revidert innledning")

    client.force_login(advisor)
    client.post(url("plan_approve", revision), DECISION)

    plan.refresh_from_db()
    revision.refresh_from_db()
    assert plan.status == Plan.Status.ARCHIVED and not plan.published
    assert revision.status == Plan.Status.APPROVED and revision.published and revision.public_slug == address
    client.logout()
    assert "Revidert innledning" in client.get(reverse("documents:public_plan", args=[address])).text


def test_advisor_archives_an_old_plan_after_confirming(client):
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    publish_plan(plan, advisor)
    client.force_login(advisor)

    assert client.get(url("plan_archive", plan)).status_code == 200
    assert client.post(url("plan_archive", plan)).status_code == 302

    plan.refresh_from_db()
    assert plan.status == Plan.Status.ARCHIVED and not plan.published
    assert client.post(url("plan_archive", plan)).status_code == 409


def test_status_page_shows_what_can_be_done(client):
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    client.force_login(advisor)
    draft_page = client.get(url("plan_status", plan))
    assert draft_page.status_code == 200 and url("plan_approve", plan) in draft_page.text
    assert url("plan_publish", plan) not in draft_page.text
    approve_plan(plan, advisor)
    approved_page = client.get(url("plan_status", plan)).text
    assert url("plan_start_revision", plan) in approved_page and url("plan_publish", plan) in approved_page
    assert approved_page.count("<h1") == 1


@pytest.mark.parametrize(
    "name, method",
    [
        ("plan_status", "get"),
        ("plan_approve", "get"),
        ("plan_approve", "post"),
        ("plan_archive", "post"),
        ("plan_start_revision", "post"),
    ],
)
def test_approval_pages_are_for_the_municipalitys_advisors(client, name, method):
    plan = make_plan()
    send = getattr(client, method)
    assert send(url(name, plan)).url.startswith(reverse("login"))
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert send(url(name, plan)).status_code == 404
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert send(url(name, plan)).status_code == 403
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality)))
    assert send(url(name, plan)).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_start_revision_is_post_only(client):
    plan = make_plan()
    client.force_login(make_member(ADVISOR, plan.municipality))
    assert client.get(url("plan_start_revision", plan)).status_code == 405


def test_plan_page_says_an_approved_plan_is_frozen(client):
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    approve_plan(plan, advisor)
    client.force_login(advisor)
    text = client.get(url("plan_detail", plan)).text
    assert "Kommunens felles tekst står slik den ble godkjent" in text
    assert url("plan_start_revision", plan) in text and "Start en revisjon" in text
    assert url("plan_status", plan) in text and url("plan_history", plan) in text


@pytest.mark.parametrize(
    "name, kind",
    [
        ("meetings:arena_create", "plan"),
        ("meetings:arena_edit", "arena"),
        ("meetings:arena_delete", "arena"),
        ("meetings:target_group_edit", "target_group"),
        ("meetings:entry_create", "plan"),
        ("meetings:entry_edit", "entry"),
        ("meetings:entry_delete", "entry"),
    ],
)
def test_the_parts_of_an_approved_plan_are_frozen_too(client, name, kind):
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    objects = {"arena": make_arena(plan), "target_group": make_target_group(plan), "entry": make_entry(plan)}
    approve_plan(plan, advisor)
    client.force_login(advisor)
    kwargs = {"plan_pk": plan.pk} if kind == "plan" else {"pk": objects[kind].pk}

    response = client.post(reverse(name, kwargs=kwargs))

    assert response.status_code == 403
    assert "start en ny revisjon av den" in response.text
    assert plan.arenas.count() == plan.target_groups.count() == plan.progress_entries.count() == 1


def test_the_common_parts_of_an_approved_plan_are_frozen_and_the_units_texts_are_not(client):
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality)
    actor = make_actor(plan, name="Kommunedirektør", duties=["Sørger for at …"])
    routine = make_routine(plan, scope="unit")
    unit = make_unit(plan.municipality)
    approve_plan(plan, advisor)
    client.force_login(advisor)

    for name, kwargs in [
        ("routines:actor_edit", {"pk": actor.pk}),
        ("routines:actor_delete", {"pk": actor.pk}),
        ("routines:actor_create", {"plan_pk": plan.pk}),
        ("routines:routine_edit", {"pk": routine.pk}),
    ]:
        response = client.post(reverse(name, kwargs=kwargs), {"name": "Endret", "body": "Endret"})
        assert response.status_code == 403, name
    assert plan.actors.get().name == "Kommunedirektør"
    unit_text = reverse("routines:routine_unit_text", kwargs={"routine_pk": routine.pk, "unit_pk": unit.pk})
    assert client.post(unit_text, {"body": "Endret", "status": "draft"}).status_code == 302
    assert routine.unit_texts.get().body == "Endret"
