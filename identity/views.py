"""The login page (local accounts and the municipalities' identity providers), the logout, and the pages around them."""

from allauth.account.internal.flows.login import perform_login, record_authentication
from allauth.account.models import Login
from django.conf import settings
from django.contrib.auth import logout as django_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from . import access
from .forms import ChooseMunicipalityForm, LocalLoginForm
from .middleware import allow_form_action, origin_of
from .services import who_gives_access

# More municipalities than this on one installation: the login page asks "which municipality?" first.
MOST_BUTTONS = 4


class LocalLoginView(LoginView):
    """Django's login view with axes' form; allauth's login stages then ask for the MFA code where one is set up."""

    authentication_form = LocalLoginForm

    def form_valid(self, form):
        user = form.get_user()
        # The password was just typed: for allauth's next few minutes that counts as confirming it is them
        # (setting up MFA asks for it otherwise, right after the login).
        record_authentication(self.request, user, method="password", username=user.username, reauthenticated=True)
        return perform_login(self.request, Login(user=user, redirect_url=self.get_success_url()))


def login(request):
    choices = access.get_login_choices()
    context = {
        "provider_choices": choices if len(choices) <= MOST_BUTTONS else [],
        "choose_first": len(choices) > MOST_BUTTONS,
    }
    response = LocalLoginView.as_view(extra_context=context)(request)
    return with_provider_origins(response, choices)


def choose_municipality(request):
    """Which municipality? Then its button, which starts the login at its identity provider."""
    choices = access.get_login_choices()
    form = ChooseMunicipalityForm(request.GET or None, choices=choices)
    chosen = []
    if form.is_valid():
        chosen = [choice for choice in choices if choice.municipality_id == form.cleaned_data["municipality"]]
    status = 400 if form.is_bound and not form.is_valid() else 200
    response = render(
        request,
        "identity/choose_municipality.html",
        {"form": form, "provider_choices": chosen, "next": request.GET.get("next", "")},
        status=status,
    )
    return with_provider_origins(response, chosen)


def with_provider_origins(response, choices):
    """The login buttons' answers redirect to the providers: browsers check that against form-action."""
    origins = sorted({origin_of(choice.provider.settings.get("server_url", "")) for choice in choices})
    return allow_form_action(response, origins) if origins else response


@require_POST
def logout(request):
    """Log out here, and at the identity provider too when the login came through one (RP-initiated logout)."""
    app, provider_login = access.get_provider_login(request)
    django_logout(request)
    endpoint = (provider_login or {}).get("end_session_endpoint")
    if app is None or not endpoint:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    params = {
        "client_id": app.client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    if provider_login.get("id_token"):
        params["id_token_hint"] = provider_login["id_token"]
    return redirect(f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}")


@login_required
def no_access(request):
    """Logged in through the provider, but no rule gives the person a role: who can give it."""
    app, _login = access.get_provider_login(request)
    return render(request, "identity/no_access.html", {"municipalities": who_gives_access(app) if app else []})


@login_required
@require_GET
def role_rules(request, municipality_pk):
    """The municipality's identity provider and role rules, for its advisors to read (superusers edit them in the admin)."""
    municipality, login, rules = access.get_role_rules_for_advisor(request.user, municipality_pk)
    return render(request, "identity/role_rules.html", {"municipality": municipality, "login": login, "rules": rules})
