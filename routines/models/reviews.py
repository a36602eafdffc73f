"""Review dates: every routine, and the plan as a whole, is looked over again at an interval by its owner.

A municipality must keep its routines up to date and evaluate them. Each
reviewed thing has an owner (an actor of the plan, or a named person with an
account in the municipality), an interval in months, and the day it was last
reviewed (or written). The next review date follows from those two and is
stored, so due and overdue reviews are found with one query across plans.
"""

import calendar
import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_REVIEW_INTERVAL_MONTHS = 12
# A review "comes near" this many days before its date: the advisor's home page and the reminder.
REVIEW_SOON_DAYS = 30


def add_months(day, months):
    """The same day `months` later; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class ReviewState(models.TextChoices):
    OVERDUE = "overdue", _("Review overdue")
    SOON = "soon", _("Review due soon")
    LATER = "later", _("Reviewed")


class Reviewed(models.Model):
    """The review fields of a routine or a plan.

    A routine's owner may also be an actor of its plan (`review_owner_actor`
    on Routine); the plan as a whole is owned by a person, or else by the
    municipality's advisors: a plan pointing at its own actors would make the
    two tables refer to each other, which a backup cannot restore in order.
    """

    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (person)"),
        help_text=_("A named person of the municipality, who is reminded by e-mail when the review is due."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How often it is reviewed, from 1 to 60 months."),
    )
    reviewed_on = models.DateField(
        _("last reviewed"), default=timezone.localdate, help_text=_("The day it was last reviewed, or written.")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.CharField(
        _("note from the review"), max_length=500, blank=True, help_text=_("What was looked at, what was changed.")
    )
    next_review_on = models.DateField(_("next review"), editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.next_review_on = add_months(self.reviewed_on, self.review_interval_months)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "next_review_on"}
        super().save(*args, **kwargs)

    def review_state(self, today=None):
        today = today or timezone.localdate()
        if self.next_review_on < today:
            return ReviewState.OVERDUE
        if self.next_review_on <= today + datetime.timedelta(days=REVIEW_SOON_DAYS):
            return ReviewState.SOON
        return ReviewState.LATER

    @property
    def review_is_overdue(self):
        return self.review_state() == ReviewState.OVERDUE

    @property
    def review_state_label(self):
        return self.review_state().label

    @property
    def review_owner_label(self):
        """Who owns the review, as the plan names them: the person and/or the actor."""
        names = []
        if self.review_owner:
            names.append(self.review_owner.get_full_name() or self.review_owner.username)
        actor = getattr(self, "review_owner_actor", None)
        if actor:
            names.append(actor.name)
        return ", ".join(names)

    def mark_reviewed(self, user, note="", today=None):
        """Reviewed today by `user`: the next review moves an interval on. The history row records it."""
        self.reviewed_on = today or timezone.localdate()
        self.reviewed_by = user
        self.review_note = note
        self.save()
