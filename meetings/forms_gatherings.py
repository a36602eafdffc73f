"""Forms of regional gatherings. All conflict-protected (VersionedModelForm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from routines.editing import VersionedModelForm
from routines.models import Municipality

from .models import AgendaItem, Gathering, GroupWork, GroupWorkStep, PreworkNote, WorkGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def check_times(form, start_field="starts_at", end_field="ends_at"):
    """Clock times must run forwards, and an end needs a start (the database says so too)."""
    data = form.cleaned_data
    start, end = data.get(start_field), data.get(end_field)
    if end and not start:
        form.add_error(start_field, _("Give a start time when there is an end time."))
    elif start and end and end < start:
        form.add_error(end_field, _("The end time must not be before the start time."))


class GatheringForm(VersionedModelForm):
    class Meta:
        model = Gathering
        fields = [
            "title",
            "date",
            "starts_at",
            "ends_at",
            "place",
            "audience",
            "theme",
            "description",
            "organisation",
            "prework",
            "prework_deadline",
            "prework_send_to",
            "organiser",
            "note",
        ]
        widgets = {
            "date": DATE,
            "prework_deadline": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "audience": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        check_times(self)
        return data


class GatheringPartForm(VersionedModelForm):
    """A form of something inside a gathering; `gathering` limits its choices."""

    def __init__(self, *args, gathering, **kwargs):
        super().__init__(*args, **kwargs)
        self.gathering = gathering


class AgendaItemForm(GatheringPartForm):
    class Meta:
        model = AgendaItem
        fields = ["starts_at", "ends_at", "title", "presenter", "description"]
        widgets = {"starts_at": TIME, "ends_at": TIME}

    def clean(self):
        data = super().clean()
        check_times(self)
        return data


class GroupWorkForm(GatheringPartForm):
    class Meta:
        model = GroupWork
        fields = ["title", "agenda_item", "instructions", "purpose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = self.gathering.agenda_items.all()


class GroupWorkStepForm(GatheringPartForm):
    class Meta:
        model = GroupWorkStep
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class WorkGroupForm(GatheringPartForm):
    class Meta:
        model = WorkGroup
        fields = ["name", "municipalities", "chair", "time_keeper"]
        widgets = {"municipalities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Groups mix the region's municipalities, never others.
        self.fields["municipalities"].queryset = Municipality.objects.filter(region_id=self.gathering.region_id)


class PreworkNoteForm(VersionedModelForm):
    class Meta:
        model = PreworkNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
