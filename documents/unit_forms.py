"""The form for a unit's progress towards a milestone, on the unit's page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from routines.editing import VersionedModelForm
from routines.models import MilestoneProgress


class MilestoneProgressForm(VersionedModelForm):
    class Meta:
        model = MilestoneProgress
        fields = ["status", "note"]
        labels = {"status": _("How far has the unit come?"), "note": _("Note")}
        widgets = {"status": forms.RadioSelect}
