"""Restoring from the history: earlier versions, and deleted parts with their children."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import ProgressEntry
from routines.models import Actor, Duty, Membership, Milestone, Plan, Routine
from tests.support.factories import (
    make_actor,
    make_entry,
    make_legal_reference,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_target_group,
    make_unit,
    make_unit_text,
    make_user,
)
from tests.support.history import delete, edit

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR


def restore_url(plan, part_key, record):
    return reverse("documents:history_restore", args=[plan.pk, part_key, record.history_id])


@pytest.fixture
def advisor_plan():
    plan = make_plan()
    advisor = make_member(ADVISOR, plan.municipality, user=make_user(first_name="Kari", last_name="Nordmann"))
    return plan, advisor


def test_restoring_a_deleted_actor_brings_back_its_duties_in_order(client, advisor_plan):
    plan, advisor = advisor_plan
    actor = make_actor(plan, name="Ledelsen i barnehage og skole", duties=["Første", "Andre", "Tredje"])
    make_actor(plan, name="Foresatte")
    # Moved duties are renumbered in bulk, without history: the deletion still knows the order.
    actor.duties.get(text="Tredje").move(-1)
    routine = make_routine(plan, title="Undring og bekymring", responsible=actor)
    record = delete(actor, make_member(ADVISOR, plan.municipality))
    assert not Duty.objects.exists() and Routine.objects.get().responsible is None

    client.force_login(advisor)
    response = client.post(restore_url(plan, "actor", record))

    assert response.status_code == 302 and response.url == reverse("documents:plan_history", args=[plan.pk])
    restored = Actor.objects.get(pk=record.id)
    assert (restored.name, restored.position) == ("Ledelsen i barnehage og skole", 0)
    assert [duty.text for duty in restored.duties.all()] == ["Første", "Tredje", "Andre"]
    routine.refresh_from_db()
    assert routine.responsible == restored  # the link the deletion emptied is back
    assert list(plan.actors.values_list("name", flat=True)) == ["Ledelsen i barnehage og skole", "Foresatte"]


def test_restoring_is_recorded_with_the_person_and_a_reason(client, advisor_plan):
    plan, advisor = advisor_plan
    actor = make_actor(plan, name="PPD", duties=["Veileder"])
    record = delete(actor, advisor)

    client.force_login(advisor)
    client.post(restore_url(plan, "actor", record))

    latest = Actor.history.filter(id=record.id).first()
    assert latest.history_type == "+" and latest.history_user == advisor
    assert latest.history_change_reason.startswith("Gjenopprettet versjonen fra")
    assert Duty.history.filter(history_type="+").first().history_user == advisor
    rows = client.get(reverse("documents:plan_history", args=[plan.pk])).context["rows"]
    assert (rows[0]["part_key"], rows[0]["user"]) in {("actor", advisor), ("duty", advisor)}
    assert any(row["history_change_reason"] for row in rows[:2])


def test_only_children_of_the_same_deletion_come_back(client, advisor_plan):
    plan, advisor = advisor_plan
    actor = make_actor(plan, name="PPD", duties=["Beholdes", "Slettet med vilje"])
    delete(actor.duties.get(text="Slettet med vilje"), advisor)
    Duty.history.filter(history_type="-").update(history_date=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    record = delete(actor, advisor)

    client.force_login(advisor)
    client.post(restore_url(plan, "actor", record))

    assert [duty.text for duty in Actor.objects.get().duties.all()] == ["Beholdes"]


def test_restoring_a_deleted_routine_brings_back_legal_basis_unit_texts_and_milestones(client, advisor_plan):
    plan, advisor = advisor_plan
    unit = make_unit(plan.municipality)
    milestone = make_milestone(plan)
    routine = make_routine(plan, title="Enhetens rutine", scope=Routine.Scope.UNIT)
    routine.milestones.add(milestone)
    make_legal_reference(routine, citation="Barnehageloven § 37")
    make_legal_reference(routine, citation="Opplæringsloven kap. 12")
    make_unit_text(routine, unit, body="Skolens egen tekst", status="done")
    record = delete(routine, advisor)

    client.force_login(advisor)
    client.post(restore_url(plan, "routine", record))

    restored = Routine.objects.get(pk=record.id)
    assert [ref.citation for ref in restored.legal_references.all()] == [
        "Barnehageloven § 37",
        "Opplæringsloven kap. 12",
    ]
    assert [(text.unit, text.body, text.status) for text in restored.unit_texts.all()] == [
        (unit, "Skolens egen tekst", "done")
    ]
    assert list(restored.milestones.all()) == [milestone]


def test_restoring_a_deleted_entry_brings_back_its_links(client, advisor_plan):
    plan, advisor = advisor_plan
    leaders = make_target_group(plan, name="Skoleledere")
    milestone = make_milestone(plan)
    entry = make_entry(plan, content="Ledermøte")
    entry.target_groups.add(leaders)
    entry.milestones.add(milestone)
    record = delete(entry, advisor)

    client.force_login(advisor)
    client.post(restore_url(plan, "progressentry", record))

    restored = ProgressEntry.objects.get(pk=record.id)
    assert list(restored.target_groups.all()) == [leaders]
    assert list(restored.milestones.all()) == [milestone]
    # One recorded version holds the entry and its links together.
    assert list(restored.history.first().target_groups.values_list("targetgroup_id", flat=True)) == [leaders.pk]


def test_restoring_a_deleted_milestone_links_it_again_where_it_was(client, advisor_plan):
    plan, advisor = advisor_plan
    milestone = make_milestone(plan, text="Alle vurderer ståsted")
    routine = make_routine(plan)
    routine.milestones.add(milestone)
    entry = make_entry(plan)
    entry.milestones.add(milestone)
    record = delete(milestone, advisor)

    client.force_login(advisor)
    client.post(restore_url(plan, "milestone", record))

    assert list(routine.milestones.all()) == [Milestone.objects.get(pk=record.id)]
    assert list(entry.milestones.values_list("pk", flat=True)) == [record.id]


def test_restore_an_earlier_version_of_a_text(client, advisor_plan):
    plan, advisor = advisor_plan
    section = make_section(plan, title="Kompetansebehov", body="Den gode teksten.")
    first = section.history.get()
    edit(section, make_member(ADVISOR, plan.municipality), body="Teksten ved en feil.")

    client.force_login(advisor)
    response = client.post(restore_url(plan, "section", first), {"seen_version": section.version})

    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "Den gode teksten."
    latest = section.history.first()
    assert latest.history_user == advisor and latest.history_change_reason.startswith("Gjenopprettet")
    assert section.history.count() == 3  # nothing is lost: the replaced text stays in the history


def test_restoring_over_a_newer_change_is_a_conflict(client, advisor_plan):
    plan, advisor = advisor_plan
    section = make_section(plan, body="Første")
    first = section.history.get()
    seen = section.version
    edit(section, advisor, body="Noen andre skrev dette i mellomtiden")

    client.force_login(advisor)
    response = client.post(restore_url(plan, "section", first), {"seen_version": seen})

    assert response.status_code == 409
    assert "Noen har endret eller gjenopprettet dette" in response.text
    section.refresh_from_db()
    assert section.body == "Noen andre skrev dette i mellomtiden"


def test_restoring_a_deleted_part_twice_is_a_conflict(client, advisor_plan):
    plan, advisor = advisor_plan
    actor = make_actor(plan, name="PPD")
    record = delete(actor, advisor)
    client.force_login(advisor)
    assert client.post(restore_url(plan, "actor", record)).status_code == 302
    assert client.post(restore_url(plan, "actor", record)).status_code == 409
    assert Actor.objects.count() == 1


def test_a_duty_of_a_deleted_actor_needs_its_actor_first(client, advisor_plan):
    plan, advisor = advisor_plan
    actor = make_actor(plan, name="PPD", duties=["Veileder"])
    duty_pk = actor.duties.get().pk
    delete(actor, advisor)
    client.force_login(advisor)
    response = client.post(restore_url(plan, "duty", Duty.history.get(id=duty_pk, history_type="-")))
    assert response.status_code == 409
    assert "Gjenopprett først den delen det hører til" in response.text
    assert not Duty.objects.exists()


def test_a_clash_with_the_current_plan_is_explained(client, advisor_plan):
    plan, advisor = advisor_plan
    milestone = make_milestone(plan, number=1, text="Gammel")
    record = delete(milestone, advisor)
    make_milestone(plan, number=1, text="Ny med samme nummer")
    client.force_login(advisor)
    response = client.post(restore_url(plan, "milestone", record))
    assert response.status_code == 409
    assert "kolliderer" in response.text
    assert list(Milestone.objects.values_list("text", flat=True)) == ["Ny med samme nummer"]


def test_restore_needs_a_post_by_an_advisor_of_the_municipality(client, advisor_plan):
    plan, advisor = advisor_plan
    section = make_section(plan)
    record = section.history.get()
    url = restore_url(plan, "section", record)

    assert client.post(url).url.startswith(reverse("login"))
    client.force_login(advisor)
    assert client.get(url).status_code == 405
    # "²" passes str.isdigit() but not int(); "٣" passes int(); neither is a version.
    for bad in ["abc", "²", "٣", "-1", " 1", "9" * 5000]:
        assert client.post(url, {"seen_version": bad}).status_code == 400, bad
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(url, {"seen_version": section.version}).status_code == 404
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert client.post(url, {"seen_version": section.version}).status_code == 403
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality)))
    assert client.post(url, {"seen_version": section.version}).status_code == 403


def test_an_approved_plan_is_not_restored_into(client, advisor_plan):
    plan, advisor = advisor_plan
    actor = make_actor(plan, name="PPD")
    record = delete(actor, advisor)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    client.force_login(advisor)
    response = client.post(restore_url(plan, "actor", record))
    assert response.status_code == 403
    assert "start en ny revisjon av den" in response.text
    assert not Actor.objects.exists()


def test_restore_an_earlier_version_of_the_plan_itself_keeps_its_status(client, advisor_plan):
    plan, advisor = advisor_plan
    first = plan.history.get()
    edit(plan, advisor, intro="Ny innledning")
    client.force_login(advisor)
    client.post(restore_url(plan, "plan", first), {"seen_version": Plan.objects.get().version})
    plan.refresh_from_db()
    assert plan.intro == "" and plan.status == Plan.Status.DRAFT


def test_the_timeline_offers_restore_for_deleted_parts_only(client, advisor_plan):
    plan, advisor = advisor_plan
    actor = make_actor(plan, name="PPD", duties=["Veileder", "Utreder"])
    make_actor(plan, name="Foresatte")
    record = delete(actor, advisor)
    client.force_login(advisor)
    response = client.get(reverse("documents:plan_history", args=[plan.pk]))
    # The duties come back with their actor: only the actor is offered.
    assert response.text.count("/restore/") == 1
    assert response.text.count("Kommer tilbake når det den hører til, blir gjenopprettet.") == 2
    assert restore_url(plan, "actor", record) in response.text
    client.post(restore_url(plan, "actor", record))
    assert "/restore/" not in client.get(reverse("documents:plan_history", args=[plan.pk])).text
