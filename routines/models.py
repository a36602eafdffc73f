"""The routine description of a municipality's support system.

A plan belongs to one municipality and one school year. Its parts (focus
areas, sections, actors with duties, milestones, routines) are ordered by
`position`. Content users write is never deleted behind their back: parents
protect it, or deletion is an explicit, confirmed action on the plan itself.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

BTI_LEVELS = (0, 1, 2, 3)


class VersionedModel(models.Model):
    """A row that knows how many times it has been saved.

    Forms carry the version they started from; a save from an older version
    is a conflict, so two people editing the same thing never silently
    overwrite each other.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)


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


class Municipality(VersionedModel):
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

    objects = MunicipalityQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


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

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "kind", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="unit_slug_unique_in_municipality"),
            models.CheckConstraint(
                condition=Q(kind__in=["kindergarten", "school", "sfo", "ppt", "other"]), name="unit_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(owner__in=["municipal", "private"]), name="unit_owner_valid"
            ),
        ]

    def __str__(self):
        return self.name


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(municipality__in=Municipality.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(municipality__in=Municipality.objects.editable_by(user))

    def shared_in_region_with(self, user):
        """Approved plans of the municipalities in the regions where the user is an advisor (read-only)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        advisor_regions = Membership.objects.filter(
            user=user, role=Membership.Role.ADVISOR, municipality__region__isnull=False
        ).values("municipality__region")
        return self.filter(status=Plan.Status.APPROVED, municipality__region__in=advisor_regions)

    def for_plan_list(self):
        return self.select_related("municipality").order_by("municipality__name", "-school_year", "title")


class Plan(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        ARCHIVED = "archived", _("Archived")

    class Language(models.TextChoices):
        BOKMAL = "nb", _("Norwegian Bokmål")
        NYNORSK = "nn", _("Norwegian Nynorsk")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="plans", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        help_text=_("The year the school year starts in: 2023 means 2023/2024."),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(
        _("document language"), max_length=2, choices=Language.choices, default=Language.BOKMAL
    )
    intro = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    # Approval and publication (routines/services.py): an approved plan is
    # frozen; changing it means a new draft that revises it.
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="revisions",
        verbose_name=_("revision of"),
    )
    published = models.BooleanField(_("published"), default=False, editable=False)
    public_slug = models.SlugField(
        _("public address"), max_length=100, unique=True, null=True, blank=True, editable=False
    )

    objects = PlanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "-school_year", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(school_year__gte=2000) & Q(school_year__lte=2100), name="plan_school_year_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "approved", "archived"]), name="plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["nb", "nn"]), name="plan_language_valid"
            ),
            # Only an approved plan is ever shown at its public address.
            models.CheckConstraint(
                condition=Q(published=False) | Q(status="approved"), name="plan_published_only_when_approved"
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.school_year_label}"

    @property
    def school_year_label(self):
        return f"{self.school_year}/{self.school_year + 1}"


class PlanPart(VersionedModel):
    """An ordered part of a plan (or of an actor or routine, see parent_field)."""

    parent_field = "plan"

    # None until saved: save() then places a new part last among its siblings.
    position = models.PositiveIntegerField(_("position"), default=None, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def siblings(self):
        parent_id = getattr(self, f"{self.parent_field}_id")
        return type(self).objects.filter(**{f"{self.parent_field}_id": parent_id})

    def save(self, *args, **kwargs):
        if self.position is None:
            last = self.siblings().aggregate(last=models.Max("position"))["last"]
            self.position = 0 if last is None else last + 1
        super().save(*args, **kwargs)

    def move(self, step):
        """Move up (step -1) or down (+1) among its siblings; positions become 0..n-1."""
        with transaction.atomic():
            ordered = list(self.siblings().select_for_update().order_by("position", "pk"))
            index = next(i for i, sibling in enumerate(ordered) if sibling.pk == self.pk)
            target = index + step
            if not 0 <= target < len(ordered):
                return False
            ordered[index], ordered[target] = ordered[target], ordered[index]
            for position, sibling in enumerate(ordered):
                sibling.position = position
            type(self).objects.bulk_update(ordered, ["position"])
            self.position = target
        return True


class FocusArea(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="focus_areas")
    name = models.CharField(_("name"), max_length=200)
    goals = models.TextField(_("goals"), blank=True, help_text=_("One goal per line."))

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name

    @property
    def goal_list(self):
        return [line.strip() for line in self.goals.splitlines() if line.strip()]


class Section(PlanPart):
    """Free text of the plan: knowledge base, or the answer to a guiding question."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=300)
    guiding_question = models.TextField(_("guiding question"), blank=True)
    body = models.TextField(_("text"), blank=True)

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class ActorQuerySet(models.QuerySet):
    def with_duties(self):
        return self.prefetch_related("duties")


class Actor(PlanPart):
    """One member of the team around the child (Laget rundt barnet)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=300, blank=True)

    objects = ActorQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self):
        return self.name


class Duty(PlanPart):
    parent_field = "actor"

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField(_("duty"))

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self):
        return self.text[:80]


class Milestone(VersionedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text = models.TextField(_("milestone"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="milestone_number_unique_in_plan"),
            models.CheckConstraint(condition=Q(number__gte=1), name="milestone_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class RoutineQuerySet(models.QuerySet):
    def with_details(self):
        """Routines with everything a list of them shows: actor, milestones, legal basis, units' texts."""
        return self.select_related("responsible").prefetch_related(
            "milestones",
            "legal_references",
            models.Prefetch("unit_texts", queryset=UnitRoutineText.objects.select_related("unit")),
        )


class Routine(PlanPart):
    class Scope(models.TextChoices):
        COMMON = "common", _("Common to all units")
        UNIT = "unit", _("Each unit's own")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="routines")
    title = models.CharField(_("title"), max_length=300)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.COMMON)
    responsible = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routines",
        verbose_name=_("responsible"),
    )
    frequency = models.CharField(_("when / how often"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="routines", verbose_name=_("milestones"))
    bti_levels = models.JSONField(
        _("BTI levels"), default=list, blank=True, help_text=_("The BTI levels 0–3 the routine belongs to.")
    )

    objects = RoutineQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[milestones])

    class Meta(PlanPart.Meta):
        verbose_name = _("routine")
        verbose_name_plural = _("routines")
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["common", "unit"]), name="routine_scope_valid"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not isinstance(self.bti_levels, list) or any(level not in BTI_LEVELS for level in self.bti_levels):
            raise ValidationError({"bti_levels": _("BTI levels are whole numbers from 0 to 3.")})
        if self.responsible_id and self.plan_id and self.responsible.plan_id != self.plan_id:
            raise ValidationError({"responsible": _("The responsible actor must belong to the same plan.")})


