"""Every check of a provider's answer refuses a bad one, with a clear page and a security log line.

The provider's HTTP answers (discovery, token endpoint, keys) are stubbed at
the requests layer here, to make tokens that a real provider would not; the
browser journey (tests/browser/test_sso_journey.py) runs against a real one.
"""

import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount, SocialApp
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from identity.models import MunicipalLogin
from identity.oidc import MunicipalAdapter
from ops.security import LOGIN_TIME_KEY, deactivate_user

ISSUER = "https://idp.example.test"
CLIENT_ID = "kibs"
KID = "key-1"
CONFIG = {
    "issuer": ISSUER,
    "authorization_endpoint": f"{ISSUER}/authorize",
    "token_endpoint": f"{ISSUER}/token",
    "jwks_uri": f"{ISSUER}/keys",
    "userinfo_endpoint": f"{ISSUER}/userinfo",
    "end_session_endpoint": f"{ISSUER}/logout",
}
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwks():
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
    return {"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}


class Answer:
    def __init__(self, data):
        self.data = data

    def raise_for_status(self):
        pass

    def json(self):
        return self.data


class ProviderSession:
    """The provider's HTTP answers: its keys at jwks_uri (allauth fetches them through its adapter's session)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def get(self, url, **kwargs):
        return Answer({CONFIG["jwks_uri"]: jwks(), f"{ISSUER}/.well-known/openid-configuration": CONFIG}[url])


@pytest.fixture
def provider(db, municipality, monkeypatch):
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="testidp",
        name="Test IdP",
        client_id=CLIENT_ID,
        secret="secret",
        settings={"server_url": ISSUER, "fetch_userinfo": False},
    )
    MunicipalLogin.objects.create(municipality=municipality, provider=app)
    monkeypatch.setattr(DefaultSocialAccountAdapter, "get_requests_session", lambda self: ProviderSession())
    return app


def start_login(client):
    response = client.post(reverse("openid_connect_login", args=["testidp"]), {"process": "login"})
    assert response.status_code == 302
    return {key: values[0] for key, values in parse_qs(urlsplit(response.url).query).items()}


def token(nonce, key=KEY, kid=KID, algorithm="RS256", **changes):
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "person-1",
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "name": "Per Person",
        "email": "per@example.test",
        **changes,
    }
    return jwt.encode(
        {k: v for k, v in claims.items() if v is not None}, key, algorithm=algorithm, headers={"kid": kid}
    )


def finish_login(client, monkeypatch, state, id_token):
    answer = {"access_token": "access", "token_type": "Bearer", "id_token": id_token}

    def token_endpoint(self, request, app, client, pkce_code_verifier=None):
        assert pkce_code_verifier, "the code is exchanged with the PKCE verifier"
        self.did_fetch_access_token = True
        return answer

    monkeypatch.setattr(MunicipalAdapter, "get_access_token_data", token_endpoint)
    return client.get(reverse("openid_connect_callback", args=["testidp"]), {"code": "code", "state": state})


def refused(response, caplog, reason):
    assert response.status_code == 403
    assert "Du ble ikke logget inn" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    lines = [r for r in caplog.records if r.name == "kibs.security" and r.getMessage() == "sso_login_failed"]
    assert [line.reason for line in lines] == [reason]


def test_the_login_starts_with_pkce_state_and_nonce(client, provider):
    params = start_login(client)
    assert params["code_challenge_method"] == "S256" and params["code_challenge"]
    assert params["state"] and len(params["nonce"]) >= 32
    assert params["redirect_uri"].endswith("/accounts/oidc/testidp/login/callback/")
    assert set(params["scope"].split()) == {"openid", "profile", "email"}


def test_the_login_starts_only_by_post(client, provider):
    assert client.get(reverse("openid_connect_login", args=["testidp"])).status_code == 405


def test_a_good_token_logs_in_with_the_sessions_timeouts_and_log_lines(client, provider, monkeypatch, caplog):
    params = start_login(client)
    response = finish_login(client, monkeypatch, params["state"], token(params["nonce"]))
    assert response.status_code == 302
    user = response.wsgi_request.user
    assert (user.email, user.first_name, user.last_name, user.has_usable_password()) == (
        "per@example.test",
        "Per",
        "Person",
        False,
    )
    # The idle and absolute timeouts count from this login, as for a local one.
    assert LOGIN_TIME_KEY in client.session
    assert {"login", "sso_login"} <= {r.getMessage() for r in caplog.records if r.name == "kibs.security"}


def test_a_deactivated_person_is_refused(client, provider, monkeypatch, caplog):
    params = start_login(client)
    finish_login(client, monkeypatch, params["state"], token(params["nonce"]))
    person = SocialAccount.objects.get(uid="person-1").user
    client.logout()
    deactivate_user(person)
    params = start_login(client)
    refused(finish_login(client, monkeypatch, params["state"], token(params["nonce"])), caplog, "inactive")


@pytest.mark.parametrize(
    ("reason", "changes"),
    [
        ("signature", {"key": OTHER_KEY}),
        ("signature", {"kid": "unknown-key"}),
        ("algorithm", {"key": "the-client-secret-used-as-an-hmac-key", "algorithm": "HS256"}),
        ("issuer", {"iss": "https://evil.example.test"}),
        ("audience", {"aud": "another-client"}),
        ("expired", {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}),
        ("nonce", {"nonce": "another-login's-nonce"}),
        ("nonce", {"nonce": None}),
        ("invalid", {"sub": None}),
    ],
)
def test_a_bad_token_is_refused(client, provider, monkeypatch, caplog, reason, changes):
    params = start_login(client)
    bad = token(changes.pop("nonce", params["nonce"]), **changes)
    refused(finish_login(client, monkeypatch, params["state"], bad), caplog, reason)


def test_an_unsigned_token_is_refused(client, provider, monkeypatch, caplog):
    params = start_login(client)
    unsigned = jwt.encode(
        {"iss": ISSUER, "aud": CLIENT_ID, "sub": "x", "nonce": params["nonce"]}, None, algorithm="none"
    )
    refused(finish_login(client, monkeypatch, params["state"], unsigned), caplog, "algorithm")


def test_an_answer_without_an_id_token_is_refused(client, provider, monkeypatch, caplog):
    params = start_login(client)
    monkeypatch.setattr(
        MunicipalAdapter,
        "get_access_token_data",
        lambda self, request, app, client, pkce_code_verifier=None: {"access_token": "a", "token_type": "Bearer"},
    )
    response = client.get(reverse("openid_connect_callback", args=["testidp"]), {"code": "c", "state": params["state"]})
    refused(response, caplog, "missing")


@pytest.mark.parametrize("state", ["never-issued", ""])
def test_an_unknown_state_is_refused(client, provider, monkeypatch, caplog, state):
    params = start_login(client)
    refused(finish_login(client, monkeypatch, state, token(params["nonce"])), caplog, "state")


def test_a_state_is_used_once(client, provider, monkeypatch, caplog):
    params = start_login(client)
    assert finish_login(client, monkeypatch, params["state"], token(params["nonce"])).status_code == 302
    client.logout()
    caplog.clear()
    refused(finish_login(client, monkeypatch, params["state"], token(params["nonce"])), caplog, "state")


def test_a_state_from_another_browser_is_refused(client, provider, monkeypatch, caplog):
    from django.test import Client

    params = start_login(Client())
    refused(finish_login(client, monkeypatch, params["state"], token(params["nonce"])), caplog, "state")


def test_a_cancelled_login_says_so(client, provider, caplog):
    params = start_login(client)
    response = client.get(
        reverse("openid_connect_callback", args=["testidp"]), {"error": "access_denied", "state": params["state"]}
    )
    refused(response, caplog, "cancelled")
    assert "avbrutt" in response.content.decode()


def test_an_unknown_provider_is_not_found(client, provider):
    assert client.post(reverse("openid_connect_login", args=["nobody"])).status_code == 404
