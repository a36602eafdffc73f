"""Login throttling (django-axes): per user name and address, nobody else locked out."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from ops.security import client_ip
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "kibs-test-password"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher costs half a second per password; these tests are not about it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(username, password, address):
    return Client().post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(username, address):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(username, "wrong", address).status_code == 200
    # The failure that reaches the limit already gets the lockout page.
    assert attempt(username, "wrong", address).status_code == 429


def test_too_many_failures_lock_the_user_name_at_that_address():
    user = make_user()
    fail_until_locked(user.username, "10.0.0.1")
    response = attempt(user.username, PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    assert "Too many login attempts" in response.text or "innloggingsforsøk" in response.text
    assert "Content-Security-Policy" in response


def test_the_real_user_elsewhere_can_still_log_in():
    user = make_user()
    fail_until_locked(user.username, "10.0.0.1")
    assert attempt(user.username, PASSWORD, "10.0.0.2").status_code == 302


def test_other_users_at_the_same_address_can_still_log_in():
    victim, colleague = make_user(), make_user()
    fail_until_locked(victim.username, "10.0.0.1")
    assert attempt(colleague.username, PASSWORD, "10.0.0.1").status_code == 302


def test_a_success_resets_the_count():
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(user.username, "wrong", "10.0.0.1")
    assert attempt(user.username, PASSWORD, "10.0.0.1").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(user.username, "wrong", "10.0.0.1")
    assert attempt(user.username, PASSWORD, "10.0.0.1").status_code == 302


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7")
    # The left entry is whatever the client claimed; the proxy appended the real one.
    assert client_ip(request) == "192.0.2.7"


@override_settings(BEHIND_PROXY=False)
def test_without_a_proxy_forwarded_for_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "192.0.2.7"


@override_settings(BEHIND_PROXY=True)
def test_spoofed_forwarded_for_cannot_dodge_the_lockout():
    user = make_user()
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            reverse("login"),
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.7",
        )
    response = Client().post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.254",
        HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.7",
    )
    assert response.status_code == 429
