"""Enqueueing background work (django.tasks) once, however often it is asked for."""

import functools

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def enqueue_once(task, *args):
    """Enqueue `task(*args)` unless the same call is already waiting in the queue.

    A burst of edits then leaves one task behind, not one per edit. Two hosts
    asking at the same moment may both enqueue; the tasks themselves do
    nothing when their work is done already. Returns the new task's result,
    or None when one was waiting.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        waiting = DBTaskResult.objects.ready().filter(
            backend_name=task.backend, task_path=task.module_path, args_kwargs={"args": list(args), "kwargs": {}}
        )
        if waiting.exists():
            return None
    return task.enqueue(*args)


def on_commit_once(key, callback):
    """Call `callback()` after the current transaction commits, once per `key` however often asked in it.

    Many saves in one transaction (an import, a form with its formsets) then
    schedule their work once. Outside a transaction it is called at once.
    """
    _pending()[key] = callback
    transaction.on_commit(functools.partial(_run_pending, key))


def _pending():
    # Per database connection, so per thread. A key left by a rolled-back
    # transaction only means a later commit that asks again runs it once.
    connection = transaction.get_connection()
    if not hasattr(connection, "kibs_after_commit"):
        connection.kibs_after_commit = {}
    return connection.kibs_after_commit


def _run_pending(key):
    callback = _pending().pop(key, None)
    if callback is not None:
        callback()
