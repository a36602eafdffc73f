"""expire_personal_data deletes what the privacy page says is kept only for a while, and nothing else."""

import datetime
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def session(expires):
    store = SessionStore()
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=expires)
    return store.session_key


def test_expired_sessions_old_failures_and_old_logins_are_deleted():
    now = timezone.now()
    expired, alive = session(now - datetime.timedelta(minutes=1)), session(now + datetime.timedelta(minutes=30))
    stale = now - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    old = now - datetime.timedelta(days=settings.LOGIN_LOG_DAYS + 1)
    # attempt_time is set on creation; the old ones are moved back afterwards.
    for username in ["gammel", "fersk"]:
        AccessAttempt.objects.create(username=username, ip_address="192.0.2.7", user_agent="x", failures_since_start=1)
        AccessLog.objects.create(username=username, ip_address="192.0.2.7", user_agent="x")
    AccessAttempt.objects.filter(username="gammel").update(attempt_time=stale)
    AccessLog.objects.filter(username="gammel").update(attempt_time=old)

    call_command("expire_personal_data", stdout=StringIO())

    assert set(Session.objects.values_list("pk", flat=True)) == {alive}
    assert expired != alive
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["fersk"]
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["fersk"]
