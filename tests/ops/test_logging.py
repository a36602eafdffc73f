"""Errors and security events are logged to stdout as JSON lines."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from ops.logformat import JSONFormatter
from tests.support.factories import make_user
from tests.support.urlwalk import World

ROOT = Path(__file__).resolve().parent.parent.parent


def events(caplog, name):
    return [record for record in caplog.records if record.name == "kibs.security" and record.msg == name]


def test_formatter_writes_one_json_object_with_the_extra_fields():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "kibs.security", logging.WARNING, __file__, 1, "login_failed", (), sys.exc_info(), extra={"ip": "192.0.2.1"}
        )
    line = JSONFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "kibs.security"
    assert entry["message"] == "login_failed"
    assert entry["ip"] == "192.0.2.1"
    assert "ValueError: boom" in entry["exception"]


def test_settings_send_json_lines_to_stdout():
    script = "import django, logging; django.setup(); logging.getLogger('kibs.security').warning('probe', extra={'ip': '192.0.2.9'})"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "kibs.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"logger": "kibs.security", "message": "probe", "ip": "192.0.2.9"}.items() <= lines[-1].items()


@pytest.mark.django_db
def test_failed_login_is_logged_with_user_name_and_address(caplog, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user()
    Client().post(reverse("login"), {"username": user.username, "password": "wrong"}, REMOTE_ADDR="192.0.2.5")
    [event] = events(caplog, "login_failed")
    assert event.username == user.username
    assert event.ip == "192.0.2.5"
    assert "wrong" not in str(vars(event))


@pytest.mark.django_db
def test_lockout_and_login_are_logged(caplog, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user()
    Client().post(reverse("login"), {"username": user.username, "password": "kibs-test-password"})
    assert events(caplog, "login")[0].user_id == user.pk
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(reverse("login"), {"username": user.username, "password": "wrong"})
    assert events(caplog, "login_locked_out")[0].username == user.username


@pytest.mark.django_db
def test_access_to_another_municipality_is_logged(caplog):
    home, away = World("Hjemme"), World("Borte")
    client = Client()
    advisor = home.members["advisor"]
    client.force_login(advisor)
    url = reverse("documents:plan_detail", args=[away.plan.pk])
    assert client.get(url).status_code == 404
    [event] = events(caplog, "access_denied")
    assert (event.user_id, event.path, event.status_code) == (advisor.pk, url, 404)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.support.probe_urls")
def test_server_error_is_logged_with_traceback_not_shown(caplog):
    response = Client(raise_request_exception=False).get("/probe/boom/")
    assert "secret detail" not in response.text
    [error] = [record for record in caplog.records if record.name == "django.request"]
    assert error.levelname == "ERROR" and error.exc_info
    assert "secret detail" in JSONFormatter().format(error)
