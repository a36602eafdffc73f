"""The login page with the municipalities' buttons, local accounts switched off, the logout and the no-access page."""

import pytest
from allauth.socialaccount.models import SocialApp
from django.urls import reverse

from identity.adapters import SESSION_KEY
from identity.models import MunicipalLogin
from routines.models import Membership
from tests.support.factories import make_member, make_municipality, make_user

pytestmark = pytest.mark.django_db


def provider_for(*municipalities, provider_id="kommune", server_url="https://login.example.test/tenant/v2.0"):
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=provider_id,
        name="Kommunens innlogging",
        client_id="c",
        settings={"server_url": server_url},
    )
    for municipality in municipalities:
        MunicipalLogin.objects.update_or_create(municipality=municipality, defaults={"provider": app})
    return app


def test_the_login_page_has_a_button_per_municipality_beside_the_local_login(client, municipality):
    provider_for(municipality)
    response = client.get(reverse("login"), {"next": "/plans/1/"})
    page = response.content.decode()
    assert f"Logg inn med {municipality.name}" in page
    assert reverse("openid_connect_login", args=["kommune"]) in page
    assert 'name="username"' in page and 'name="password"' in page
    # The button's answer redirects to the provider: the page's form-action allows it.
    assert "https://login.example.test" in response.headers["Content-Security-Policy"]


def test_without_providers_the_login_page_is_as_before(client):
    page = client.get(reverse("login")).content.decode()
    assert "Logg inn med" not in page and 'name="username"' in page


def test_many_municipalities_are_chosen_first(client):
    municipalities = [make_municipality() for _ in range(5)]
    provider_for(*municipalities)
    page = client.get(reverse("login")).content.decode()
    assert not any(f"Logg inn med {m.name}" in page for m in municipalities)
    assert reverse("identity:choose_municipality") in page
    chosen = municipalities[2]
    response = client.get(reverse("identity:choose_municipality"), {"municipality": chosen.pk})
    assert f"Logg inn med {chosen.name}" in response.content.decode()
    assert f"Logg inn med {municipalities[0].name}" not in response.content.decode()


@pytest.mark.parametrize("value", ["999999", "abc", ""])
def test_choosing_a_municipality_without_a_provider_is_a_form_error(client, municipality, value):
    provider_for(municipality)
    response = client.get(reverse("identity:choose_municipality"), {"municipality": value})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()


def test_local_accounts_switched_off_cannot_log_in(client, municipality, advisor, caplog):
    MunicipalLogin.objects.create(municipality=municipality, provider=provider_for(), local_accounts=False)
    response = client.post(reverse("login"), {"username": advisor.username, "password": "kibs-test-password"})
    assert response.status_code == 200
    assert "slått av innlogging med KIBS-passord" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any(r.getMessage() == "local_login_refused" for r in caplog.records)


def test_local_accounts_of_other_municipalities_still_log_in(client, municipality):
    MunicipalLogin.objects.create(municipality=municipality, local_accounts=False)
    other = make_member("advisor", make_municipality())
    response = client.post(reverse("login"), {"username": other.username, "password": "kibs-test-password"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_a_superuser_keeps_the_local_login(client, municipality):
    MunicipalLogin.objects.create(municipality=municipality, local_accounts=False)
    superuser = make_member("advisor", municipality, user=make_user(is_superuser=True))
    client.post(reverse("login"), {"username": superuser.username, "password": "kibs-test-password"})
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_a_wrong_password_is_still_counted_by_axes(client, advisor, caplog):
    for _ in range(5):
        client.post(reverse("login"), {"username": advisor.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": advisor.username, "password": "kibs-test-password"})
    assert response.status_code == 429
    assert any(r.getMessage() == "login_locked_out" for r in caplog.records)


def test_logging_out_of_a_provider_login_goes_on_to_the_providers_logout(client, municipality, advisor):
    app = provider_for(municipality)
    client.force_login(advisor)
    session = client.session
    session[SESSION_KEY] = {
        "app": app.pk,
        "id_token": "the.id.token",
        "end_session_endpoint": "https://idp.test/logout",
    }
    session.save()
    # Every page allows its logout form to lead there.
    assert "https://idp.test" in client.get(reverse("documents:plan_list")).headers["Content-Security-Policy"]
    response = client.post(reverse("logout"))
    assert response.url.startswith("https://idp.test/logout?")
    assert "id_token_hint=the.id.token" in response.url
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Flogin%2F" in response.url
    assert "_auth_user_id" not in client.session


def test_logging_out_of_a_local_login_stays_here(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    assert client.get(reverse("logout")).status_code == 405


def test_someone_without_a_role_is_told_who_can_give_it(client, municipality):
    app = provider_for(municipality)
    make_member("advisor", municipality, user=make_user(first_name="Ada", last_name="Rådgiver", email="ada@k.no"))
    person = make_user()
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = {"app": app.pk}
    session.save()
    page = client.get(reverse("identity:no_access")).content.decode()
    assert "Ingen tilgang til KIBS ennå" in page
    assert "Ada Rådgiver" in page and "mailto:ada@k.no" in page and municipality.name in page
    assert not Membership.objects.filter(user=person).exists()


def test_the_no_access_page_needs_a_login(client):
    response = client.get(reverse("identity:no_access"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
