"""PDFs are rendered after the edits that change them, in the background, once per burst.

Edits enqueue after the commit (documents/tasks.py, meetings/tasks.py); here
the tasks run at once in the test's process (the immediate backend), and the
queue's own coalescing is checked on the database backend. Real worker
processes: tests/ops/test_worker.py.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from documents import pdf_cache, tasks
from documents.unit_pdf import unit_pdf_name
from meetings.models import Gathering
from meetings.programme import programme_pdf_name
from ops.models import StoredPdf
from ops.pdf import is_stored, stored_pdf
from routines.digest import digested_models
from routines.models import Plan
from tests.support.factories import (
    make_attachment,
    make_legal_reference,
    make_member,
    make_municipality,
    make_plan,
    make_routine,
    make_school_calendar,
    make_unit,
)
from tests.support.forms import form_data
from tests.support.worker import DATABASE_BACKEND

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture
def on_change(settings):
    settings.PDF_RENDER_ON_CHANGE = True


def stored(plan):
    return is_stored(pdf_cache.plan_pdf_name(plan), pdf_cache.plan_digest(plan))


def test_an_edit_through_the_page_renders_the_plan_once_after_the_commit(
    client, on_change, render_counter, django_capture_on_commit_callbacks
):
    plan = make_plan()
    routine = make_routine(plan, title="Undring og bekymring")
    make_legal_reference(routine, citation="Opplæringsloven kap. 9A")
    client.force_login(make_member("advisor", municipality=plan.municipality))
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data.update({"title": "Undring og bekymring for et barn", "references-1-citation": "Barnevernsloven § 1-1"})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert client.post(url, data).status_code == 302
        assert render_counter == []  # nothing before the commit
    assert len(callbacks) >= 2  # the routine and its new reference were saved...
    assert render_counter == [plan.pk]  # ...and the plan rendered once
    assert stored(plan)


def test_a_burst_of_saves_renders_the_latest_state_once(on_change, render_counter, django_capture_on_commit_callbacks):
    plan = make_plan()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            routine = make_routine(plan, title="Første")
            for title in ("Andre", "Tredje", "Fjerde"):
                routine.title = title
                routine.save()
    assert render_counter == [plan.pk]
    assert stored(plan)
    # The same digest again (a save that changes nothing the PDF shows is impossible:
    # every save counts a version), so the task for a stored digest does nothing.
    assert tasks.render_plan_pdf.call(plan.pk, pdf_cache.plan_digest(plan)) == "stored"
    assert render_counter == [plan.pk]


def test_the_queue_holds_one_waiting_render_per_plan_and_digest(
    settings, on_change, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_BACKEND  # no worker: the tasks wait in the table
    plan = make_plan()
    other = make_plan(municipality=make_municipality())
    for title in ("En", "To"):
        with django_capture_on_commit_callbacks(execute=True):
            plan.title = title
            plan.save()
    with django_capture_on_commit_callbacks(execute=True):
        plan.save()
        plan.save()  # one transaction: scheduled once
        other.save()
    waiting = DBTaskResult.objects.ready().filter(task_path=tasks.render_plan_pdf.module_path)
    args = sorted(tuple(row["args"]) for row in waiting.values_list("args_kwargs", flat=True))
    assert len(args) == 4  # plan: one per digest it had ("En", "To", the last save); other: one
    assert len(set(args)) == 4
    call_command("render_pdfs", stdout=io.StringIO())  # enqueues only what is not waiting yet
    assert waiting.count() == 4


def test_a_deleted_plan_leaves_no_pdf_behind(on_change, django_capture_on_commit_callbacks):
    plan = make_plan()
    with django_capture_on_commit_callbacks(execute=True):
        make_routine(plan)
    assert StoredPdf.objects.filter(name=pdf_cache.plan_pdf_name(plan)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        Plan.objects.get(pk=plan.pk).delete()
    assert not StoredPdf.objects.exists()


def test_a_large_plan_is_never_rendered_in_the_request(client, settings, render_counter):
    settings.TASKS = DATABASE_BACKEND
    settings.PDF_INLINE_MAX_ROWS = 1
    plan = make_plan()
    make_routine(plan)
    client.force_login(make_member("reader", municipality=plan.municipality))
    url = reverse("documents:plan_pdf", args=[plan.pk])
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 503 and response["Retry-After"] == "5"
        assert "<h1>PDF-en lages nå</h1>" in response.text
    assert render_counter == []
    waiting = DBTaskResult.objects.ready().get(task_path=tasks.render_plan_pdf.module_path)
    assert waiting.args_kwargs["args"] == [plan.pk, pdf_cache.plan_digest(plan)]
    tasks.render_plan_pdf.call(plan.pk, pdf_cache.plan_digest(plan))  # what the worker does
    assert client.get(url).content.startswith(b"%PDF")
    assert render_counter == [plan.pk]


def test_render_pdfs_enqueues_what_is_not_stored(render_counter):
    plan = make_plan(title="Plan for Øksnes")
    archived = make_plan(status=Plan.Status.ARCHIVED, municipality=plan.municipality, school_year=2020)
    other = make_plan(municipality=make_municipality(slug="andoy", name="Andøy kommune"))
    out = io.StringIO()
    call_command("render_pdfs", "--municipality", plan.municipality.slug, stdout=out)
    assert render_counter == [plan.pk]  # the immediate backend runs the task at once
    assert "1 PDF render(s) enqueued" in out.getvalue()
    call_command("render_pdfs", stdout=io.StringIO())
    assert render_counter == [plan.pk, other.pk]  # the stored one is left alone
    call_command("render_pdfs", "--include-archived", stdout=io.StringIO())
    assert render_counter == [plan.pk, other.pk, archived.pk]


def test_a_plan_keeps_only_its_latest_pdf_in_the_store(render_counter):
    plan = make_plan()
    routine = make_routine(plan, title="Felles rutine")
    old_digest, _ = pdf_cache.get_plan_pdf(plan)
    routine.title = "Felles rutine for overganger"
    routine.save()
    new_digest, data = pdf_cache.get_plan_pdf(plan)
    assert new_digest != old_digest
    assert stored_pdf(pdf_cache.plan_pdf_name(plan), old_digest) is None
    assert stored_pdf(pdf_cache.plan_pdf_name(plan), new_digest) == data
    assert StoredPdf.objects.count() == 1


def test_downloaded_unit_booklets_are_rendered_again_after_an_edit(
    client, on_change, django_capture_on_commit_callbacks
):
    plan = make_plan()
    school, other = make_unit(plan.municipality, name="Nordbyen skole"), make_unit(plan.municipality)
    client.force_login(make_member("unit_leader", unit=school))
    assert client.get(reverse("documents:unit_pdf", args=[plan.pk, school.pk])).status_code == 200
    before = StoredPdf.objects.get(name=unit_pdf_name(plan, school))
    with django_capture_on_commit_callbacks(execute=True):
        make_routine(plan, title="Ny felles rutine for alle enheter")
    after = StoredPdf.objects.get(name=unit_pdf_name(plan, school))
    assert after.digest != before.digest
    assert not StoredPdf.objects.filter(name=unit_pdf_name(plan, other)).exists()  # nobody asked for it


def test_a_downloaded_gathering_programme_is_rendered_again_after_an_edit(
    client, on_change, django_capture_on_commit_callbacks
):
    call_command("load_demo_gatherings", stdout=io.StringIO())
    gathering = Gathering.objects.get()
    client.force_login(make_member("coordinator", region=gathering.region))
    assert client.get(reverse("meetings:gathering_pdf", args=[gathering.pk])).status_code == 200
    before = StoredPdf.objects.get(name=programme_pdf_name(gathering, "nb")).digest
    item = gathering.agenda_items.first()
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Velkommen til samling"
        item.save()
    assert StoredPdf.objects.get(name=programme_pdf_name(gathering, "nb")).digest != before


def test_every_row_the_digest_reads_leads_to_its_plan():
    from tests.support.sample_plan import build_sample_plan

    plan = build_sample_plan()  # the only plan: every row belongs to it
    make_school_calendar(plan.municipality, plan.school_year, breaks=[("winter", datetime.date(2024, 2, 26), None)])
    make_attachment(plan.routines.first(), url="https://lovdata.no/", title="Opplæringslova")
    make_attachment(plan.sections.first(), url="https://www.udir.no/", title="Udir")
    make_attachment(plan.arenas.first(), url="https://www.udir.no/team", title="Udir om team")
    for model in digested_models():
        if not hasattr(model, "version"):
            continue  # a many-to-many link: saving either end announces it
        row = model.objects.order_by("pk").first()
        assert row is not None, model
        assert plan.pk in tasks.plans_of(row), model
