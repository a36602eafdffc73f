"""Which kinds of unit (kindergarten, school, SFO, PPT …) something concerns.

Routines, target groups, arenas and progress-plan entries carry `unit_kinds`,
a list of `Unit.Kind` values; an empty list means "all kinds". Entries usually leave it
empty and take the kinds their arena and target groups name (see
`ProgressEntry.concerned_kinds`), so the advisor ticks «Styrere» once instead
of every meeting of the year.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from routines.models.municipalities import Unit

ALL_KINDS = frozenset(Unit.Kind.values)


def validate_unit_kinds(value):
    if not isinstance(value, list) or any(kind not in ALL_KINDS for kind in value):
        raise ValidationError(_("Choose kinds of unit from the list."), code="invalid_unit_kinds")


class UnitKindsField(forms.TypedMultipleChoiceField):
    """Tick boxes, one per kind of unit; none ticked means all kinds."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Concerns these kinds of unit"))
        kwargs.setdefault("help_text", _("Leave all unticked when it concerns every kind of unit."))
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(choices=Unit.Kind.choices, required=False, **kwargs)


class UnitKindsModelField(models.JSONField):
    """A JSON list of unit kinds that ModelForms (and the admin) edit as tick boxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_unit_kinds])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs.pop("form_class", None)
        kwargs.setdefault("label", capfirst(self.verbose_name))
        if self.help_text:
            kwargs.setdefault("help_text", self.help_text)
        return UnitKindsField(**kwargs)


def kinds_label(kinds):
    """«Kindergarten, School» for the kinds something applies to, in the kinds' own order."""
    return ", ".join(str(label) for value, label in Unit.Kind.choices if value in kinds)
