"""How each municipality's people log in, and which roles its identity provider's claims give.

An identity provider is one of allauth's SocialApps (provider "openid_connect"):
its client id and secret, and in its settings the issuer's address. It is
linked to the municipalities it logs in (MunicipalLogin), and its role rules
turn what the ID token says about a person into their Memberships.
"""

from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from routines.models import Membership, Municipality, Unit

PROVIDER = "openid_connect"


def role_choices():
    """The roles a rule may give: those of a municipality or a unit (a region's coordinator is given by hand)."""
    return [(value, label) for value, label in Membership.Role.choices if value != Membership.Role.COORDINATOR]


class MunicipalLoginQuerySet(models.QuerySet):
    def with_provider(self):
        return self.filter(provider__isnull=False).select_related("municipality", "provider")


class MunicipalLogin(models.Model):
    """A municipality's way in: its identity provider, and whether its local accounts may still log in."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="login", verbose_name=_("municipality")
    )
    provider = models.ForeignKey(
        SocialApp,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipal_logins",
        limit_choices_to={"provider": PROVIDER},
        verbose_name=_("identity provider"),
        help_text=_("Its people log in with their account at this provider."),
    )
    local_accounts = models.BooleanField(
        _("local accounts may log in"),
        default=True,
        help_text=_("When off, people of this municipality can only log in through its identity provider."),
    )

    objects = MunicipalLoginQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("municipality's login")
        verbose_name_plural = _("municipalities' logins")

    def __str__(self):
        return str(self.municipality)


class RoleRule(models.Model):
    """A person whose ID token has `value` in its claim `claim` gets `role` in the municipality (and unit)."""

    provider = models.ForeignKey(
        SocialApp,
        on_delete=models.CASCADE,
        related_name="role_rules",
        limit_choices_to={"provider": PROVIDER},
        verbose_name=_("identity provider"),
    )
    claim = models.CharField(
        _("claim"),
        max_length=100,
        default="groups",
        help_text=_("The name of the claim in the ID token, for example groups, roles or eduPersonAffiliation."),
    )
    value = models.CharField(
        _("value"), max_length=255, help_text=_("The group's id or the role's name, exactly as the token gives it.")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="role_rules", verbose_name=_("municipality")
    )
    # Its choices are read from Membership.Role when the form is built (role_choices), so a new
    # role there needs no migration here.
    role = models.CharField(_("role"), max_length=20)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="role_rules", verbose_name=_("unit")
    )

    class Meta:
        ordering = ["municipality__name", "claim", "value"]
        verbose_name = _("role rule")
        verbose_name_plural = _("role rules")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "claim", "value", "municipality", "role", "unit"],
                condition=models.Q(unit__isnull=False),
                name="role_rule_once_per_unit",
            ),
            models.UniqueConstraint(
                fields=["provider", "claim", "value", "municipality", "role"],
                condition=models.Q(unit__isnull=True),
                name="role_rule_once",
            ),
        ]

    def __str__(self):
        return f"{self.claim} = {self.value} → {self.role_label}"

    @property
    def role_label(self):
        return dict(Membership.Role.choices).get(self.role, self.role)

    def clean(self):
        if not (self.municipality_id and self.provider_id and self.role):
            return
        if self.role not in dict(role_choices()):
            raise ValidationError({"role": _("Choose one of the roles of a municipality.")})
        if not MunicipalLogin.objects.filter(municipality_id=self.municipality_id, provider_id=self.provider_id):
            raise ValidationError({"municipality": _("This municipality does not log in with this identity provider.")})
        if self.unit_id and self.unit.municipality_id != self.municipality_id:
            raise ValidationError({"unit": _("The unit belongs to another municipality.")})
        # The same rule as a membership's: which roles belong to a unit and which to the whole municipality.
        try:
            self.membership(user_id=None).validate_constraints(exclude={"user"})
        except ValidationError as error:
            raise ValidationError(
                {"unit": _("This role needs a unit.") if not self.unit_id else _("This role is not given per unit.")}
            ) from error

    def membership(self, user_id):
        """The membership this rule gives."""
        return Membership(user_id=user_id, role=self.role, municipality_id=self.municipality_id, unit_id=self.unit_id)
