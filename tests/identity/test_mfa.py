"""MFA for local accounts: enrolment, the code at login, recovery codes, and MFA where it is required."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from django.urls import reverse

from identity.adapters import SESSION_KEY

pytestmark = pytest.mark.django_db
PASSWORD = "kibs-test-password"


def code_for(secret):
    return format_hotp_value(hotp_value(secret, next(counters())))


def log_in(client, user, password=PASSWORD, next_url=None):
    data = {"username": user.username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


@pytest.fixture
def secret(advisor):
    secret = generate_totp_secret()
    TOTP.activate(advisor, secret)
    return secret


def test_enrolment_with_a_code_from_the_app(client, advisor, caplog, django_capture_on_commit_callbacks):
    log_in(client, advisor)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in page.content.decode()
    secret = page.context["form"].secret
    response = client.post(
        reverse("mfa_activate_totp"), {"code": "000000" if code_for(secret) != "000000" else "111111"}
    )
    assert response.status_code == 200 and "Feil kode." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert response.url == reverse("mfa_view_recovery_codes")
    assert set(Authenticator.objects.filter(user=advisor).values_list("type", flat=True)) == {"totp", "recovery_codes"}
    assert any(r.getMessage() == "mfa_enrolled" and r.user_id == advisor.pk for r in caplog.records)
    codes = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    unused = RecoveryCodes(Authenticator.objects.get(user=advisor, type="recovery_codes")).get_unused_codes()
    assert len(unused) == 10 and all(code in codes for code in unused)


def test_login_with_a_code(client, advisor, secret):
    response = log_in(client, advisor, next_url=reverse("documents:plan_list"))
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert "Kode fra autentiseringsappen" in client.get(reverse("mfa_authenticate")).content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert response.url == reverse("documents:plan_list")
    assert client.session["_auth_user_id"] == str(advisor.pk)


def test_a_wrong_code_logs_nobody_in(client, advisor, secret, caplog):
    log_in(client, advisor)
    wrong = "123456" if code_for(secret) != "123456" else "654321"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200 and "Feil kode." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any(r.getMessage() == "mfa_failed" for r in caplog.records)


def test_the_code_page_without_a_password_first_goes_back_to_the_login(client, advisor, secret):
    response = client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_login_with_a_recovery_code_once(client, advisor, secret):
    codes = RecoveryCodes.activate(advisor).get_unused_codes()
    log_in(client, advisor)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(advisor.pk)
    client.post(reverse("logout"))
    log_in(client, advisor)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert "_auth_user_id" not in client.session and "Feil kode." in response.content.decode()


@pytest.mark.parametrize("persona", ["advisor", "superuser"])
def test_required_mfa_allows_nothing_but_setting_it_up(client, settings, request, persona):
    settings.MFA_REQUIRED = True
    if persona == "superuser":
        from tests.support.factories import make_user

        user = make_user(is_superuser=True)
    else:
        user = request.getfixturevalue(persona)
    log_in(client, user)
    response = client.get(reverse("documents:plan_list"))
    assert response.url == f"{reverse('mfa_activate_totp')}?required=1"
    page = client.get(response.url).content.decode()
    assert "Rollen din i KIBS krever tofaktorautentisering" in page
    assert client.post(reverse("logout")).status_code == 302


def test_required_mfa_with_an_app_set_up_asks_for_the_code(client, settings, advisor, secret):
    settings.MFA_REQUIRED = True
    log_in(client, advisor)
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert client.get(reverse("documents:plan_list")).status_code == 200


def test_readers_and_provider_logins_are_not_asked_for_mfa(client, settings, reader, advisor):
    settings.MFA_REQUIRED = True
    log_in(client, reader)
    assert client.get(reverse("documents:plan_list")).status_code == 200
    client.force_login(advisor)
    session = client.session
    session[SESSION_KEY] = {"app": 0}
    session.save()
    assert client.get(reverse("documents:plan_list")).status_code == 200


def test_without_the_setting_mfa_stays_a_choice(client, advisor):
    log_in(client, advisor)
    assert client.get(reverse("documents:plan_list")).status_code == 200
    assert "Ingen autentiseringsapp er satt opp" in client.get(reverse("mfa_index")).content.decode()


def test_changing_mfa_later_asks_for_the_password_again(client, advisor, secret, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    log_in(client, advisor)
    client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    page = client.get(response.url)
    assert "Bekreft at det er deg" in page.content.decode()
