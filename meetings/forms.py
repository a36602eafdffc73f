"""Forms for a plan's meeting arenas, target groups and progress-plan entries.

Each form is built on an instance that already knows its plan, so the choices
it offers (target groups, milestones, arenas) are that plan's own.
"""

import datetime

from django import forms
from django.db.models import Max
from django.urls import reverse
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from routines.editing import VersionedModelForm, unique_in_plan
from routines.models import BTI_LEVELS, Unit
from routines.school_year import month_span, school_year_months, school_year_span, term_span

from .models import Arena, ProgressEntry, TargetGroup
from .rhythm import ORDINALS
from .when import TERM_LABELS

MARKDOWN_HELP = _("Simple formatting: **bold**, *italic*, and a line starting with «- » is a bullet point.")


class ArenaForm(VersionedModelForm):
    bti_levels = forms.TypedMultipleChoiceField(
        label=_("BTI levels"),
        choices=[(level, format_lazy(_("Level {level}"), level=level)) for level in BTI_LEVELS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The levels of the BTI action guide the arena works on."),
    )

    class Meta:
        model = Arena
        fields = [
            "name",
            "abbreviation",
            "category",
            "purpose",
            "audience",
            "led_by",
            "responsible",
            "minute_taker",
            "fixed_participants",
            "invited_participants",
            "participants",
            "rhythm",
            "rhythm_starts_on",
            "rhythm_weekday",
            "rhythm_week",
            "rhythm_times",
            "rhythm_starts_at",
            "frequency",
            "scope",
            "unit_kinds",
            "bti_levels",
            "escalates_to",
            "escalation_criterion",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "fixed_participants": forms.Textarea(attrs={"rows": 3}),
            "invited_participants": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "escalation_criterion": forms.Textarea(attrs={"rows": 2}),
            "rhythm_starts_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "rhythm_starts_at": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        }
        help_texts = {
            "purpose": MARKDOWN_HELP,
            "participants": _("Anything about who takes part that the two lists do not say."),
            "frequency": _(
                "A note in words beside the rhythm, or instead of it («Gruppene møtes hver for seg og samlet»)."
            ),
            "rhythm_weekday": _("For a monthly rhythm."),
            "rhythm_times": _("For «a number of times a term»."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        self.fields["rhythm_weekday"].choices = [
            ("", "---------"),
            *((day, capfirst(name)) for day, name in WEEKDAYS.items()),
        ]
        self.fields["rhythm_week"] = forms.TypedChoiceField(
            label=_("Week of the month"),
            choices=[("", "---------"), *ORDINALS.items()],
            coerce=int,
            empty_value=None,
            required=False,
            help_text=_("For a monthly rhythm: the first … fourth, or the last week."),
        )
        # The plan's own names for its levels, when it has them.
        self.fields["bti_levels"].choices = plan.levels
        if plan.level_names.strip():
            self.fields["bti_levels"].label = _("Levels")
            self.fields["bti_levels"].help_text = _("The levels of the support system the arena works on.")
        self.fields["escalates_to"].queryset = plan.arenas.exclude(pk=self.instance.pk)
        self.fields["escalates_to"].empty_label = _("None: cases are not lifted from here")
        # One question about kinds of unit, not two: an arena "in every unit" of one
        # kind (SKUT: every school) keeps that kind in unit_kind, set from the ticks.
        if not self.instance.unit_kinds and self.instance.unit_kind:
            self.initial["unit_kinds"] = [self.instance.unit_kind]

    def clean_name(self):
        return unique_in_plan(
            self, "name", _("The plan already has an arena called «%(name)s»; progress-plan entries name their arena.")
        )

    def clean(self):
        cleaned_data = super().clean()
        kinds = cleaned_data.get("unit_kinds") or []
        in_every_unit = cleaned_data.get("scope") == Arena.Scope.EVERY_UNIT
        self.instance.unit_kind = kinds[0] if in_every_unit and len(kinds) == 1 else ""
        return cleaned_data

    def clean_bti_levels(self):
        return sorted(set(self.cleaned_data["bti_levels"]))

    def save(self, commit=True):
        # Arenas are ordered within their kind: one that changes kind goes last in its new list.
        if self.instance.pk and "category" in self.changed_data:
            last = self.instance.siblings().exclude(pk=self.instance.pk).aggregate(last=Max("position"))["last"]
            self.instance.position = 0 if last is None else last + 1
        return super().save(commit)


class TargetGroupForm(VersionedModelForm):
    class Meta:
        model = TargetGroup
        fields = ["name", "unit_kinds"]

    def clean_name(self):
        return unique_in_plan(self, "name", _("The plan already has a target group with this name."))


class ProgressEntryForm(VersionedModelForm):
    """An entry's kind, its time as written (days, whole months or a term) and its content.

    Whole months and terms are chosen as months and terms, not typed as days;
    the form stores them as their first and last day.
    """

    first_month = forms.ChoiceField(label=_("From month"), required=False)
    last_month = forms.ChoiceField(
        label=_("To month"), required=False, help_text=_("Leave as it is for a single month.")
    )
    term = forms.ChoiceField(
        label=_("Term"),
        required=False,
        choices=[("", "---------"), *((term, label) for term, label in TERM_LABELS.items())],
    )

    field_order = ["kind", "precision", "starts_on", "ends_on", "starts_at", "ends_at", "first_month", "last_month"]

    class Meta:
        model = ProgressEntry
        fields = [
            "kind",
            "precision",
            "starts_on",
            "ends_on",
            "starts_at",
            "ends_at",
            "place",
            "comment",
            "content",
            "target_groups",
            "arena",
            "milestones",
            "all_milestones",
            "at_every_unit",
            "unit_kinds",
            "unit_owner",
        ]
        widgets = {
            "starts_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "ends_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "starts_at": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "ends_at": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "content": forms.Textarea(attrs={"rows": 5}),
            "target_groups": forms.CheckboxSelectMultiple,
            "milestones": forms.CheckboxSelectMultiple,
            "unit_owner": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "precision": forms.RadioSelect,
        }
        help_texts = {
            "starts_on": _("For an entry on a day or days."),
            "ends_on": _("Only for several days in a row, such as a two-day gathering."),
            "precision": _("Write «during September – November» as whole months, «in the autumn» as a term."),
            "content": MARKDOWN_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        months = [
            (first.strftime("%Y-%m"), capfirst(formats.date_format(first, "F Y")))
            for first in school_year_months(plan.school_year)
        ]
        self.fields["first_month"].choices = [("", "---------"), *months]
        self.fields["last_month"].choices = [("", "---------"), *months]
        self.fields["starts_on"].required = False
        # Left out, they are what they were (a new entry: a meeting on a day).
        self.fields["kind"].required = self.fields["precision"].required = False
        entry = self.instance
        if entry.pk and entry.precision == ProgressEntry.Precision.MONTHS:
            self.initial.setdefault("first_month", entry.starts_on.strftime("%Y-%m"))
            self.initial.setdefault("last_month", entry.ends_on.strftime("%Y-%m"))
        elif entry.pk and entry.precision == ProgressEntry.Precision.TERM:
            self.initial.setdefault("term", entry.term or "")
        if entry.pk and entry.is_month_wide:
            # Its days are the form's to set, from the months or the term.
            self.initial["starts_on"] = self.initial["ends_on"] = None
        self.fields["target_groups"].queryset = plan.target_groups.all()
        self.fields["milestones"].queryset = plan.milestones.all()
        self.fields["milestones"].label_from_instance = lambda milestone: milestone.full_label
        self.fields["arena"].queryset = plan.arenas.all()
        # Named, not a row of dashes: most entries are for municipal and private units alike.
        self.fields["unit_owner"].choices = [("", _("Municipal and private units")), *Unit.Owner.choices]

    def clean(self):
        cleaned_data = super().clean()
        self._set_days_of_the_precision(cleaned_data)
        if cleaned_data.get("all_milestones") and cleaned_data.get("milestones"):
            self.add_error("milestones", _("Choose single milestones or «serves all milestones», not both."))
        starts_on, ends_on = cleaned_data.get("starts_on"), cleaned_data.get("ends_on")
        self._within_the_school_year("starts_on", starts_on)
        self._within_the_school_year("ends_on", ends_on)
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        if starts_on and cleaned_data.get("content") and not self.errors:
            self._refuse_a_duplicate(starts_on, cleaned_data["content"])
        return cleaned_data

    def save(self, commit=True):
        # Saved by a person, a copied entry has been looked at: it no longer needs checking.
        self.instance.to_review = False
        return super().save(commit)

    def clean_kind(self):
        return self.cleaned_data["kind"] or self.instance.kind

    def clean_precision(self):
        return self.cleaned_data["precision"] or self.instance.precision

    def _set_days_of_the_precision(self, cleaned_data):
        """Whole months and terms become their first and last day; days need a date."""
        precision = cleaned_data.get("precision")
        if precision == ProgressEntry.Precision.MONTHS:
            first, last = (
                cleaned_data.get("first_month"),
                cleaned_data.get("last_month") or cleaned_data.get("first_month"),
            )
            if not first:
                self.add_error("first_month", _("Choose the first month."))
                return
            if last < first:
                self.add_error("last_month", _("The last month cannot come before the first."))
                return
            span = month_span(_first_day(first), _first_day(last))
        elif precision == ProgressEntry.Precision.TERM:
            term = cleaned_data.get("term")
            if not term:
                self.add_error("term", _("Choose the term."))
                return
            span = term_span(self.instance.plan.school_year, term)
        else:
            if not cleaned_data.get("starts_on") and "starts_on" not in self.errors:
                self.add_error("starts_on", _("This field is required."))
            return
        cleaned_data["starts_on"], cleaned_data["ends_on"] = span
        cleaned_data["starts_at"] = cleaned_data["ends_at"] = None
        self.instance.starts_on, self.instance.ends_on = span

    def _within_the_school_year(self, field, day):
        """An entry dated 2031 in the 2024/25 plan is a typing error, not a new month of the plan."""
        first, last = school_year_span(self.instance.plan.school_year)
        if day and not first <= day <= last:
            self.add_error(
                field,
                _("The date must lie within the plan's school year, %(first)s to %(last)s.")
                % {
                    "first": formats.date_format(first, "DATE_FORMAT"),
                    "last": formats.date_format(last, "DATE_FORMAT"),
                },
            )

    def _refuse_a_duplicate(self, starts_on, content):
        """The same day and the same text twice is a double submit or a copy, never two entries."""
        same = (
            ProgressEntry.objects.filter(plan=self.instance.plan_id, starts_on=starts_on, content=content.strip())
            .exclude(pk=self.instance.pk)
            .first()
        )
        if same:
            link = reverse("meetings:entry_edit", args=[same.pk])
            self.add_error(
                None,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("The progress plan already has this entry on this day."),
                    link,
                    _("Open the existing entry"),
                ),
            )


def _first_day(month):
    """The first day of a "YYYY-MM" choice of the month fields."""
    return datetime.date(int(month[:4]), int(month[5:7]), 1)
