"""Forms for a unit's own part of a plan: its routine texts and milestone progress."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from routines.editing import VersionedModelForm
from routines.models import MilestoneProgress, UnitRoutineText

FORMATTING_HELP = _(
    "Formatting: **bold**, *italic*, a line starting with “- ” for a list, a blank line between paragraphs."
)


class UnitTextForm(VersionedModelForm):
    """The unit's own text for a unit-specific routine."""

    class Meta:
        model = UnitRoutineText
        fields = ["body", "status"]
        labels = {"body": _("Our unit's text"), "status": _("Status")}
        help_texts = {"body": FORMATTING_HELP}
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "status": forms.RadioSelect}


class SupplementForm(UnitTextForm):
    """The unit's local supplement to a common routine, shown under the common text."""

    class Meta(UnitTextForm.Meta):
        labels = {"body": _("Our local supplement"), "status": _("Status")}
        help_texts = {
            "body": format_lazy("{} {}", _("Shown under the common text, never instead of it."), FORMATTING_HELP),
        }


class MilestoneProgressForm(VersionedModelForm):
    class Meta:
        model = MilestoneProgress
        fields = ["status", "note"]
        labels = {"status": _("How far has the unit come?"), "note": _("Note")}
        widgets = {"status": forms.RadioSelect}
