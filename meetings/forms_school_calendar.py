"""The school calendar's form: its first and last school day, and its days off as rows below."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from routines.editing import FreeTextForm, VersionedModelForm
from routines.school_year import school_year_span

from .school_calendar import SchoolBreak, SchoolCalendar

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SchoolCalendarForm(VersionedModelForm):
    class Meta:
        model = SchoolCalendar
        fields = ["first_day", "last_day", "note"]
        widgets = {"first_day": DATE, "last_day": DATE}


class SchoolBreakForm(FreeTextForm):
    class Meta:
        model = SchoolBreak
        fields = ["kind", "name", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean(self):
        cleaned_data = super().clean()
        starts_on, ends_on = cleaned_data.get("starts_on"), cleaned_data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day off cannot come before the first."))
        return cleaned_data


class SchoolBreaks(BaseInlineFormSet):
    """Every day off lies in the calendar's school year; two rows of the same days are one too many."""

    def clean(self):
        super().clean()
        first, last = school_year_span(self.instance.school_year)
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            for field in ("starts_on", "ends_on"):
                day = form.cleaned_data.get(field)
                if day and not first <= day <= last:
                    form.add_error(
                        field,
                        _("The day must lie in the school year %(year)s (1 August to 31 July).")
                        % {"year": self.instance.school_year_label},
                    )
            key = (form.cleaned_data.get("starts_on"), form.cleaned_data.get("ends_on"))
            if key in seen:
                form.add_error("starts_on", _("These days are given twice."))
            seen.add(key)


SchoolBreakFormSet = inlineformset_factory(
    SchoolCalendar,
    SchoolBreak,
    form=SchoolBreakForm,
    formset=SchoolBreaks,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
)
