"""Background work through real worker processes on the PostgreSQL queue, and two web hosts.

The module's tests share their processes (starting one costs a second or
two): workers, and for the last test two gunicorn instances, each with its
own read-only VAR_DIR, all on the test database. The tests enqueue through
the database backend, as the web app does, and commit (transactional_db),
as the other processes see only committed rows.
"""

import signal

import pytest
from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from documents import pdf_cache, tasks
from ops.models import StoredPdf
from ops.pdf import stored_pdf
from tests.support.factories import make_member, make_plan, make_routine, make_section
from tests.support.forms import form_data
from tests.support.tasks import add
from tests.support.worker import (
    DATABASE_BACKEND,
    pdf_text,
    rendered_documents,
    rendering_elsewhere,
    session_cookie,
    start_web,
    start_worker,
    stop,
    wait_for,
)

pytestmark = pytest.mark.pdf


class Workers(list):
    """Running worker processes, and the folder of their VAR_DIR and log."""


@pytest.fixture(scope="module")
def workers(django_db_setup, django_db_blocker, tmp_path_factory):
    """The module's running workers (a list: a test may kill one and start another)."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("Worker processes share the queue through PostgreSQL (CI runs it).")
    folder = tmp_path_factory.mktemp("worker")
    var_dir = folder / "var"
    var_dir.mkdir(mode=0o555)  # read-only: nothing may be written there
    running = Workers([start_worker(var_dir, folder / "worker.log")])
    running.folder = folder
    yield running
    for process in running:
        stop(process)


@pytest.fixture
def database_queue(settings, transactional_db):
    settings.TASKS = DATABASE_BACKEND
    settings.PDF_RENDER_ON_CHANGE = True


def finished(result):
    def check():
        result.refresh()
        return result.is_finished

    return check


def test_a_worker_process_runs_a_queued_task(workers, database_queue):
    result = add.enqueue(2, 3)
    assert result.status == TaskResultStatus.READY
    wait_for(finished(result), message="the worker to run the task")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    assert result.worker_ids, "a worker claimed it"


def test_an_edit_is_rendered_by_the_worker_after_the_commit(workers, database_queue):
    with transaction.atomic():
        plan = make_plan(title="Plan for Øksnes")
        for title in ("Første rutine", "Andre rutine", "Tredje rutine"):
            make_routine(plan, title=title)
    name, digest = pdf_cache.plan_pdf_name(plan), pdf_cache.plan_digest(plan)
    data = wait_for(lambda: stored_pdf(name, digest), message="the worker to store the PDF")
    assert data.startswith(b"%PDF")
    renders = DBTaskResult.objects.filter(task_path=tasks.render_plan_pdf.module_path)
    assert renders.count() == 1  # one commit, one task
    wait_for(lambda: renders.get().status == TaskResultStatus.SUCCESSFUL, message="the task to finish")
    assert renders.get().return_value == "rendered"


def test_a_killed_worker_leaves_its_render_to_the_next_one(workers, database_queue, settings):
    settings.PDF_RENDER_ON_CHANGE = False
    plan = make_plan(title="Plan som blir avbrutt")
    settings.PDF_RENDER_ON_CHANGE = True
    name = pdf_cache.plan_pdf_name(plan)
    # Another render of the same plan holds the lock, so the worker's render
    # waits inside the task, where it is killed.
    with rendering_elsewhere(name):
        make_routine(plan, title="Rutine")
        render = DBTaskResult.objects.get(task_path=tasks.render_plan_pdf.module_path)
        wait_for(lambda: DBTaskResult.objects.get(pk=render.pk).status == TaskResultStatus.RUNNING, message="a claim")
        victim = workers.pop()
        stop(victim, signal.SIGKILL)
        assert victim.returncode == -signal.SIGKILL
    render.refresh_from_db()
    assert render.status == TaskResultStatus.RUNNING  # left behind by the dead worker
    assert not StoredPdf.objects.exists()
    workers.append(start_worker(workers.folder / "var", workers.folder / "worker.log"))
    digest = pdf_cache.plan_digest(plan)
    assert wait_for(lambda: stored_pdf(name, digest), message="the new worker to render the PDF").startswith(b"%PDF")
    render.refresh_from_db()
    assert render.status == TaskResultStatus.SUCCESSFUL
    assert len(render.worker_ids) == 2 and render.worker_ids[0] != render.worker_ids[1]


# --- Two hosts ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def hosts(workers):
    """Two gunicorn instances ("host A" and "host B"), each with its own read-only VAR_DIR."""
    started = []
    for host in ("a", "b"):
        var_dir = workers.folder / f"var-{host}"
        var_dir.mkdir(mode=0o555)
        started.append(start_web(var_dir, workers.folder / f"web-{host}.log"))
    yield started
    for server in started:
        stop(server.process)


def test_an_edit_on_host_a_is_served_fresh_by_host_b_rendered_once(hosts, workers, database_queue, settings):
    settings.PDF_RENDER_ON_CHANGE = False  # the set-up is not the edit under test
    plan = make_plan(title="Plan for to verter")
    section = make_section(plan, title="Innledning", body="Første versjon.")
    make_routine(plan, title="Felles rutine")
    advisor = make_member("advisor", municipality=plan.municipality)
    a, b = (server.browser(session_cookie(advisor)) for server in hosts)
    name = pdf_cache.plan_pdf_name(plan)
    pdf_url = reverse("documents:plan_pdf", args=[plan.pk])
    edit_url = reverse("routines:section_edit", args=[section.pk])

    assert b.get_pdf(pdf_url).startswith(b"%PDF")  # a first download: rendered on B

    data = form_data(a.get(edit_url), "title")
    data["title"] = "Innledning og bakgrunn"
    assert a.post(edit_url, data).status == 302

    digest = pdf_cache.plan_digest(plan)
    fresh, busy = b.wait_for_pdf(pdf_url, digest)
    assert "Innledning og bakgrunn" in pdf_text(fresh)
    assert busy <= 10  # "being prepared" while the worker renders, then the PDF: no 503 loop
    assert "Innledning og bakgrunn" in b.get(reverse("routines:section_list", args=[plan.pk])).text

    # One render per digest, whoever did it: B at the first download, then B or the worker.
    renders = rendered_documents(workers.folder)
    assert renders.count(name) == 2, renders
    assert stored_pdf(name, digest) == fresh


def test_an_idle_worker_asks_the_queue_every_fifth_of_a_second():
    """A saved change waits half the polling interval on average before its render starts (deployment.md)."""
    from ops.management.commands.db_worker import Command

    assert Command().create_parser("manage.py", "db_worker").get_default("interval") == 0.2
