"""Who must use MFA, and whose local account may log in."""

from routines.models import Membership

from .models import MunicipalLogin

# Roles that change what a municipality has decided: their local accounts need a second factor.
MFA_ROLES = ["advisor", "approver"]


def must_use_mfa(user):
    return user.is_superuser or Membership.objects.filter(user=user, role__in=MFA_ROLES).exists()


def local_login_refused(user):
    """Whether the user belongs to a municipality that has switched its local accounts off.

    Superusers keep their local login: someone must be able to set the providers up.
    """
    if user.is_superuser:
        return False
    municipalities = Membership.objects.filter(user=user, municipality__isnull=False).values("municipality")
    return MunicipalLogin.objects.filter(municipality__in=municipalities, local_accounts=False).exists()
