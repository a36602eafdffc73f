"""What changed: stored on approval, ticked for re-reading, shown to units and employees, and what still counts."""

import pytest
from django.urls import reverse

from documents.changes import compare_plans
from documents.forms import ApprovalForm
from documents.services import approve_plan, start_revision
from documents.unit_obligations import counting_confirmations
from routines.models import PlanChange, ReadConfirmation
from routines.school_year import current_school_year
from tests.support.factories import make_actor, make_attachment, make_plan, make_routine, make_unit_text
from tests.support.history import edit
from tests.support.units import unit_test_settings  # noqa: F401  (an autouse fixture: English pages)

pytestmark = pytest.mark.django_db


DECISION = {"decision_body": "kommunestyret", "decision_reference": "24/31", "decision_date": "2024-06-12"}


@pytest.fixture
def approved(municipality, advisor, unit):
    plan = make_plan(municipality, school_year=current_school_year())
    make_routine(plan, title="Undring og bekymring", body="Kontaktlærer melder til rektor.")
    make_routine(plan, title="Overgang barnehage–skole", body="Møte i mai.", allows_local_supplement=True)
    make_actor(plan, name="Rektor")
    return approve_plan(plan, advisor)


def revise(approved, advisor, unit):
    """A revision that changes one routine, adds one, removes an actor and touches only a unit's text elsewhere."""
    revision = start_revision(approved, advisor)
    edit(revision.routines.get(title="Undring og bekymring"), advisor, body="Kontaktlærer melder til rektor samme dag.")
    make_routine(revision, title="Ny rutine")
    revision.actors.get(name="Rektor").delete()
    make_unit_text(revision.routines.get(title="Overgang barnehage–skole"), unit, body="Vårt tillegg")
    return revision


def test_the_comparison_names_added_removed_and_changed_parts_and_leaves_units_texts_out(approved, advisor, unit):
    revision = revise(approved, advisor, unit)
    changes = {(change.part, change.title, change.kind) for change in compare_plans(approved, revision)}
    assert changes == {
        ("routines", "Undring og bekymring", "changed"),
        ("routines", "Ny rutine", "added"),
        ("actors", "Rektor", "removed"),
    }


def test_only_what_was_written_counts_not_file_keys_or_reviews(municipality, advisor):
    """Removing the first actor shifts the file's keys of the others, and a review moves a date:
    neither is a change a reader must see, so the routine that refers to the second actor is unchanged."""
    plan = make_plan(municipality, school_year=current_school_year())
    make_actor(plan, name="Helsesykepleier")
    rektor = make_actor(plan, name="Rektor")
    make_routine(plan, title="Undring og bekymring", responsible=rektor)
    revision = start_revision(approve_plan(plan, advisor), advisor)
    revision.actors.get(name="Helsesykepleier").delete()
    routine = revision.routines.get()
    routine.reviewed_on = routine.reviewed_on.replace(year=routine.reviewed_on.year - 1)
    routine.review_note = "Sett over i møte med rektorene"
    routine.save()
    changes = [(change.part, change.title, change.kind) for change in compare_plans(revision.revision_of, revision)]
    assert changes == [("actors", "Helsesykepleier", "removed")]
    revision.routines.update(responsible=None)
    changed = compare_plans(revision.revision_of, revision)[-1]
    assert (changed.title, changed.kind, changed.old_text.count("Rektor")) == ("Undring og bekymring", "changed", 1)


def test_a_new_file_reads_as_its_title_and_name_not_its_checksum(municipality, advisor):
    plan = make_plan(municipality, school_year=current_school_year())
    make_routine(plan, title="Overgang barnehage–skole")
    revision = start_revision(approve_plan(plan, advisor), advisor)
    attachment = make_attachment(revision.routines.get(), title="Overføringsskjema", name="overforing.pdf")
    (change,) = compare_plans(revision.revision_of, revision)
    assert (change.title, change.kind) == ("Overgang barnehage–skole", "changed")
    assert "Overføringsskjema" in change.new_text and "overforing.pdf" in change.new_text
    assert attachment.sha256 not in change.new_text and str(attachment.size) not in change.new_text.split()


