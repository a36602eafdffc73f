"""Background work through real worker processes on the PostgreSQL queue.

One worker process serves the whole module (starting one costs a second or
two); the tests enqueue through the database backend, as the web app does.
"""

import pytest
from django.db import connection
from django.tasks import TaskResultStatus

from tests.support.tasks import add
from tests.support.worker import DATABASE_BACKEND, start_worker, stop, wait_for


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("Worker processes share the queue through PostgreSQL (CI runs it).")
        folder = tmp_path_factory.mktemp("worker")
        process = start_worker(folder / "var", folder / "worker.log")
    yield process
    stop(process)


@pytest.fixture
def database_queue(settings, transactional_db):
    settings.TASKS = DATABASE_BACKEND


def test_a_worker_process_runs_a_queued_task(worker, database_queue):
    result = add.enqueue(2, 3)
    assert result.status == TaskResultStatus.READY

    def finished():
        result.refresh()
        return result.is_finished

    wait_for(finished, message="the worker to run the task")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    assert result.worker_ids, "a worker claimed it"
