"""Login throttling (django-axes): per user name and address, per address across user names, and the client address."""

import ipaddress

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from ops.security import client_ip
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "kibs-test-password"


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


PROXY = [ipaddress.ip_network("10.0.0.254/32")]


@override_settings(TRUSTED_PROXIES=PROXY)
def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_saw():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7")
    # The left entry is whatever the client claimed; the proxy appended the real one.
    assert client_ip(request) == "192.0.2.7"


@override_settings(TRUSTED_PROXIES=[ipaddress.ip_network("10.0.0.0/24")])
def test_a_chain_of_trusted_proxies_is_followed_to_the_first_untrusted_address():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7, 10.0.0.3")
    assert client_ip(request) == "192.0.2.7"


@override_settings(TRUSTED_PROXIES=PROXY)
def test_a_garbled_entry_from_a_trusted_proxy_leaves_the_proxys_address():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) == "10.0.0.254"


@pytest.mark.parametrize("trusted", [[], PROXY])
def test_forwarded_for_from_an_untrusted_address_is_ignored(trusted, settings):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "192.0.2.7"


def log_in_with_forged_addresses(username, peer, forwarded_for):
    """Fail AXES_FAILURE_LIMIT times, then log in right; forwarded_for(n) is the header of the nth try."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            reverse("login"),
            {"username": username, "password": "wrong"},
            REMOTE_ADDR=peer,
            HTTP_X_FORWARDED_FOR=forwarded_for(n),
        )
    return Client().post(
        reverse("login"),
        {"username": username, "password": PASSWORD},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=forwarded_for(99),
    )


def test_forged_forwarded_for_sent_straight_to_the_app_cannot_dodge_the_lockout():
    user = make_user()
    response = log_in_with_forged_addresses(user.username, "192.0.2.7", lambda n: f"203.0.113.{n}")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.7"}


@override_settings(TRUSTED_PROXIES=PROXY)
def test_forged_entries_left_of_the_proxys_cannot_dodge_the_lockout():
    user = make_user()
    response = log_in_with_forged_addresses(user.username, "10.0.0.254", lambda n: f"203.0.113.{n}, 192.0.2.7")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.7"}


def test_spraying_many_user_names_from_one_address_is_throttled():
    users = [make_user() for _ in range(25)]
    answers = [attempt(user.username, "Sommer2026!", "192.0.2.7").status_code for user in users]
    # Each user name failed once only; the address's failures across them reach the limit.
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert answers[: limit - 1] == [200] * (limit - 1)
    assert answers[limit - 1 :] == [429] * (len(users) - limit + 1)
    # Even the right password is refused from that address, and still accepted elsewhere.
    assert attempt(users[0].username, PASSWORD, "192.0.2.7").status_code == 429
    assert attempt(users[0].username, PASSWORD, "192.0.2.8").status_code == 302


def test_a_few_typos_by_colleagues_at_one_address_lock_nobody_else_out():
    colleagues = [make_user() for _ in range(4)]
    for colleague in colleagues[:3]:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(colleague.username, "wrong", "192.0.2.7")
    assert attempt(colleagues[3].username, PASSWORD, "192.0.2.7").status_code == 302


@pytest.mark.parametrize("login", ["login", "admin:login"])
def test_a_user_name_longer_than_any_users_is_a_form_error_not_a_server_error(login):
    # axes records a failed attempt's user name in 255 characters; on PostgreSQL a longer one was a 500.
    response = Client().post(reverse(login), {"username": "x" * 1000, "password": "kibs-test-password"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not AccessAttempt.objects.exists()
