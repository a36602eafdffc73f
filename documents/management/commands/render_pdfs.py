"""python manage.py render_pdfs: enqueue the render of every plan whose PDF is not stored.

Edits enqueue their renders themselves (documents/tasks.py). This is for what
edits do not cover: after a release that changes the PDF's layout (every
digest changes), or to fill the store of a new installation, so that nobody
waits for a cold export. The workers (`manage.py db_worker`) render them, in
parallel when there are several; a plan already waiting in the queue is not
enqueued twice.
"""

from django.core.management.base import BaseCommand

from documents.pdf_cache import plan_digest, plan_pdf_name
from documents.tasks import render_plan_pdf
from ops.pdf import is_stored
from ops.tasks import enqueue_once
from routines.models import Plan


class Command(BaseCommand):
    help = "Enqueue the render of every plan whose PDF is not stored; the background workers render them."

    def add_arguments(self, parser):
        parser.add_argument("--include-archived", action="store_true", help="Archived plans too.")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this municipality's plans (may be repeated).",
        )

    def handle(self, *args, include_archived, municipality, **options):
        plans = Plan.objects.select_related("municipality").order_by("pk")
        if not include_archived:
            plans = plans.exclude(status=Plan.Status.ARCHIVED)
        if municipality:
            plans = plans.filter(municipality__slug__in=municipality)
        queued = 0
        for plan in plans:
            digest = plan_digest(plan)
            if not is_stored(plan_pdf_name(plan), digest):
                enqueue_once(render_plan_pdf, plan.pk, digest)
                queued += 1
                self.stdout.write(f"Enqueued {plan.municipality.slug}: {plan}")
        self.stdout.write(f"{queued} PDF render(s) enqueued, the others were up to date.")
