"""How a plan's history is recorded: one row per save, and a name for changes no person made.

django-simple-history writes a row on every save and another on every
many-to-many change, so saving a progress entry with target groups and
milestones through its form wrote three rows. Here the links changed after a
save are folded into that save's row, so the history reads one change per save.

Commands (the demo loader, the plan file import) change plans without a
logged-in person; `recorded_as` names what made those changes, shown instead
of "unknown person".
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from routines.formatting import FormattedHtmlField

# The change reason that marks a row as written by a command; shown by its label.
SOURCES = {
    "source:demo": _("Demo data"),
    "source:import": _("Import"),
}

_source = ContextVar("history_source", default=None)


@contextmanager
def recorded_as(source):
    """Record every change made inside as made by `source` (a key of SOURCES) unless a person is known."""
    if source not in SOURCES:
        raise ValueError(source)
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def source_label(change_reason):
    """The label of the command that wrote a row, or None for a row written by a person."""
    return SOURCES.get(change_reason)


class PlanHistory(HistoricalRecords):
    """HistoricalRecords with many-to-many changes folded into the row of the save before them.

    The stored HTML of formatted texts is left out: it follows from the
    source, which the history keeps, and a restore renders it again.
    """

    def fields_included(self, model):
        return [field for field in super().fields_included(model) if not isinstance(field, FormattedHtmlField)]

    def create_historical_record_m2ms(self, history_instance, instance):
        super().create_historical_record_m2ms(history_instance, instance)
        # The links the form sets right after this save belong to this row.
        instance._history_row_of_save = history_instance

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        row = getattr(instance, "_history_row_of_save", None)
        folds = not reverse and row is not None and action in ("post_add", "post_remove", "post_clear")
        if not folds or hasattr(instance, "skip_history_when_saving"):
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        for field in row._history_m2m_fields:
            self.m2m_models[field].objects.filter(history=row).delete()
        super().create_historical_record_m2ms(row, instance)

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        if reason or self.get_history_user(instance) is not None:
            return reason
        return _source.get()
