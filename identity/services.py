"""Roles from the identity provider: the role rules applied to a person's claims at every login."""

from django.db import transaction

from ops.security import security_log
from routines.models import Membership

from .models import MunicipalLogin, RoleRule

# When several rules of one municipality match, the person gets the one that may do most
# (a person has one membership per municipality).
ROLE_STRENGTH = ["advisor", "approver", "unit_leader", "employee", "reader"]


def strength(role):
    return ROLE_STRENGTH.index(role) if role in ROLE_STRENGTH else len(ROLE_STRENGTH)


def claim_values(claims, name):
    """The values of a claim as strings: a single value, or each of a list's."""
    value = claims.get(name)
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(item) for item in value if not isinstance(item, dict | list)}
    if isinstance(value, dict):
        return set()
    return {str(value)}


def claims_of(sociallogin):
    """The ID token's claims, with what only the userinfo endpoint told added."""
    data = sociallogin.account.extra_data
    return {**data.get("userinfo", {}), **data.get("id_token", {})}


def roles_from_claims(app, claims):
    """{municipality id: the rule that decides the role there} for the rules the claims match."""
    chosen = {}
    rules = RoleRule.objects.filter(provider=app, municipality__login__provider=app).select_related("municipality")
    for rule in rules:
        if rule.value in claim_values(claims, rule.claim):
            current = chosen.get(rule.municipality_id)
            if current is None or strength(rule.role) < strength(current.role):
                chosen[rule.municipality_id] = rule
    return chosen


@transaction.atomic
def apply_role_rules(user, app, claims):
    """Make the user's memberships in the provider's municipalities what its rules say now.

    The provider decides: a role a rule no longer gives is taken away, in
    every municipality that logs in through this provider. Memberships
    elsewhere (another municipality, a region) are left alone. Returns the
    number of memberships the user now has through this provider.
    """
    municipality_ids = list(MunicipalLogin.objects.filter(provider=app).values_list("municipality_id", flat=True))
    chosen = roles_from_claims(app, claims)
    existing = {
        membership.municipality_id: membership
        for membership in Membership.objects.select_for_update().filter(user=user, municipality_id__in=municipality_ids)
    }
    for municipality_id in municipality_ids:
        rule = chosen.get(municipality_id)
        membership = existing.get(municipality_id)
        before = describe(membership)
        if rule is None:
            if membership is not None:
                membership.delete()
        elif membership is None:
            membership = rule.membership(user.pk)
            membership.save()
        elif (membership.role, membership.unit_id) != (rule.role, rule.unit_id):
            membership.role, membership.unit_id = rule.role, rule.unit_id
            membership.save(update_fields=["role", "unit"])
        after = describe(membership if rule else None)
        if before != after:
            security_log.info(
                "role_changed_by_provider",
                extra={
                    "user_id": user.pk,
                    "provider": app.provider_id,
                    "municipality_id": municipality_id,
                    "before": before,
                    "after": after,
                },
            )
    return len(chosen)


def describe(membership):
    if membership is None:
        return None
    return f"{membership.role}@unit:{membership.unit_id}" if membership.unit_id else membership.role


def update_person(user, claims):
    """Name and e-mail as the provider says them now (people change names; the token is the source)."""
    fields = {
        "first_name": str(claims.get("given_name") or "")[:150],
        "last_name": str(claims.get("family_name") or "")[:150],
        "email": str(claims.get("email") or "")[:254],
    }
    if not (fields["first_name"] or fields["last_name"]) and claims.get("name"):
        first, _, last = str(claims["name"]).partition(" ")
        fields["first_name"], fields["last_name"] = first[:150], last[:150]
    changed = [name for name, value in fields.items() if value and getattr(user, name) != value]
    for name in changed:
        setattr(user, name, fields[name])
    if changed:
        user.save(update_fields=changed)


def has_any_role(user):
    return user.is_superuser or Membership.objects.filter(user=user).exists()


def who_gives_access(app):
    """The municipalities that log in through the provider, each with its advisors (who can ask IT for access)."""
    logins = MunicipalLogin.objects.filter(provider=app).select_related("municipality")
    advisors = Membership.objects.filter(
        role=Membership.Role.ADVISOR, municipality__login__provider=app
    ).select_related("user")
    by_municipality = {}
    for membership in advisors:
        by_municipality.setdefault(membership.municipality_id, []).append(membership.user)
    return [(login.municipality, by_municipality.get(login.municipality_id, [])) for login in logins]
