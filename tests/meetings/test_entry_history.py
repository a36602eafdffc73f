"""A progress entry's history: one row per save, its target groups and milestones folded into it."""

import pytest
from django.urls import reverse

from meetings.models import ProgressEntry
from tests.support.factories import make_milestone, make_target_group
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor_client(client, advisor):
    client.force_login(advisor)
    return client


def linked(record):
    groups = sorted(row.targetgroup.name for row in record.target_groups.all())
    milestones = sorted(row.milestone.number for row in record.milestones.all())
    return groups, milestones


def test_creating_an_entry_with_target_groups_and_milestones_writes_one_history_row(advisor_client, plan):
    styrere = make_target_group(plan, name="Styrere")
    rektorer = make_target_group(plan, name="Rektorer")
    first, second = make_milestone(plan), make_milestone(plan)
    url = reverse("meetings:entry_create", args=[plan.pk])
    data = form_data(advisor_client.get(url), "content")
    data.update(
        {
            "starts_on": "2023-10-12",
            "content": "Ledermøte",
            "target_groups": [str(styrere.pk), str(rektorer.pk)],
            "milestones": [str(first.pk), str(second.pk)],
        }
    )
    assert advisor_client.post(url, data).status_code == 302
    entry = ProgressEntry.objects.get()
    [record] = entry.history.all()
    assert record.history_type == "+"
    assert linked(record) == (["Rektorer", "Styrere"], [1, 2])  # the row holds the links it was saved with


def test_an_edit_of_only_the_target_groups_is_one_row_whose_diff_shows_them(advisor_client, plan):
    styrere = make_target_group(plan, name="Styrere")
    rektorer = make_target_group(plan, name="Rektorer")
    create = reverse("meetings:entry_create", args=[plan.pk])
    data = form_data(advisor_client.get(create), "content")
    data.update({"starts_on": "2023-10-12", "content": "Ledermøte", "target_groups": [str(styrere.pk)]})
    advisor_client.post(create, data)
    entry = ProgressEntry.objects.get()

    edit = reverse("meetings:entry_edit", args=[entry.pk])
    data = form_data(advisor_client.get(edit), "content")
    data["target_groups"] = [str(rektorer.pk)]
    assert advisor_client.post(edit, data).status_code == 302

    created, edited = entry.history.order_by("history_date", "history_id")
    assert (created.history_type, edited.history_type) == ("+", "~")
    assert linked(created)[0] == ["Styrere"] and linked(edited)[0] == ["Rektorer"]
    version = reverse("documents:history_version", args=[plan.pk, "progressentry", edited.history_id])
    changes = advisor_client.get(version).context["changes"]
    assert [(row["old"], row["new"]) for row in changes] == [("Styrere", "Rektorer")]


def test_links_changed_later_without_a_save_are_one_row(plan):
    entry = ProgressEntry.objects.create(plan=plan, starts_on="2023-10-12", content="Ledermøte")
    fresh = ProgressEntry.objects.get(pk=entry.pk)
    fresh.target_groups.set([make_target_group(plan), make_target_group(plan)])
    fresh.milestones.set([make_milestone(plan)])
    assert entry.history.count() == 2  # the creation, and one change for the links set afterwards
