"""python manage.py render_pdfs: render every plan whose PDF is not stored yet.

Run it from cron or a systemd timer (say every minute) so that people who
download a plan after a change get the stored PDF instead of waiting for a
render: the cold export then happens here, one plan at a time, outside the
web workers. It takes the same host-wide render slot as the view.
"""

from django.core.management.base import BaseCommand

from routines.models import Plan
from routines.pdf_cache import cached_pdf, get_plan_pdf, plan_digest


class Command(BaseCommand):
    help = "Render and store the PDF of every plan that changed since its PDF was stored."

    def add_arguments(self, parser):
        parser.add_argument("--include-archived", action="store_true", help="Archived plans too.")

    def handle(self, *args, **options):
        plans = Plan.objects.select_related("municipality").order_by("pk")
        if not options["include_archived"]:
            plans = plans.exclude(status=Plan.Status.ARCHIVED)
        rendered = 0
        for plan in plans:
            if cached_pdf(plan_digest(plan)) is None:
                get_plan_pdf(plan, wait=600)
                rendered += 1
                self.stdout.write(f"Rendered {plan.municipality.slug}: {plan}")
        self.stdout.write(f"{rendered} PDF(s) rendered, the others were up to date.")
