"""What units report back: milestone progress and read confirmations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from routines.recording import PlanHistory

from .base import VersionedModel
from .municipalities import Unit
from .plans import Milestone, Plan


class MilestoneProgress(VersionedModel):
    """How far one unit has come towards one milestone of the plan, set by its leader."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        REACHED = "reached", _("Reached")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="milestone_progress", verbose_name=_("unit"))
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="unit_progress", verbose_name=_("milestone")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("A short note: what is done, what is next.")
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("changed by"),
    )

    history = PlanHistory()

    class Meta:
        ordering = ["milestone__number", "unit__name"]
        verbose_name = _("milestone progress")
        verbose_name_plural = _("milestone progress")
        constraints = [
            models.UniqueConstraint(fields=["unit", "milestone"], name="milestone_progress_once_per_unit"),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "under_way", "reached"]), name="milestone_progress_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.milestone}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        # One query; a unit must never report on another municipality's plan.
        if not Unit.objects.filter(pk=self.unit_id, municipality__plans__milestones=self.milestone_id).exists():
            raise ValidationError(_("The unit must belong to the plan's municipality."))
        super().save(*args, **kwargs)


class ReadConfirmation(models.Model):
    """A unit leader's or employee's word that they have read one approved version of a plan.

    `approved_at` is the approval confirmed. An approved plan is frozen, and
    a newer approved version is a new plan that revises it; its confirmations
    count for the newer one only when nothing in it had to be read again
    (Plan.read_baseline). Should a plan ever be approved anew, the old
    confirmation no longer matches its approval either. The leader's
    confirmation is the unit's; employees confirm for themselves.
    Confirmations are kept as a record of who read which version.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="read_confirmations", verbose_name=_("plan"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="read_confirmations", verbose_name=_("unit"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="read_confirmations",
        verbose_name=_("confirmed by"),
    )
    # Null for a plan approved before approvals were recorded (e.g. imported as approved).
    approved_at = models.DateTimeField(_("approval confirmed"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)
    by_employee = models.BooleanField(_("confirmed by an employee"), default=False)

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "user", "approved_at"], name="read_confirmation_once_per_approval"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.plan}"

    def save(self, *args, **kwargs):
        if not Unit.objects.filter(pk=self.unit_id, municipality__plans=self.plan_id).exists():
            raise ValidationError(_("The unit must belong to the plan's municipality."))
        super().save(*args, **kwargs)
