"""Meeting arenas, target groups and the dated progress plan of a plan."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from routines.models import Milestone, Plan, PlanPart, Unit, VersionedModel

from .unit_queries import ArenaQuerySet, ProgressEntryQuerySet


class TargetGroup(PlanPart):
    """Who a progress-plan entry is for (Styrere, Skoleledere, SUT/BUG …)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="target_groups")
    name = models.CharField(_("name"), max_length=200)

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="target_group_name_unique_in_plan"),
        ]

    def __str__(self):
        return self.name


class Arena(PlanPart):
    class Category(models.TextChoices):
        GROUP = "group", _("Development group or body")
        MEETING = "meeting", _("Meeting arena")
        PRACTICE = "practice", _("Practice action")

    class Scope(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality-wide")
        EVERY_UNIT = "every_unit", _("One in every unit")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="arenas")
    category = models.CharField(_("kind"), max_length=20, choices=Category.choices, default=Category.MEETING)
    name = models.CharField(_("name"), max_length=300)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    led_by = models.CharField(_("led by"), max_length=300, blank=True)
    participants = models.TextField(_("who takes part"), blank=True)
    frequency = models.CharField(_("how often"), max_length=300, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.MUNICIPALITY)
    unit_kind = models.CharField(
        _("kind of unit"),
        max_length=20,
        choices=Unit.Kind.choices,
        blank=True,
        help_text=_("For arenas in every unit: which kind of unit has one. Empty means all."),
    )
    bti_levels = models.JSONField(_("BTI levels"), default=list, blank=True)

    objects = ArenaQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("meeting arena")
        verbose_name_plural = _("meeting arenas")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=["group", "meeting", "practice"]), name="arena_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(scope__in=["municipality", "every_unit"]), name="arena_scope_valid"
            ),
        ]

    def __str__(self):
        return self.name


class ProgressEntry(VersionedModel):
    """One line of the progress plan (fremdriftsplan): a date or a period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress_entries")
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("to date"), null=True, blank=True, help_text=_("Only for periods."))
    starts_at = models.TimeField(_("from time"), null=True, blank=True)
    ends_at = models.TimeField(_("to time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    content = models.TextField(_("content"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="entries", verbose_name=_("target groups")
    )
    milestones = models.ManyToManyField(
        Milestone, blank=True, related_name="progress_entries", verbose_name=_("milestones")
    )
    all_milestones = models.BooleanField(_("serves all milestones"), default=False)
    arena = models.ForeignKey(
        Arena,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("meeting arena"),
    )
    at_every_unit = models.BooleanField(
        _("at every unit"), default=False, help_text=_("Done at every kindergarten and school during the period.")
    )
    unit_owner = models.CharField(
        _("only for units that are"),
        max_length=20,
        choices=Unit.Owner.choices,
        blank=True,
        help_text=_("E.g. a meeting for the municipal kindergartens only. Empty means municipal and private units."),
    )

    objects = ProgressEntryQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["target_groups", "milestones"])

    class Meta:
        ordering = ["starts_on", "starts_at", "pk"]
        verbose_name = _("progress-plan entry")
        verbose_name_plural = _("progress-plan entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="entry_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=False),
                name="entry_end_time_needs_start_time",
            ),
            models.CheckConstraint(
                condition=Q(unit_owner__in=["", "municipal", "private"]), name="entry_unit_owner_valid"
            ),
        ]

    def __str__(self):
        return f"{self.starts_on:%d.%m.%Y} {self.content[:60]}"

    @property
    def is_period(self):
        return self.ends_on is not None and self.ends_on != self.starts_on
