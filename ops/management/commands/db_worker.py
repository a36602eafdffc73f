"""python manage.py db_worker: django-tasks-db's worker, which also takes over the tasks of dead workers.

Run it as a service on one or more hosts (docs/deployment.md). Besides what
django-tasks-db's command does (claim tasks from the queue in the database
and run them), it holds a lock that tells other workers it is alive, and
makes the tasks of workers that died mid-task READY again (ops/worker.py),
at start-up and every half minute. It takes the place of the backend's own
command of the same name (ops is listed before django_tasks_db), so a worker
without the lock can never be mistaken for a dead one.
"""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from ops import worker

# How long an idle worker waits before it asks the queue again (django-tasks-db's default is 1 s). A saved
# change waits half of it on average before its render starts; each poll is one indexed query.
POLL_SECONDS = 0.2


class Command(db_worker.Command):
    help = "Run a background worker on the task queue in the database; requeue the tasks of dead workers."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(interval=POLL_SECONDS)

    def handle(self, *args, **options):
        # With --reload the tasks run in a child process, which runs this again.
        reloader_parent = options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if reloader_parent or not worker.supported():
            return super().handle(*args, **options)
        liveness = worker.Liveness(options["worker_id"])
        liveness.hold()
        worker.requeue_orphans()
        stop = worker.start_watching(liveness)
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
            liveness.release()
