"""Worker processes that die mid-task: their tasks go back to the queue.

django-tasks-db marks a task RUNNING when a worker claims it, and nothing
brings it back if that worker is killed (SIGKILL, out of memory, a host that
dies). So each worker holds a PostgreSQL advisory lock named after its id for
as long as it lives, on a connection of its own; PostgreSQL drops the lock
when that connection ends, whatever ended the process. A RUNNING task whose
last worker's lock can be taken was left by a dead worker, and is made READY
again, for any worker to run. Workers look at startup and every
RECOVERY_INTERVAL seconds.

A task may therefore run twice if its worker dies after doing the work but
before recording it: tasks must be safe to repeat (the PDF renders are: they
do nothing for a digest that is stored).
"""

import hashlib
import logging
import threading

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import Error as DatabaseError
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

log = logging.getLogger("kibs.tasks")
RECOVERY_INTERVAL = 30


def _key(worker_id):
    return int.from_bytes(hashlib.sha256(f"kibs-worker:{worker_id}".encode()).digest()[:8], "big", signed=True)


def supported():
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


class Liveness:
    """The advisory lock that says "worker `worker_id` is alive", on its own connection."""

    def __init__(self, worker_id):
        self.worker_id = worker_id
        self.connection = None

    def hold(self):
        """Take the lock, connecting again if the connection broke (a database restart drops it)."""
        if self.connection is not None and self.connection.is_usable():
            return
        self.release()
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_key(self.worker_id)])

    def release(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _is_alive(cursor, worker_id):
    cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(worker_id)])
    if cursor.fetchone()[0]:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(worker_id)])
        return False
    return True


def requeue_orphans():
    """Make the tasks of dead workers READY again. Returns how many.

    Must run on a connection that holds no worker's lock (advisory locks are
    re-entrant within one session, so a worker's own would look free).
    """
    requeued = 0
    running = DBTaskResult.objects.running().values_list("pk", "worker_ids")
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        for pk, worker_ids in running:
            if worker_ids and _is_alive(cursor, worker_ids[-1]):
                continue
            # Only if it is still the same claim: the worker may have finished meanwhile.
            requeued += DBTaskResult.objects.filter(
                pk=pk, status=TaskResultStatus.RUNNING, worker_ids=worker_ids
            ).update(status=TaskResultStatus.READY, started_at=None)
            log.warning(
                "task_requeued", extra={"task_id": str(pk), "dead_worker": worker_ids[-1] if worker_ids else ""}
            )
    return requeued


def watch(liveness, stop):
    """In a thread of the worker: keep the lock held and requeue dead workers' tasks, until `stop` is set."""
    while not stop.wait(RECOVERY_INTERVAL):
        try:
            liveness.hold()
            requeue_orphans()
        except DatabaseError:
            log.warning("task_recovery_failed", exc_info=True)
        finally:
            connections.close_all()


def start_watching(liveness):
    stop = threading.Event()
    threading.Thread(target=watch, args=(liveness, stop), name="kibs-task-recovery", daemon=True).start()
    return stop
