"""The decision that approves a plan, and who may approve it: approvers, and the four-eyes setting."""

import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from documents import pdf
from documents.services import Decision, approve_plan, publish_plan, start_revision
from routines.models import Membership, Plan
from tests.support.factories import make_member, make_routine
from tests.support.history import edit

pytestmark = pytest.mark.django_db

DECISION = {"decision_body": "kommunestyret", "decision_reference": "24/31", "decision_date": "2024-06-12"}
SAID = "Godkjent 12.06.2024 av kommunestyret (sak 24/31)"


def approve_url(plan):
    return reverse("documents:plan_approve", args=[plan.pk])


def test_the_approval_page_asks_for_the_decision_with_the_common_bodies(client, advisor, plan):
    client.force_login(advisor)
    page = client.get(approve_url(plan), HTTP_ACCEPT_LANGUAGE="nb").text
    assert 'name="decision_body"' in page and 'list="decision-bodies"' in page
    for body in ("kommunestyret", "hovedutvalg", "kommunedirektøren"):
        assert f'<option value="{body}">' in page
    assert "Vedtaksdato" in page and "Saksnummer" in page


def test_approving_records_the_decision_and_shows_it_on_the_plan_and_in_history(client, advisor, plan):
    client.force_login(advisor)
    response = client.post(approve_url(plan), DECISION)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.decision_body, plan.decision_reference) == ("approved", "kommunestyret", "24/31")
    assert plan.decision_date.isoformat() == "2024-06-12"
    assert plan.history.first().decision_reference == "24/31"
    page = client.get(reverse("documents:plan_detail", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert SAID in page
    publish_plan(plan, advisor)
    client.logout()
    public = client.get(reverse("documents:public_plan", args=[Plan.objects.get().public_slug])).text
    assert SAID in public


@pytest.mark.parametrize(
    "change, field",
    [
        ({"decision_body": ""}, "decision_body"),
        ({"decision_reference": ""}, "decision_reference"),
        ({"decision_date": "12.06.2024x"}, "decision_date"),
        ({"decision_date": "2999-01-01"}, "decision_date"),
        ({"decision_reference": "sak om 15076500565"}, "decision_reference"),
    ],
)
def test_a_bad_decision_is_refused_at_the_field_and_nothing_is_approved(client, advisor, plan, change, field):
    client.force_login(advisor)
    response = client.post(approve_url(plan), {**DECISION, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert response.context["form"]["decision_body"].value() == change.get("decision_body", "kommunestyret")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and not plan.decision_reference


def test_an_approver_approves_without_being_able_to_edit(client, approver, plan):
    client.force_login(approver)
    detail = client.get(reverse("documents:plan_detail", args=[plan.pk])).text
    assert approve_url(plan) in detail
    status_page = client.get(reverse("documents:plan_status", args=[plan.pk])).text
    assert reverse("documents:plan_start_next_year", args=[plan.pk]) not in status_page
    assert client.post(approve_url(plan), DECISION).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.approved_by == approver
    assert client.post(reverse("documents:plan_publish", args=[plan.pk])).status_code == 403


def test_employees_and_unit_leaders_do_not_approve(client, employee, unit_leader, plan):
    for user in (employee, unit_leader):
        client.force_login(user)
        assert client.post(approve_url(plan), DECISION).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_with_four_eyes_the_last_editor_may_not_approve_and_another_person_may(client, advisor, approver, plan):
    plan.municipality.four_eyes_approval = True
    plan.municipality.save()
    edit(make_routine(plan), advisor, title="Ny rutine")
    client.force_login(advisor)
    refused = client.post(approve_url(plan), DECISION, HTTP_ACCEPT_LANGUAGE="nb")
    assert refused.status_code == 409 and "Du endret denne planen sist" in refused.text
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    client.force_login(approver)
    assert client.post(approve_url(plan), DECISION).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.approved_by == approver


def test_without_four_eyes_the_last_editor_approves(advisor, plan):
    edit(make_routine(plan), advisor, title="Ny rutine")
    approved = approve_plan(plan, advisor, Decision("kommunedirektøren", "2024/7", timezone.localdate()))
    assert approved.status == Plan.Status.APPROVED and approved.approved_by == advisor


def test_a_unit_leaders_text_does_not_make_the_plan_theirs_under_four_eyes(advisor, plan, unit):
    plan.municipality.four_eyes_approval = True
    plan.municipality.save()
    routine = make_routine(plan, scope="unit")
    edit(routine, make_member(Membership.Role.ADVISOR, plan.municipality), title="Skrevet av en kollega")
    text = routine.unit_texts.create(unit=unit, body="Vår tekst")
    edit(text, advisor, body="Rettet av rådgiveren")
    assert approve_plan(plan, advisor).status == Plan.Status.APPROVED


def test_the_municipality_chooses_four_eyes_in_the_plan_settings(client, advisor, plan):
    client.force_login(advisor)
    page = client.get(reverse("documents:plan_edit", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert 'name="municipality-four_eyes_approval"' in page and "Godkjenning av en annen person" in page


@pytest.mark.pdf
def test_the_decision_is_on_the_pdf_cover(advisor, plan):
    approve_plan(plan, advisor, Decision("kommunestyret", "24/31", timezone.datetime(2024, 6, 12).date()))
    revision = start_revision(plan, advisor)
    assert not revision.decision_reference  # a new version waits for its own decision
    reader = pypdf.PdfReader(io.BytesIO(pdf.render_plan_pdf(pdf.load_plan(plan.pk))))
    # Line breaks and hyphenation vary: compare without them.
    squashed = re.sub(r"[\s\-\u2010\u00ad]+", "", reader.pages[0].extract_text())
    assert re.sub(r"\s+", "", SAID) in squashed
