"""Delete what KIBS keeps about people only for a while: expired sessions, failed and old logins.

Run it daily (docs/deployment.md); the privacy page promises these limits.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Delete expired sessions, failed logins that no longer count for throttling, "
        "and the records of logins older than LOGIN_LOG_DAYS."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
        # axes deletes these itself at the next login; this also covers quiet days.
        failures, _ = AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME).delete()
        logins = AxesProxyHandler.reset_logs(age_days=settings.LOGIN_LOG_DAYS)
        self.stdout.write(
            f"Deleted {sessions} expired sessions, {failures} expired failed logins and {logins} login records."
        )
