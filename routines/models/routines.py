"""Routines: common to all units, or written by each unit."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from routines.formatting import FormattedHtmlField
from routines.recording import PlanHistory
from routines.unit_kinds import UnitKindsModelField, kinds_label

from .base import BTI_LEVELS, PlanPart, VersionedModel
from .municipalities import Unit
from .plans import Actor, Milestone, Plan
from .reviews import Reviewed


class RoutineQuerySet(models.QuerySet):
    def with_details(self):
        """Routines with everything a list of them shows: actor, milestones, legal basis, units' texts."""
        return self.select_related("responsible", "review_owner", "review_owner_actor").prefetch_related(
            "milestones",
            "legal_references",
            models.Prefetch("unit_texts", queryset=UnitRoutineText.objects.select_related("unit")),
        )


class Routine(PlanPart, Reviewed):
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
    body_html = FormattedHtmlField(source="body")
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="routines", verbose_name=_("milestones"))
    bti_levels = models.JSONField(
        _("BTI levels"), default=list, blank=True, help_text=_("The BTI levels 0–3 the routine belongs to.")
    )
    unit_kinds = UnitKindsModelField(
        _("applies to these kinds of unit"),
        help_text=_("E.g. only kindergartens for the transition to school. None ticked: every unit."),
    )
    review_owner_actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (actor)"),
        help_text=_("The actor of the plan who keeps it up to date."),
    )
    allows_local_supplement = models.BooleanField(
        _("units may add a local supplement"),
        default=False,
        help_text=_("Only for common routines: each unit may write a supplement, shown under the common text."),
    )

    objects = RoutineQuerySet.as_manager()

    history = PlanHistory(m2m_fields=[milestones])

    class Meta(PlanPart.Meta):
        verbose_name = _("routine")
        verbose_name_plural = _("routines")
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["common", "unit"]), name="routine_scope_valid"),
            models.CheckConstraint(
                condition=Q(allows_local_supplement=False) | Q(scope="common"),
                name="routine_supplement_only_when_common",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not isinstance(self.bti_levels, list) or any(level not in BTI_LEVELS for level in self.bti_levels):
            raise ValidationError({"bti_levels": _("BTI levels are whole numbers from 0 to 3.")})
        if self.responsible_id and self.plan_id and self.responsible.plan_id != self.plan_id:
            raise ValidationError({"responsible": _("The responsible actor must belong to the same plan.")})
        if self.review_owner_actor_id and self.plan_id and self.review_owner_actor.plan_id != self.plan_id:
            raise ValidationError({"review_owner_actor": _("The owner must be an actor of the same plan.")})
        if self.allows_local_supplement and self.scope != self.Scope.COMMON:
            raise ValidationError(
                {
                    "allows_local_supplement": _(
                        "Only common routines take local supplements; units write their own "
                        "text for a unit-specific routine anyway."
                    )
                }
            )

    def concerns(self, unit):
        """Whether the routine applies to the unit: to every unit, or to the kinds it names."""
        return not self.unit_kinds or unit.kind in self.unit_kinds

    @property
    def applies_to_label(self):
        """«Kindergarten, SFO», or "" when the routine applies to every unit."""
        return kinds_label(self.unit_kinds)

    @property
    def takes_unit_texts(self):
        """Units write their own text for it, or a local supplement to the common text."""
        return self.scope == self.Scope.UNIT or self.allows_local_supplement


class LegalReference(PlanPart):
    """A provision a routine rests on, e.g. «Opplæringsloven kap. 12 (tidligere § 9A)»."""

    parent_field = "routine"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="legal_references")
    citation = models.CharField(_("provision"), max_length=300)
    url = models.URLField(_("link"), blank=True)

    history = PlanHistory()

    class Meta(PlanPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal basis")

    def __str__(self):
        return self.citation

    @property
    def link(self):
        """The URL, only when it is a web address: an imported file could hold javascript:."""
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""


class UnitRoutineText(VersionedModel):
    """A unit's own text for a unit-specific routine, or its local supplement to a common one.

    A supplement is shown under the common text and never replaces it; only
    common routines whose advisor allows it take one.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Draft")
        DONE = "done", _("Done")

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="unit_texts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="routine_texts")
    body = models.TextField(_("text"), blank=True)
    body_html = FormattedHtmlField(source="body")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = PlanHistory()

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
            if not self.routine.takes_unit_texts:
                raise ValidationError(
                    {
                        "routine": _(
                            "Only unit-specific routines, and common routines that allow a local supplement, "
                            "have units' own texts."
                        )
                    }
                )
