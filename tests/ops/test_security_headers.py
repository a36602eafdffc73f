"""Every response carries the security headers: pages, files, errors, redirects.

The walk covers every named URL as an anonymous visitor, an advisor and a
superuser (who sees the admin), over HTTPS so HSTS is sent too.
"""

import pytest
from django.test import Client, override_settings

from tests.support.urlwalk import World, superuser

pytestmark = pytest.mark.django_db

REQUIRED_CSP = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def missing_headers(response):
    missing = []
    csp = response.get("Content-Security-Policy", "")
    missing += [directive for directive in REQUIRED_CSP if directive not in csp]
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        missing.append("CSP without unsafe-inline/unsafe-eval")
    expected = {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    missing += [f"{name}: {value}" for name, value in expected.items() if response.get(name) != value]
    return missing


# The production values (see kibs/settings.py); the test settings run with DEBUG on.
production_hsts = override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)


@production_hsts
@pytest.mark.slow
@pytest.mark.parametrize("who", ["anonymous", "advisor", "superuser"])
def test_every_named_url_sends_the_security_headers(who):
    world = World("Tekst")
    client = Client(raise_request_exception=False)
    if who == "advisor":
        client.force_login(world.members["advisor"])
    elif who == "superuser":
        client.force_login(superuser())
    problems = {}
    for name, url in world.urls():
        response = client.get(url, secure=True)
        if missing := missing_headers(response):
            problems[f"{name} {url} ({response.status_code})"] = missing
    assert problems == {}


@production_hsts
@override_settings(ROOT_URLCONF="tests.support.probe_urls")
@pytest.mark.parametrize(
    "url, status",
    [
        ("/probe/boom/", 500),
        ("/probe/pdf/", 200),
        ("/probe/calendar/", 200),
        ("/no-such-page/", 404),
        ("/static/css/kibs.css", 200),
        ("/health/", 200),
    ],
)
def test_errors_files_and_static_files_send_the_security_headers(url, status):
    response = Client(raise_request_exception=False).get(url, secure=True)
    assert response.status_code == status
    assert missing_headers(response) == []


@override_settings(ROOT_URLCONF="tests.support.probe_urls")
def test_500_page_shows_no_detail():
    response = Client(raise_request_exception=False).get("/probe/boom/")
    assert response.status_code == 500
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text


def test_403_from_csrf_sends_the_headers():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Content-Security-Policy" in response
    assert "X-Content-Type-Options" in response
