"""MFA where it is required, and the provider's logout allowed as a form's destination."""

from urllib.parse import urlsplit

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .adapters import SESSION_KEY
from .policy import must_use_mfa


class RequireMFAMiddleware:
    """With settings.MFA_REQUIRED, a local account that must use MFA and has none can only set it up.

    Someone who logged in through an identity provider is left alone: their
    provider decides how they prove who they are (docs/sso.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED
            and request.user.is_authenticated
            and SESSION_KEY not in request.session
            and not self.allowed_path(request.path)
            and must_use_mfa(request.user)
            and not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?required=1")
        return self.get_response(request)

    @staticmethod
    def allowed_path(path):
        open_paths = [
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
            reverse("logout"),
            reverse("set_language"),
            settings.STATIC_URL,
        ]
        return any(path.startswith(prefix) for prefix in open_paths)


class ProviderFormActionMiddleware:
    """Let the logout form of a provider login lead on to the provider's logout.

    Browsers apply the Content-Security-Policy's form-action to where a form's
    answer redirects, so the logout's redirect to the provider needs its origin there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        login = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if login and login.get("end_session_endpoint"):
            allow_form_action(response, [origin_of(login["end_session_endpoint"])])
        return response


def origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def allow_form_action(response, origins):
    """Add origins to the response's form-action (the CSP middleware writes the header afterwards)."""
    config = dict(getattr(response, "_csp_config", None) or settings.SECURE_CSP)
    config["form-action"] = [*config.get("form-action", []), *origins]
    response._csp_config = config
    return response
