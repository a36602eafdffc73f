"""Fetching a plan's meeting arenas, target groups and entries for editing.

Same rules as routines.access: the lookup itself is scoped to the plans the
user may edit, so another municipality's object is simply not found (404);
an object the user may only read is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from routines.access import ensure_draft
from routines.models import Plan

from .models import Arena, ProgressEntry, TargetGroup


def _get_for_editing(model, user, pk):
    editable = model.objects.filter(plan__in=Plan.objects.editable_by(user)).select_related("plan")
    found = editable.filter(pk=pk).first()
    if found is not None:
        ensure_draft(found.plan)  # an approved plan is frozen: changes go into a revision
        return found
    if model.objects.filter(plan__in=Plan.objects.visible_to(user), pk=pk).exists():
        raise PermissionDenied
    raise Http404


def get_arena_for_editing(user, pk):
    return _get_for_editing(Arena, user, pk)


def get_target_group_for_editing(user, pk):
    return _get_for_editing(TargetGroup, user, pk)


def get_entry_for_editing(user, pk):
    return _get_for_editing(ProgressEntry, user, pk)
