"""A unit's progress towards the plan's milestones: status and a short note, dated, set by its leader."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from routines.models import MilestoneProgress, Plan
from tests.support.factories import make_member, make_milestone, make_municipality, make_plan, make_unit
from tests.support.units import (
    ADVISOR,
    READER,
    leader_of,
    load_demo,
    make_unit_plan,
    unit_page_url,
    unit_test_settings,  # noqa: F401  (an autouse fixture)
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return make_unit_plan()


def edit_url(unit, milestone):
    return reverse("documents:milestone_progress_edit", args=[unit.pk, milestone.pk])


def test_a_unit_leader_marks_a_milestone_reached(client, setup):
    user = leader_of(setup.school)
    client.force_login(user)
    form = client.get(edit_url(setup.school, setup.milestone))
    assert form.status_code == 200 and "Alle enheter vurderer eget ståsted" in form.text
    assert 'for="id_note"' in form.text and "<legend" in form.text
    response = client.post(edit_url(setup.school, setup.milestone), {"status": "reached", "note": "Gjort i august"})
    assert response.status_code == 302
    assert response.url == unit_page_url(setup.plan, setup.school) + f"#milestone-{setup.milestone.pk}"
    progress = MilestoneProgress.objects.get(unit=setup.school, milestone=setup.milestone)
    assert (progress.status, progress.note, progress.updated_by) == ("reached", "Gjort i august", user)
    assert progress.updated_at is not None
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert "Reached" in page and "Gjort i august" in page and "set " in page


def test_changing_progress_keeps_one_row_per_unit_and_milestone(client, setup):
    client.force_login(leader_of(setup.school))
    client.post(edit_url(setup.school, setup.milestone), {"status": "under_way", "note": ""})
    progress = MilestoneProgress.objects.get()
    response = client.post(
        edit_url(setup.school, setup.milestone), {"status": "reached", "note": "", "seen_version": progress.version}
    )
    assert response.status_code == 302
    progress.refresh_from_db()
    assert MilestoneProgress.objects.count() == 1 and progress.status == "reached" and progress.version == 2


def test_an_advisor_sets_progress_for_any_unit(client, setup):
    advisor = make_member(ADVISOR, setup.municipality)
    client.force_login(advisor)
    assert client.post(edit_url(setup.kindergarten, setup.milestone), {"status": "under_way"}).status_code == 302
    assert MilestoneProgress.objects.get().updated_by == advisor


def test_bad_input_is_kept_with_the_error_next_to_the_field(client, setup):
    client.force_login(leader_of(setup.school))
    response = client.post(edit_url(setup.school, setup.milestone), {"status": "", "note": "x" * 301})
    assert response.status_code == 400
    assert "x" * 301 in response.text
    assert 'id="id_status_error"' in response.text and 'id="error_1_id_note"' in response.text
    assert not MilestoneProgress.objects.exists()


def test_conflict_keeps_both_versions(client, setup):
    progress = MilestoneProgress.objects.create(unit=setup.school, milestone=setup.milestone, note="Først")
    seen = progress.version
    progress.note = "Kollegaens notat"
    progress.save()
    client.force_login(leader_of(setup.school))
    response = client.post(
        edit_url(setup.school, setup.milestone), {"status": "reached", "note": "Mitt notat", "seen_version": seen}
    )
    assert response.status_code == 409
    assert "Mitt notat" in response.text and "Kollegaens notat" in response.text
    progress.refresh_from_db()
    assert progress.note == "Kollegaens notat" and progress.status == "not_started"


def test_another_units_edit_url_is_404_for_a_unit_leader(client, setup):
    client.force_login(leader_of(setup.school))
    assert client.get(edit_url(setup.kindergarten, setup.milestone)).status_code == 404
    assert client.post(edit_url(setup.kindergarten, setup.milestone), {"status": "reached"}).status_code == 404


def test_a_reader_gets_403_on_post(client, setup):
    client.force_login(make_member(READER, setup.municipality))
    assert client.post(edit_url(setup.school, setup.milestone), {"status": "reached"}).status_code == 403
    assert not MilestoneProgress.objects.exists()


def test_another_municipality_is_404(client, setup):
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(edit_url(setup.school, setup.milestone), {"status": "reached"}).status_code == 404


def test_a_milestone_of_another_municipality_is_404(client, setup):
    client.force_login(leader_of(setup.school))
    assert client.get(edit_url(setup.school, make_milestone(make_plan()))).status_code == 404


def test_editing_needs_login(client, setup):
    response = client.post(edit_url(setup.school, setup.milestone), {"status": "reached"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_demo_unit_leader_marks_milestone_1_reached(client):
    demo = load_demo()
    milestone = demo.plan.milestones.get(number=1)
    client.force_login(demo.rektor)
    client.post(edit_url(demo.school, milestone), {"status": "reached", "note": "Ståstedsanalyse gjort"})
    page = client.get(unit_page_url(demo.plan, demo.school)).text
    row = page.split(f'id="milestone-{milestone.pk}"')[1].split("</tr>")[0]
    assert "Reached" in row and "Ståstedsanalyse gjort" in row and "rektor" in row


def test_the_database_keeps_one_row_per_unit_and_milestone(setup):
    MilestoneProgress.objects.create(unit=setup.school, milestone=setup.milestone)
    with pytest.raises(IntegrityError), transaction.atomic():
        MilestoneProgress.objects.create(unit=setup.school, milestone=setup.milestone)


def test_a_unit_never_reports_on_another_municipalitys_milestone(setup):
    with pytest.raises(ValidationError):
        MilestoneProgress.objects.create(unit=make_unit(), milestone=setup.milestone)


def test_progress_is_reported_on_an_approved_plan(client):
    setup = make_unit_plan(status=Plan.Status.APPROVED)
    client.force_login(leader_of(setup.school))
    assert edit_url(setup.school, setup.milestone) in client.get(unit_page_url(setup.plan, setup.school)).text
    assert client.post(edit_url(setup.school, setup.milestone), {"status": "under_way"}).status_code == 302


def test_an_archived_plans_progress_is_closed(client):
    setup = make_unit_plan(status=Plan.Status.ARCHIVED)
    client.force_login(leader_of(setup.school))
    assert edit_url(setup.school, setup.milestone) not in client.get(unit_page_url(setup.plan, setup.school)).text
    assert client.post(edit_url(setup.school, setup.milestone), {"status": "reached"}).status_code == 403
    assert not MilestoneProgress.objects.exists()
