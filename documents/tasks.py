"""The e-mail batches as background tasks (django.tasks): one task per batch, never inside a web request.

Each takes the day as an ISO date, so a retried task works on the same day,
and each is idempotent (documents/reminders.py, accounts/email.py).
"""

import datetime

from django.tasks import task

from routines.models import Plan

from . import reminders


@task
def send_weekly_digest(day):
    return reminders.weekly_digest(datetime.date.fromisoformat(day))


@task
def send_deadline_reminders(day):
    return reminders.deadline_reminders(datetime.date.fromisoformat(day))


@task
def send_review_reminders(day):
    return reminders.review_reminders(datetime.date.fromisoformat(day))


@task
def send_new_version_notices(plan_id):
    plan = Plan.objects.filter(pk=plan_id).select_related("municipality").first()
    return reminders.new_version_notices(plan) if plan else 0