def test_approving_a_revision_stores_the_changes_with_the_ticked_ones(client, approved, advisor, unit):
    revision = revise(approved, advisor, unit)
    client.force_login(advisor)
    page = client.get(reverse("documents:plan_approve", args=[revision.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert "Undring og bekymring" in page and "samme dag" in page and 'name="rereading"' in page
    ticked = [i for i, c in enumerate(compare_plans(approved, revision)) if c.title == "Undring og bekymring"]
    assert client.post(reverse("documents:plan_approve", args=[revision.pk]), {**DECISION, "rereading": ticked})
    stored = PlanChange.objects.filter(plan=revision)
    assert stored.count() == 3
    assert list(stored.filter(requires_rereading=True).values_list("title", flat=True)) == ["Undring og bekymring"]
    summary = client.get(reverse("documents:plan_detail", args=[revision.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert "Hva som er endret i denne versjonen" in summary and "må leses på nytt" in summary
    printable = client.get(reverse("documents:plan_changes", args=[revision.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert "lagt til: </span> samme dag</ins>" in printable
    assert "Ny rutine" in printable and "data-print-page" in printable


def test_a_change_to_read_again_asks_everyone_again_and_shows_only_that(
    client, approved, advisor, unit, unit_leader, employee
):
    for user in (unit_leader, employee):
        client.force_login(user)
        client.post(reverse("documents:read_confirm", args=[approved.pk, unit.pk]))
    revision = revise(approved, advisor, unit)
    index = next(i for i, c in enumerate(compare_plans(approved, revision)) if c.title == "Undring og bekymring")
    form = ApprovalForm({**DECISION, "rereading": [index]}, changes=compare_plans(approved, revision))
    assert form.is_valid()
    approve_plan(revision, advisor, form.decision(), form.rereading_indexes())
    assert not counting_confirmations(revision).exists()

    client.force_login(employee)
    page = client.get(reverse("documents:unit_page_current", args=[unit.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert "Ny versjon: les endringene" in page
    to_read = client.get(reverse("documents:plan_changes_to_read", args=[revision.pk]), HTTP_ACCEPT_LANGUAGE="nb")
    assert "Undring og bekymring" in to_read.text and "Ny rutine" not in to_read.text and "Rektor" not in to_read.text
    assert reverse("documents:read_confirm", args=[revision.pk, unit.pk]) in to_read.text
    client.post(reverse("documents:read_confirm", args=[revision.pk, unit.pk]))
    assert counting_confirmations(revision).get().user == employee
    page = client.get(reverse("documents:unit_page_current", args=[unit.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert "Ny versjon: les endringene" not in page


def test_without_changes_to_read_earlier_confirmations_go_on_counting(client, approved, advisor, unit, employee):
    client.force_login(employee)
    client.post(reverse("documents:read_confirm", args=[approved.pk, unit.pk]))
    revision = approve_plan(revise(approved, advisor, unit), advisor)
    assert revision.read_baseline == approved
    assert counting_confirmations(revision).get().user == employee
    again = approve_plan(start_revision(revision, advisor), advisor)
    assert again.read_baseline == approved and counting_confirmations(again).count() == 1
    page = client.get(reverse("documents:unit_page_current", args=[unit.pk])).text
    assert "You confirmed on" in page and "New version" not in page


def test_a_first_approval_has_no_changes(client, approved, advisor):
    assert not approved.changes.exists()
    client.force_login(advisor)
    page = client.get(reverse("documents:plan_changes", args=[approved.pk])).text
    assert "No changes are recorded for this version" in page


def test_the_change_pages_are_for_the_municipality(client, approved, outsider):
    client.force_login(outsider)
    for name in ("documents:plan_changes", "documents:plan_changes_to_read"):
        assert client.get(reverse(name, args=[approved.pk])).status_code == 404
    assert ReadConfirmation.objects.count() == 0
