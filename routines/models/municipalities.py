"""Regions, municipalities, their units, and who may do what in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from routines.recording import PlanHistory

from ..images import data_uri
from .base import VersionedModel


class MunicipalityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Municipalities the user is a member of, or coordinates the region of."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        memberships = Membership.objects.filter(user=user)
        return self.filter(
            Q(pk__in=memberships.filter(municipality__isnull=False).values("municipality"))
            | Q(region__in=memberships.filter(role=Membership.Role.COORDINATOR).values("region"))
        )

    def editable_by(self, user):
        """Municipalities whose plans the user may edit: advisors only."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        advisor_of = Membership.objects.filter(user=user, role=Membership.Role.ADVISOR).values("municipality")
        return self.filter(pk__in=advisor_of)


class Region(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


def _image_path(municipality, filename):
    """Stored through the storage API under the municipality's slug; the name says nothing else."""
    return f"municipalities/{municipality.slug}/{filename}"


class Municipality(VersionedModel):
    class Accent(models.TextChoices):
        # Each reaches at least 7:1 against white, as text and as a background for white text (AA needs 4.5:1).
        BLUE = "blue", _("Blue")
        GREEN = "green", _("Green")
        RED = "red", _("Red")
        PURPLE = "purple", _("Purple")
        TEAL = "teal", _("Teal")
        GREY = "grey", _("Grey")

    ACCENT_COLOURS = {
        "blue": "#12385f",
        "green": "#1e5b3a",
        "red": "#8a1c1c",
        "purple": "#4b2a6b",
        "teal": "#0b4f5c",
        "grey": "#3d4652",
    }

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("region"),
        null=True,
        blank=True,
    )
    vision = models.TextField(_("vision statement"), blank=True)
    four_eyes_approval = models.BooleanField(
        _("approval by another person"),
        default=False,
        help_text=_(
            "The person who approves a plan must not be the one who changed it last. "
            "Approvers may then approve without being able to edit."
        ),
    )

    logo = models.FileField(
        _("logo"),
        upload_to=_image_path,
        blank=True,
        help_text=_("PNG, JPEG or SVG, at most 512 KB. Shown on the cover of the PDF and on the plan's pages."),
    )
    cover_picture = models.FileField(
        _("cover picture"),
        upload_to=_image_path,
        blank=True,
        help_text=_("PNG or JPEG, at most 3 MB. Shown on the cover of the PDF and at the top of the plan to read."),
    )
    accent = models.CharField(
        _("colour"), max_length=10, choices=Accent.choices, default=Accent.BLUE, help_text=_("Headings and tables.")
    )

    objects = MunicipalityQuerySet.as_manager()

    history = PlanHistory()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    @property
    def accent_colour(self):
        return self.ACCENT_COLOURS.get(self.accent, self.ACCENT_COLOURS["blue"])

    @property
    def logo_uri(self):
        return data_uri(self.logo)

    @property
    def cover_uri(self):
        return data_uri(self.cover_picture)

    def plan_in_force(self, school_year=None):
        """The approved plan of the school year (the running one by default), or None."""
        return self.plans.in_force(school_year).select_related("municipality").first()


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(municipality__in=Municipality.objects.visible_to(user))


class Unit(VersionedModel):
    class Kind(models.TextChoices):
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        SCHOOL = "school", _("School")
        SFO = "sfo", _("SFO")
        PPT = "ppt", _("PPT")
        OTHER = "other", _("Other")

    class Owner(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        PRIVATE = "private", _("Private")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="units", verbose_name=_("municipality")
    )
    slug = models.SlugField(_("slug"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    owner = models.CharField(_("owner"), max_length=20, choices=Owner.choices, default=Owner.MUNICIPAL)

    objects = UnitQuerySet.as_manager()

    history = PlanHistory()

    class Meta:
        ordering = ["municipality", "kind", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="unit_slug_unique_in_municipality"),
            models.CheckConstraint(
                condition=Q(kind__in=["kindergarten", "school", "sfo", "ppt", "other"]), name="unit_kind_valid"
            ),
            models.CheckConstraint(condition=Q(owner__in=["municipal", "private"]), name="unit_owner_valid"),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """What a user may do, and where.

    Advisors edit everything of their municipality; an approver approves its
    plans without editing them; a unit leader edits their own unit's part of
    the plan in force and reads the rest; an employee of a unit reads the
    plans and confirms having read them; readers read; and a regional
    coordinator reads every plan of the municipalities in the region.
    """

    class Role(models.TextChoices):
        ADVISOR = "advisor", _("Advisor")
        APPROVER = "approver", _("Approver")
        UNIT_LEADER = "unit_leader", _("Unit leader")
        EMPLOYEE = "employee", _("Employee")
        READER = "reader", _("Reader")
        COORDINATOR = "coordinator", _("Regional coordinator")

    # The roles that belong to one unit of a municipality; the others to the municipality (or region).
    UNIT_ROLES = (Role.UNIT_LEADER, Role.EMPLOYEE)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("unit")
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("region")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="coordinator", region__isnull=False, municipality__isnull=True, unit__isnull=True)
                    | Q(
                        role__in=["unit_leader", "employee"],
                        region__isnull=True,
                        municipality__isnull=False,
                        unit__isnull=False,
                    )
                    | Q(
                        role__in=["advisor", "approver", "reader"],
                        region__isnull=True,
                        municipality__isnull=False,
                        unit__isnull=True,
                    )
                ),
                name="membership_role_matches_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=Q(municipality__isnull=False),
                name="membership_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["user", "region"], condition=Q(region__isnull=False), name="membership_once_per_region"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit or self.municipality or self.region}"

    def clean(self):
        super().clean()
        if self.unit_id and self.municipality_id and self.unit.municipality_id != self.municipality_id:
            raise ValidationError({"unit": _("The unit must belong to the municipality.")})


# --- A unit's own part of a plan: milestone progress and read confirmations ---
