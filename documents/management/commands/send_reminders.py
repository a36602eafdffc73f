import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.tasks import send_deadline_reminders, send_review_reminders, send_weekly_digest

MONDAY = 0


class Command(BaseCommand):
    help = (
        "Queue today's e-mail batches as background tasks: deadline and review reminders every day, the weekly "
        "digest on Mondays (Europe/Oslo). Run it once a day from cron or a systemd timer; running it again the "
        "same day sends nothing twice. See docs/deployment.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for (YYYY-MM-DD); today in Europe/Oslo by default.")

    def handle(self, *args, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": date}) from None
        batches = [send_deadline_reminders, send_review_reminders]
        if day.weekday() == MONDAY:
            batches.append(send_weekly_digest)
        for batch in batches:
            result = batch.enqueue(day.isoformat())
            self.stdout.write(
                _("Queued %(task)s for %(day)s (%(id)s).") % {"task": batch.name, "day": day, "id": result.id}
            )