class LegalReference(PlanPart):
    """A provision a routine rests on, e.g. «Opplæringsloven kap. 12 (tidligere § 9A)»."""

    parent_field = "routine"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="legal_references")
    citation = models.CharField(_("provision"), max_length=300)
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal basis")

    def __str__(self):
        return self.citation


class UnitRoutineText(VersionedModel):
    """A unit's own text for a unit-specific routine."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Draft")
        DONE = "done", _("Done")

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="unit_texts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="routine_texts")
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["routine", "unit__name"]
        verbose_name = _("unit's routine text")
        verbose_name_plural = _("units' routine texts")
        constraints = [
            models.UniqueConstraint(fields=["routine", "unit"], name="unit_text_once_per_routine"),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "draft", "done"]), name="unit_text_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.routine} – {self.unit}"

    def save(self, *args, **kwargs):
        # PostgreSQL's trigger enforces this too; SQLite has only this check.
        if not Unit.objects.filter(pk=self.unit_id, municipality__plans__routines=self.routine_id).exists():
            raise ValidationError(_("The unit must belong to the plan's municipality."))
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.routine_id and self.unit_id:
            if self.routine.plan.municipality_id != self.unit.municipality_id:
                raise ValidationError({"unit": _("The unit must belong to the plan's municipality.")})
            if self.routine.scope != Routine.Scope.UNIT:
                raise ValidationError({"routine": _("Only unit-specific routines have units' own texts.")})


class Membership(models.Model):
    """What a user may do, and where.

    Advisors edit everything of their municipality, a unit leader edits their
    own unit's texts and reads the rest, readers read, and a regional
    coordinator reads every plan of the municipalities in the region.
    """

    class Role(models.TextChoices):
        ADVISOR = "advisor", _("Advisor")
        UNIT_LEADER = "unit_leader", _("Unit leader")
        READER = "reader", _("Reader")
        COORDINATOR = "coordinator", _("Regional coordinator")

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
                    | Q(role="unit_leader", region__isnull=True, municipality__isnull=False, unit__isnull=False)
                    | Q(role__in=["advisor", "reader"], region__isnull=True, municipality__isnull=False, unit__isnull=True)
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
