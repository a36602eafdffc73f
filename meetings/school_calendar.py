"""The municipality's school calendar (skolerute): its school days, holidays and planning days.

A municipality decides one school calendar per school year: the first and the
last school day, and the days in between without school (the autumn break,
Christmas, the winter break, Easter, planning days, public holidays and the
days between them). It is entered once per municipality and used by every
plan of that year: arenas' recurring meetings skip its days off, an entry
placed on one gets a warning, and "the whole school year" means its school
days. `meetings.models` imports these models, so Django registers them with
the app.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from routines.models import Municipality, VersionedModel
from routines.recording import PlanHistory
from routines.school_year import is_weekend, school_year_span


class SchoolCalendarQuerySet(models.QuerySet):
    def of_year(self, municipality_id, school_year):
        """The municipality's calendar of the school year with its days off, or None (two queries)."""
        return self.filter(municipality_id=municipality_id, school_year=school_year).prefetch_related("breaks").first()


class SchoolCalendar(VersionedModel):
    """One school year's calendar of one municipality; its days off are its `breaks`."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="school_calendars", verbose_name=_("municipality")
    )
    school_year = models.PositiveSmallIntegerField(_("school year"), help_text=_("The year it begins, e.g. 2023."))
    first_day = models.DateField(_("first school day"))
    last_day = models.DateField(_("last school day"))
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("E.g. who decided it and when, or where it is published.")
    )

    objects = SchoolCalendarQuerySet.as_manager()
    history = PlanHistory()

    class Meta:
        ordering = ["municipality", "-school_year"]
        verbose_name = _("school calendar")
        verbose_name_plural = _("school calendars")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "school_year"], name="school_calendar_once_a_year"),
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")), name="school_calendar_in_order"),
        ]

    def __str__(self):
        return f"{self.municipality} {self.school_year_label}"

    @property
    def school_year_label(self):
        return f"{self.school_year}/{self.school_year + 1}"

    def clean(self):
        super().clean()
        errors = {}
        if self.school_year is not None:
            first, last = school_year_span(self.school_year)
            for field in ("first_day", "last_day"):
                day = getattr(self, field)
                if day and not first <= day <= last:
                    errors[field] = _("The day must lie in the school year %(year)s (1 August to 31 July).") % {
                        "year": self.school_year_label
                    }
        if self.first_day and self.last_day and self.last_day < self.first_day:
            errors["last_day"] = _("The last school day cannot come before the first.")
        if errors:
            raise ValidationError(errors)

    # What the rest of the app asks. The breaks are prefetched (`of_year`), so these cost no query.

    def days_off(self):
        """{day: the break it belongs to} for every weekday without school in the calendar's days off
        (weekends have no school anyway). Worked out once per loaded calendar."""
        if getattr(self, "_days_off", None) is None:
            self._days_off = {}
            for school_break in self.breaks.all():
                for day in school_break.days():
                    if not is_weekend(day):
                        self._days_off.setdefault(day, school_break)
        return self._days_off

    def is_school_day(self, day):
        return self.first_day <= day <= self.last_day and not is_weekend(day) and day not in self.days_off()

    def school_days(self):
        """Every school day, in order: "the whole school year" in days."""
        off = self.days_off()
        days, day = [], self.first_day
        while day <= self.last_day:
            if not is_weekend(day) and day not in off:
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    def no_school_on(self, day):
        """Why there is no school that weekday, in words («Vinterferie», «Før første skoledag»), or ''."""
        if is_weekend(day):
            return ""
        school_break = self.days_off().get(day)
        if school_break is not None:
            return school_break.label
        if day < self.first_day:
            return str(_("Before the first school day"))
        if day > self.last_day:
            return str(_("After the last school day"))
        return ""

    def no_school_during(self, entry):
        """Why there is no school on a day of an entry given in days («Vinterferie»), or ''.

        Months and terms are left alone: "during March" is not on any one day.
        """
        if entry.precision != "day":
            return ""
        day, last = entry.starts_on, entry.ends_on or entry.starts_on
        while day <= last:
            reason = self.no_school_on(day)
            if reason:
                return reason
            day += datetime.timedelta(days=1)
        return ""

    def breaks_in_month(self, month_first):
        """The days off that touch the month (for the month view and the year wheel)."""
        following = (month_first + datetime.timedelta(days=32)).replace(day=1)
        return [b for b in self.breaks.all() if b.starts_on < following and b.last_day >= month_first]


def calendar_of(plan):
    """The school calendar of the plan's municipality and school year, its days off loaded; None if not entered."""
    return SchoolCalendar.objects.of_year(plan.municipality_id, plan.school_year)


class SchoolBreak(VersionedModel):
    """Days without school in a school calendar: a holiday, a planning day or a day off."""

    class Kind(models.TextChoices):
        AUTUMN = "autumn", _("Autumn break")
        CHRISTMAS = "christmas", _("Christmas holiday")
        WINTER = "winter", _("Winter break")
        EASTER = "easter", _("Easter holiday")
        PLANNING = "planning", _("Planning day")
        PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
        OTHER = "other", _("Other day off")

    calendar = models.ForeignKey(SchoolCalendar, on_delete=models.CASCADE, related_name="breaks")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("Only when the kind does not say it, e.g. «17. mai».")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty for a single day."))

    history = PlanHistory()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("day off school")
        verbose_name_plural = _("days off school")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="school_break_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=["autumn", "christmas", "winter", "easter", "planning", "public_holiday", "other"]
                ),
                name="school_break_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.starts_on:%d.%m.%Y}"

    @property
    def label(self):
        return self.name or str(self.get_kind_display())

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    def days(self):
        day = self.starts_on
        while day <= self.last_day:
            yield day
            day += datetime.timedelta(days=1)
