"""Forms for a plan's meeting arenas, target groups and progress-plan entries.

Each form is built on an instance that already knows its plan, so the choices
it offers (target groups, milestones, arenas) are that plan's own.
"""

from django import forms
from django.db.models import Max
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from routines.editing import VersionedModelForm
from routines.models import BTI_LEVELS, Unit
from routines.school_year import school_year_span

from .models import Arena, ProgressEntry, TargetGroup

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
            "led_by",
            "participants",
            "frequency",
            "scope",
            "unit_kind",
            "unit_kinds",
            "bti_levels",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4}), "participants": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"purpose": MARKDOWN_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kind"].choices = [("", _("All kinds of units")), *Unit.Kind.choices]

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
        # The plan is not a form field, so the form cannot check the database's
        # unique constraint itself; without this a duplicate would be a 500.
        name = self.cleaned_data["name"]
        others = TargetGroup.objects.filter(plan=self.instance.plan_id, name=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("The plan already has a target group with this name."))
        return name


class ProgressEntryForm(VersionedModelForm):
    class Meta:
        model = ProgressEntry
        fields = [
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
        }
        help_texts = {
            "ends_on": _("Only for periods, such as «during September – November»."),
            "content": MARKDOWN_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        self.fields["target_groups"].queryset = plan.target_groups.all()
        self.fields["milestones"].queryset = plan.milestones.all()
        self.fields["arena"].queryset = plan.arenas.all()
        # Named, not a row of dashes: most entries are for municipal and private units alike.
        self.fields["unit_owner"].choices = [("", _("Municipal and private units")), *Unit.Owner.choices]

    def clean(self):
        cleaned_data = super().clean()
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
