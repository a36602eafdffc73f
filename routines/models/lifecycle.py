"""What the life of an approved plan leaves behind: what changed in a version, and advisors' comments to units."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..history import word_diff
from .municipalities import Unit
from .plans import Plan
from .routines import Routine


class PlanChange(models.Model):
    """One part added, removed or changed by a revision, stored when the revision is approved.

    The texts before and after are kept, not the markup of their difference:
    the word-level diff is drawn from them when shown. The advisor decides,
    when approving, which changes every unit and employee must read again.
    """

    class Kind(models.TextChoices):
        ADDED = "added", _("Added")
        REMOVED = "removed", _("Removed")
        CHANGED = "changed", _("Changed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes", verbose_name=_("plan"))
    position = models.PositiveIntegerField(_("position"), default=0)
    part = models.CharField(_("part"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    old_text = models.TextField(_("before"), blank=True)
    new_text = models.TextField(_("after"), blank=True)
    requires_rereading = models.BooleanField(_("must be read again"), default=False)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("change in a version")
        verbose_name_plural = _("changes in a version")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["added", "removed", "changed"]), name="plan_change_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def kind_label(self):
        return self.get_kind_display()

    @property
    def diff(self):
        """The word-level difference, as the history pages show it (escaped HTML)."""
        return word_diff(self.old_text, self.new_text)


class AdvisorComment(models.Model):
    """An advisor's word to a unit on its own part of a plan: the unit sees it on its page."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="advisor_comments", verbose_name=_("plan"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="advisor_comments", verbose_name=_("unit"))
    routine = models.ForeignKey(
        Routine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="advisor_comments",
        verbose_name=_("routine"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("written by")
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("advisor's comment")
        verbose_name_plural = _("advisors' comments")

    def __str__(self):
        return f"{self.unit} – {self.plan}"

    def save(self, *args, **kwargs):
        if not Unit.objects.filter(pk=self.unit_id, municipality__plans=self.plan_id).exists():
            raise ValidationError(_("The unit must belong to the plan's municipality."))
        if self.routine_id and not Routine.objects.filter(pk=self.routine_id, plan=self.plan_id).exists():
            raise ValidationError(_("The routine must belong to the plan."))
        super().save(*args, **kwargs)
