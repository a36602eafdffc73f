"""python manage.py export_pdf <municipality-slug> [--year YYYY] -o plan.pdf"""

from django.core.management.base import BaseCommand, CommandError

from documents.pdf_cache import get_plan_pdf
from routines.models import Plan


class Command(BaseCommand):
    help = "Write a municipality's plan as PDF (the latest school year unless --year is given)."

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="The municipality's slug, e.g. sortland.")
        parser.add_argument("--year", type=int, help="The year the school year starts in: 2023 for 2023/2024.")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")

    def handle(self, *args, **options):
        plans = Plan.objects.filter(municipality__slug=options["municipality"]).select_related("municipality")
        if options["year"]:
            plans = plans.filter(school_year=options["year"])
        plan = plans.order_by("-school_year", "-updated_at").first()
        if plan is None:
            raise CommandError("No such plan: check the municipality's slug and the year.")
        # A command may wait for the render slot as long as a render takes.
        digest, data = get_plan_pdf(plan, wait=600)
        with open(options["output"], "wb") as file:
            file.write(data)
        self.stdout.write(f"Wrote {options['output']}: {plan} ({len(data) // 1024} KB, {digest[:12]})")
