"""Sessions: cookie flags, a new key at login, idle and absolute timeouts,
and logout or deactivation ending them."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ops.security import LOGIN_TIME_KEY, RENEW_AFTER, RENEWED_KEY, deactivate_user
from routines.models import Membership
from tests.support.factories import make_member, make_plan, make_user
from tests.support.urlwalk import superuser

pytestmark = pytest.mark.django_db

PASSWORD = "kibs-test-password"


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return response


def plan_list_status(client):
    return client.get(reverse("documents:plan_list")).status_code


def test_session_cookie_is_httponly_and_samesite_lax():
    response = log_in(Client(), make_user())
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # Secure is set in production; tests/ops/test_deploy_check.py checks it there.


def test_login_gives_a_new_session_key():
    client = Client()
    session = client.session
    session["language_hint"] = "nn"
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    log_in(client, make_user())
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_an_active_session_is_renewed():
    client = Client()
    client.force_login(make_user())
    key = client.session.session_key
    session = client.session
    session[RENEWED_KEY] = int(time.time()) - RENEW_AFTER - 1
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(seconds=5))
    assert plan_list_status(client) == 200
    renewed = Session.objects.get(pk=key).expire_date
    assert renewed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_renewal_is_not_a_write_on_every_request():
    client = Client()
    client.force_login(make_user())
    with CaptureQueriesContext(connection) as queries:
        assert plan_list_status(client) == 200
    assert not [query for query in queries if "UPDATE" in query["sql"] and "django_session" in query["sql"]]


def test_idle_session_is_logged_out():
    client = Client()
    client.force_login(make_user())
    Session.objects.filter(pk=client.session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert plan_list_status(client) == 302


def test_absolute_timeout_ends_an_active_session():
    client = Client()
    client.force_login(make_user())
    assert plan_list_status(client) == 200
    session = client.session
    session[LOGIN_TIME_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_TIMEOUT - 1
    session.save()
    assert plan_list_status(client) == 302
    assert not Session.objects.filter(pk=session.session_key).exists()


def test_login_time_is_recorded_at_login():
    client = Client()
    log_in(client, make_user())
    assert abs(client.session[LOGIN_TIME_KEY] - time.time()) < 5


def test_session_without_login_time_ends():
    """Sessions from before the absolute timeout existed do not live forever."""
    client = Client()
    client.force_login(make_user())
    session = client.session
    del session[LOGIN_TIME_KEY]
    session.save()
    assert plan_list_status(client) == 302


def test_logout_ends_the_session():
    client = Client()
    client.force_login(make_user())
    key = client.session.session_key
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(pk=key).exists()
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = key
    assert plan_list_status(stolen) == 302


def test_logout_by_get_is_not_possible():
    client = Client()
    client.force_login(make_user())
    assert client.get(reverse("logout")).status_code == 405
    assert plan_list_status(client) == 200


def test_deactivating_a_user_ends_all_their_sessions():
    user = make_member(Membership.Role.ADVISOR, make_plan().municipality)
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    colleague.force_login(make_user())
    deactivate_user(user)
    user.refresh_from_db()
    assert not user.is_active
    assert plan_list_status(laptop) == 302
    assert plan_list_status(phone) == 302
    assert plan_list_status(colleague) == 200
    assert Session.objects.count() == 1


def test_inactive_user_is_refused_on_the_next_request():
    """Even without deactivate_user, Django's ModelBackend refuses an inactive user."""
    user = make_user()
    client = Client()
    client.force_login(user)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert plan_list_status(client) == 302


def test_inactive_user_cannot_log_in():
    user = make_user(is_active=False)
    response = Client().post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in response.wsgi_request.session


def test_admin_action_deactivates_and_logs_out():
    user = make_user()
    victim = Client()
    victim.force_login(user)
    admin = Client()
    admin.force_login(superuser())
    response = admin.post(
        reverse("admin:auth_user_changelist"), {"action": "deactivate", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert plan_list_status(victim) == 302
