"""allauth's hooks: who may be created, what a login through a provider does, and how a refusal looks."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base.constants import AuthError
from django.shortcuts import redirect, render

from ops.security import client_ip, security_log

from . import services
from .oidc import IdTokenError

# The session's record of a login through an identity provider: the app's pk,
# the ID token (id_token_hint) and the provider's end_session_endpoint.
SESSION_KEY = "identity_provider_login"


def refuse(request, reason, provider=None):
    """The page that says the login was refused and what to do; the reason is logged as well."""
    security_log.warning(
        "sso_login_failed",
        extra={"reason": reason, "provider": getattr(provider, "sub_id", None), "ip": client_ip(request)},
    )
    response = render(request, "identity/login_refused.html", {"reason": reason}, status=403)
    raise ImmediateHttpResponse(response)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Nobody signs up: people come from an identity provider or are created by a superuser.
        return False

    def login(self, request, user):
        # allauth would pick the first backend able to fetch a user: that must be Django's, not axes'.
        if not hasattr(user, "backend"):
            user.backend = "django.contrib.auth.backends.ModelBackend"
        super().login(request, user)

    def respond_user_inactive(self, request, user):
        refuse(request, "inactive")

    def post_login(self, request, user, **kwargs):
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        if sociallogin is None:
            return super().post_login(request, user, **kwargs)
        app = sociallogin.account.get_provider().app
        claims = services.claims_of(sociallogin)
        services.update_person(user, claims)
        services.apply_role_rules(user, app, claims)
        request.session[SESSION_KEY] = getattr(request, "identity_login", {"app": app.pk})
        security_log.info(
            "sso_login", extra={"user_id": user.pk, "provider": app.provider_id, "ip": client_ip(request)}
        )
        response = super().post_login(request, user, **kwargs)
        if not services.has_any_role(user):
            return redirect("identity:no_access")
        return response


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # Just in time: the provider vouches for the person; the role rules decide what they may do.
        return True

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        refuse(request, refusal_reason(error, exception, extra_context or {}), provider=provider)


def refusal_reason(error, exception, extra_context):
    """A short code for the log and the page: which check failed, or what went wrong."""
    if isinstance(exception, IdTokenError):
        return exception.args[0]
    if exception is not None:
        return "provider_error"
    if error == AuthError.CANCELLED:
        return "cancelled"
    if "state" not in extra_context:
        # No login was started from this browser with that state, or it is too old.
        return "state"
    return "provider_error"
