"""What the login pages may show, and who may read a municipality's role rules (routines.access's rule)."""

from allauth.socialaccount.models import SocialApp
from django.db import DatabaseError
from django.http import Http404

from routines import access as routines_access

from .adapters import SESSION_KEY
from .models import MunicipalLogin, RoleRule


def get_login_choices():
    """Every municipality that logs in through an identity provider: public, as the login page lists them.

    The login page is one of the pages that answer while the database is away
    (ops.health): then it shows the local login alone.
    """
    try:
        return list(MunicipalLogin.objects.with_provider().order_by("municipality__name"))
    except DatabaseError:
        return []


def get_login_choice(pk):
    """One municipality's way in, or 404."""
    try:
        return MunicipalLogin.objects.with_provider().get(municipality_id=pk)
    except MunicipalLogin.DoesNotExist as error:
        raise Http404 from error


def get_role_rules_for_advisor(user, municipality_pk):
    """The municipality's login and its role rules, for its advisors to read: 404 outside it, 403 for others."""
    municipality = routines_access.get_municipality_for_editing(user, municipality_pk)
    login = MunicipalLogin.objects.filter(municipality=municipality).select_related("provider").first()
    rules = RoleRule.objects.filter(municipality=municipality).select_related("unit", "provider")
    return municipality, login, rules


def get_provider_login(request):
    """The provider the session logged in through (its app and the logout details), or None."""
    login = request.session.get(SESSION_KEY)
    if not login:
        return None, None
    return SocialApp.objects.filter(pk=login.get("app")).first(), login
