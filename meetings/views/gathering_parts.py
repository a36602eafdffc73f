"""Planning the inside of a gathering: agenda items, group work, its steps and its groups.

The four kinds work the same way, so one set of views serves them, told apart
by `kind` (fixed in meetings/urls.py, never taken from the user).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from meetings.access import get_parent_for_planning, get_part_for_planning
from meetings.forms_gatherings import AgendaItemForm, GroupWorkForm, GroupWorkStepForm, WorkGroupForm
from meetings.models import AgendaItem, GroupWork, GroupWorkStep, WorkGroup
from routines.editing import confirm_delete, handle_form


@dataclass(frozen=True)
class PartKind:
    model: type
    form: type
    parent_field: str  # the foreign key to what it is added to
    add_heading: str

    @property
    def parent_model(self):
        return self.model._meta.get_field(self.parent_field).related_model


KINDS = {
    "agenda": PartKind(AgendaItem, AgendaItemForm, "gathering", gettext_lazy("New agenda item")),
    "group_work": PartKind(GroupWork, GroupWorkForm, "gathering", gettext_lazy("New group work")),
    "step": PartKind(GroupWorkStep, GroupWorkStepForm, "group_work", gettext_lazy("New step")),
    "group": PartKind(WorkGroup, WorkGroupForm, "group_work", gettext_lazy("New group")),
}


def _page_context(gathering, heading):
    return {
        "gathering": gathering,
        "region": gathering.region,
        "cancel_url": gathering.get_absolute_url(),
        "heading": heading,
    }


@login_required
def part_create(request, kind, parent_pk):
    parent, gathering = get_parent_for_planning(request.user, KINDS[kind].parent_model, parent_pk)
    kind = KINDS[kind]
    part = kind.model(**{kind.parent_field: parent})
    form = kind.form(request.POST or None, instance=part, gathering=gathering)
    return handle_form(
        request,
        form,
        "meetings/gathering_form.html",
        _page_context(gathering, kind.add_heading),
        gathering,
        _("Saved."),
    )


@login_required
def part_edit(request, kind, pk):
    part = get_part_for_planning(request.user, KINDS[kind].model, pk)
    kind = KINDS[kind]
    form = kind.form(request.POST or None, instance=part, gathering=part.gathering)
    heading = _("Edit: %(part)s") % {"part": part}
    return handle_form(
        request,
        form,
        "meetings/gathering_form.html",
        _page_context(part.gathering, heading),
        part.gathering,
        _("Saved."),
    )


@login_required
def part_delete(request, kind, pk):
    part = get_part_for_planning(request.user, KINDS[kind].model, pk)
    gathering = part.gathering
    return confirm_delete(
        request,
        part,
        {"gathering": gathering, "cancel_url": gathering.get_absolute_url(), "layout": "meetings/gathering_base.html"},
        gathering.get_absolute_url(),
        _("Deleted."),
    )


@login_required
@require_POST
def part_move(request, kind, pk):
    """Steps and groups keep the order they are given; agenda items follow the clock."""
    part = get_part_for_planning(request.user, KINDS[kind].model, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose up or down."))
    elif not part.move(-1 if direction == "up" else 1):
        messages.info(request, _("It is already at the end."))
    return redirect(part.gathering)
