"""python manage.py render_pdfs: render every plan whose PDF is not stored yet.

So that nobody waits for a cold export, run it as a service with `--watch`:
it then looks for changed plans every `--interval` seconds and renders each
one soon after the change, one plan at a time, outside the web workers (it
takes the same host-wide render slot as the view). Without `--watch` it makes
one round and stops (for cron, or to warm the store after an import).
A database outage in watch mode is logged and waited out, never fatal.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import Error as DatabaseError
from django.db import close_old_connections, connection

from documents.pdf_cache import render_stale_pdfs
from routines.models import Plan

log = logging.getLogger("kibs.pdf")


class Command(BaseCommand):
    help = "Render and store the PDF of every plan that changed since its PDF was stored."

    def add_arguments(self, parser):
        parser.add_argument("--include-archived", action="store_true", help="Archived plans too.")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this municipality's plans (may be repeated).",
        )
        parser.add_argument("--watch", action="store_true", help="Keep running and render changed plans.")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between rounds with --watch.")
        parser.add_argument("--rounds", type=int, default=0, help="With --watch: stop after this many rounds.")

    def handle(self, *args, **options):
        self.include_archived = options["include_archived"]
        self.municipalities = options["municipality"]
        if not options["watch"]:
            rendered = self.render_round()
            self.stdout.write(f"{len(rendered)} PDF(s) rendered, the others were up to date.")
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            if threading.current_thread() is threading.main_thread():
                signal.signal(signum, lambda *_: stop.set())
        log.info("pdf_watch_started", extra={"interval": options["interval"]})
        rounds = 0
        while not stop.is_set():
            self.watch_round()
            rounds += 1
            if options["rounds"] and rounds >= options["rounds"]:
                break
            stop.wait(options["interval"])
        log.info("pdf_watch_stopped")

    def plans(self):
        plans = Plan.objects.select_related("municipality").order_by("pk")
        if not self.include_archived:
            plans = plans.exclude(status=Plan.Status.ARCHIVED)
        if self.municipalities:
            plans = plans.filter(municipality__slug__in=self.municipalities)
        return plans

    def render_round(self):
        rendered = render_stale_pdfs(self.plans())
        for plan in rendered:
            self.stdout.write(f"Rendered {plan.municipality.slug}: {plan}")
        return rendered

    def watch_round(self):
        _drop_broken_connections()
        try:
            self.render_round()
        except DatabaseError:
            log.warning("pdf_watch_database_unavailable", exc_info=True)
        finally:
            _drop_broken_connections()


def _drop_broken_connections():
    """Like a web request: a connection that broke or aged while we slept is replaced.

    Not inside a caller's transaction (the command run from code or a test):
    closing the connection there would end that transaction.
    """
    if not connection.in_atomic_block:
        close_old_connections()
