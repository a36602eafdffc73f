"""allauth's OpenID Connect provider, with every check of the ID token made on every login.

allauth's own provider sends no nonce, and skips the signature when the token
came straight from the token endpoint (which OpenID Connect allows). A
municipality's login is held to more: the authorization request carries a
nonce kept with the state (and a PKCE challenge, settings.SOCIALACCOUNT_PROVIDERS),
and the callback accepts an ID token only if it is signed with one of the
provider's published keys by an asymmetric algorithm, was issued by the
provider for this client, has not expired, and carries that nonce.
A token that fails any check refuses the login (adapters.SocialAccountAdapter
shows the page and logs it).
"""

import hmac
import secrets

import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404
from django.views.decorators.http import require_POST

# Asymmetric algorithms only: a token "signed" with the client secret (HS256) or not at all ("none") is refused.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
# Seconds of clock difference between the provider and KIBS that expiry and issue times allow.
LEEWAY = 30


class IdTokenError(OAuth2Error):
    """The ID token failed a check; the message names which."""


def verify_id_token(id_token, *, keys_url, issuer, audience, nonce):
    """The token's claims, or IdTokenError saying which check failed."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError as error:
        raise IdTokenError("malformed") from error
    if header.get("alg") not in ALGORITHMS:
        raise IdTokenError("algorithm")
    try:
        _alg, key = jwtkit.fetch_key(id_token, keys_url, jwtkit.lookup_kid_jwk)
    except (KeyError, ValueError, TypeError, jwt.PyJWTError, OAuth2Error) as error:
        # No key of the provider's with the token's key id, or a key that cannot be read.
        raise IdTokenError("signature") from error
    try:
        claims = jwt.decode(
            id_token,
            key=key,
            algorithms=[header["alg"]],
            issuer=issuer,
            audience=audience,
            leeway=LEEWAY,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.InvalidSignatureError as error:
        raise IdTokenError("signature") from error
    except jwt.ExpiredSignatureError as error:
        raise IdTokenError("expired") from error
    except jwt.InvalidIssuerError as error:
        raise IdTokenError("issuer") from error
    except jwt.InvalidAudienceError as error:
        raise IdTokenError("audience") from error
    except jwt.PyJWTError as error:
        raise IdTokenError("invalid") from error
    if not nonce or not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise IdTokenError("nonce")
    jwtkit.verify_jti(claims)
    return claims


class MunicipalAdapter(OpenIDConnectOAuth2Adapter):
    # Set by the callback from the login's stashed state before the token is decoded.
    expected_nonce = None

    def complete_login(self, request, app, token, **kwargs):
        if not kwargs["response"].get("id_token"):
            raise IdTokenError("missing")
        login = super().complete_login(request, app, token, **kwargs)
        data = login.account.extra_data
        if "userinfo" in data and str(data["userinfo"].get("sub")) != str(data["id_token"]["sub"]):
            raise IdTokenError("subject")
        # For the logout at the provider; adapters.AccountAdapter keeps it in the session once logged in.
        request.identity_login = {
            "app": app.pk,
            "id_token": kwargs["response"]["id_token"],
            "end_session_endpoint": self.openid_config.get("end_session_endpoint", ""),
        }
        return login

    def _decode_id_token(self, app, id_token):
        return verify_id_token(
            id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            nonce=self.expected_nonce,
        )


class MunicipalProvider(OpenIDConnectProvider):
    oauth2_adapter_class = MunicipalAdapter

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        return super().redirect(request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs)


class MunicipalCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        if state is not None:
            self.adapter.expected_nonce = state.get("nonce")
        return state, response


@require_POST
def login(request, provider_id):
    """Start the login at the provider (POST only: a link elsewhere cannot start it)."""
    try:
        return OAuth2LoginView.adapter_view(MunicipalAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


def callback(request, provider_id):
    """The provider sends the browser back here with the code and the state."""
    try:
        return MunicipalCallbackView.adapter_view(MunicipalAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
