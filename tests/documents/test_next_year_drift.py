"""Five yearly copies of the demo plan in a row: nothing drifts.

Every meeting keeps its weekday (and its month), every deadline its date, every month or term item
its months, compared with the original plan; and the review marks show, filter and stop approval
until confirmed.
"""

import datetime
import json
from collections import defaultdict
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from documents.planfile import import_document
from documents.services import approve_plan, start_next_year
from routines.models import Membership, Plan
from tests.support.factories import make_entry, make_member

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parent.parent.parent / "documents" / "demo" / "sortland.json"
D = datetime.date


def by_content(plan):
    """Entries of a plan grouped by what they are, each group in date order."""
    groups = defaultdict(list)
    for entry in plan.progress_entries.order_by("starts_on", "pk"):
        groups[entry.content, entry.kind, entry.precision, entry.starts_at].append(entry)
    return groups


def test_five_copies_in_a_row_keep_weekdays_dates_and_months():
    document = json.loads(DEMO.read_text(encoding="utf-8"))
    # The dates are what is checked: the demo's progress plan, without the routines and texts that only
    # make each copy slower.
    for data in document["plans"]:
        data.update(routines=[], sections=[], actors=[], focus_areas=[])
    municipality = import_document(document)
    plan = municipality.plans.get(school_year=2023, title__startswith="KIBS")
    make_entry(plan, kind="deadline", starts_on=D(2024, 3, 1), content="Frist for søknad om skoleskyss")
    make_entry(plan, kind="deadline", starts_on=D(2024, 5, 15), content="15. mai – frist for søknad")
    make_entry(plan, kind="task", precision="term", starts_on=D(2024, 1, 1), ends_on=D(2024, 6, 30), content="Våren")
    original = by_content(plan)
    copies = []
    for _year in range(5):
        plan = start_next_year(plan, None)
        copies.append(plan)
    assert plan.school_year == 2028
    fifth = by_content(plan)
    assert fifth.keys() == original.keys()
    checked = defaultdict(int)
    for key, entries in original.items():
        for before, after in zip(entries, fifth[key], strict=True):
            if before.precision != "day":
                assert (after.starts_on.month, after.ends_on.month) == (before.starts_on.month, before.ends_on.month)
                assert after.starts_on.day == 1 and (after.ends_on + datetime.timedelta(days=1)).day == 1
                assert after.starts_on.year - before.starts_on.year == 5
            elif before.kind == "deadline":
                assert (after.starts_on.month, after.starts_on.day) == (before.starts_on.month, before.starts_on.day)
            else:
                assert after.starts_on.weekday() == before.starts_on.weekday()
                assert after.starts_on.month == before.starts_on.month
            checked[before.kind, before.precision] += 1
    assert checked["meeting", "day"] > 40 and checked["deadline", "day"] == 2 and checked["task", "months"] >= 10
    # One copy gives the same months and deadlines as five.
    once = by_content(copies[0])
    for key, entries in once.items():
        if key[2] != "day" or key[1] == "deadline":
            assert [e.starts_on.strftime("%m-%d") for e in entries] == [
                e.starts_on.strftime("%m-%d") for e in fifth[key]
            ]


@pytest.fixture
def copied(advisor, plan):
    make_entry(plan, content="Skoleledermøte", starts_on=D(2023, 9, 4))
    make_entry(plan, kind="deadline", content="Frist for søknad", starts_on=D(2024, 3, 1))
    return start_next_year(plan, advisor)


def test_review_marks_show_as_badge_count_and_filter(client, advisor, copied):
    client.force_login(advisor)
    detail = client.get(reverse("documents:plan_detail", args=[copied.pk]))
    assert "2 punkter i fremdriftsplanen er kopiert fra forrige skoleår" in strip_tags(detail.text)
    assert "Vis bare det som må sjekkes" in detail.text
    url = reverse("meetings:progress_months", args=[copied.pk])
    everything = client.get(url)
    assert everything.text.count("review-badge") == 2
    # Saturday 1 March 2025: the deadline keeps its date and is flagged, not moved.
    assert "Fristen faller på en helg" in everything.text
    entry = copied.progress_entries.get(kind="meeting")
    client.post(
        reverse("meetings:entry_edit", args=[entry.pk]),
        {"content": entry.content, "starts_on": entry.starts_on.isoformat(), "seen_version": entry.version},
    )
    entry.refresh_from_db()
    assert not entry.to_review  # saved by a person: checked
    only = client.get(url, {"to_review": "on"})
    assert only.status_code == 200 and only.text.count("review-badge") == 1
    assert "Frist for søknad" in only.text and "Skoleledermøte" not in only.text


def test_approving_with_unreviewed_entries_lists_them_and_needs_confirmation(client, advisor, copied):
    client.force_login(advisor)
    url = reverse("documents:plan_approve", args=[copied.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Skoleledermøte" in page.text and "Frist for søknad" in page.text
    assert 'name="unreviewed_confirmed"' in page.text
    decision = {"decision_body": "kommunestyret", "decision_reference": "24/31", "decision_date": "2024-06-12"}
    refused = client.post(url, decision)
    assert refused.status_code == 409
    copied.refresh_from_db()
    assert copied.status == Plan.Status.DRAFT
    assert client.post(url, {**decision, "unreviewed_confirmed": "yes"}).status_code == 302
    copied.refresh_from_db()
    assert copied.status == Plan.Status.APPROVED


def test_a_reader_cannot_approve(client, copied):
    client.force_login(make_member(Membership.Role.READER, copied.municipality))
    assert (
        client.post(reverse("documents:plan_approve", args=[copied.pk]), {"unreviewed_confirmed": "yes"}).status_code
        == 403
    )


def test_approve_plan_refuses_unreviewed_entries_unless_confirmed(advisor, copied):
    from documents.services import PlanActionError

    with pytest.raises(PlanActionError):
        approve_plan(copied, advisor)
    assert approve_plan(copied, advisor, unreviewed_confirmed=True).status == Plan.Status.APPROVED
