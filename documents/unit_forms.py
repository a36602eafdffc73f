"""The forms of a unit's page: its progress towards a milestone, and an advisor's comment to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from routines.editing import FreeTextForm, VersionedModelForm
from routines.models import AdvisorComment, MilestoneProgress


class MilestoneProgressForm(VersionedModelForm):
    class Meta:
        model = MilestoneProgress
        fields = ["status", "note"]
        labels = {"status": _("How far has the unit come?"), "note": _("Note")}
        widgets = {"status": forms.RadioSelect}


class AdvisorCommentForm(FreeTextForm):
    class Meta:
        model = AdvisorComment
        fields = ["body"]
        labels = {"body": _("Comment to the unit")}
        help_texts = {"body": _("The unit's leader and employees see it on this page.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
