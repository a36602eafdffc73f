"""Production settings pass Django's deployment checklist and behave as such.

Settings are read once at import, so each case runs in a fresh Python with
the production environment (DEBUG off, secrets and hosts from variables).
"""

import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks

ROOT = Path(__file__).resolve().parent.parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-4f1d9c0b7e2a6f3d8c5b1a9e7d4c2b0a8f6e4d2c0b9a7f5e3d1c",
    "ALLOWED_HOSTS": "kibs.example.no,testserver",
    # The documented set-up: nginx on this machine, gunicorn on loopback.
    "GUNICORN_BIND": "127.0.0.1:8000",
    "TRUSTED_PROXIES": "127.0.0.1",
    "DJANGO_SETTINGS_MODULE": "kibs.settings",
}


def run_python(script, **env):
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a production server never has it.
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**inherited, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_at_warning_level():
    result = run_python(
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "bind, trusted, warnings",
    [
        ("0.0.0.0:8000", "", ["ops.W001"]),
        ("[::]:8000", "", ["ops.W001"]),
        ("10.1.2.3:8000", "10.1.2.1", []),
        ("127.0.0.1:8000", "", ["ops.I002"]),
        ("[::1]:8000", "::1", []),
        ("127.0.0.1:8000", "127.0.0.1", []),
    ],
)
def test_check_deploy_warns_when_client_addresses_are_not_what_they_seem(
    settings, monkeypatch, bind, trusted, warnings
):
    # In this process: the check reads gunicorn.conf.py (which reads GUNICORN_BIND) at each run, and
    # TRUSTED_PROXIES as settings.py parses it (the subprocess tests above and below cover that parsing).
    monkeypatch.setenv("GUNICORN_BIND", bind)
    settings.DEBUG = False
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(value, strict=False) for value in filter(None, [trusted])]
    found = checks.run_checks(tags=[checks.Tags.security], include_deployment_checks=True)
    assert sorted(message.id for message in found if message.id.startswith("ops.")) == warnings


def test_a_malformed_trusted_proxy_stops_the_start():
    result = run_python("import django; django.setup()", TRUSTED_PROXIES="10.0.0.300")
    assert result.returncode != 0
    assert "10.0.0.300" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("import django; django.setup()", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


SMOKE = """
import json, django
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.test import Client
from django.apps import apps
from django.conf import settings
# The tables straight from the models: the migrations are checked elsewhere, and running them all takes long.
settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command("migrate", run_syncdb=True, verbosity=0)
get_user_model().objects.create_user("kari", password="a long test password")
client = Client()
login = client.post("/accounts/login/", {"username": "kari", "password": "a long test password"}, secure=True)
cookie = login.cookies["sessionid"]
print(json.dumps({
    "login": login.status_code,
    "cookie": {"secure": cookie["secure"], "httponly": cookie["httponly"], "samesite": cookie["samesite"]},
    "headers": dict(login.headers),
    "plain_http": Client().get("/", secure=False).status_code,
    "health_over_http": Client().get("/health/", secure=False).status_code,
}))
"""


def test_production_session_cookie_and_headers():
    result = run_python(SMOKE, DATABASE_URL="sqlite://:memory:")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["login"] == 302
    assert report["cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    headers = report["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert report["plain_http"] == 301
    # The load balancer's health check is not redirected to HTTPS.
    assert report["health_over_http"] == 200
