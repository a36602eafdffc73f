"""Pages for a plan's meeting arenas, target groups and progress plan.

Lists are for everyone who may read the plan; forms, deleting and moving are
for those who may edit it. Saving goes through routines.editing, so a save
from an outdated form is refused as a conflict instead of overwriting.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from meetings.access import get_arena_for_editing, get_entry_for_editing, get_target_group_for_editing
from meetings.forms import ArenaForm, ProgressEntryForm, TargetGroupForm
from meetings.models import Arena, ProgressEntry, TargetGroup
from meetings.school_calendar import calendar_of
from routines.access import can_edit_plan, get_plan_for_editing, get_plan_for_user
from routines.editing import confirm_delete, handle_form

FORM_TEMPLATE = "meetings/form.html"
STEPS = {"up": -1, "down": 1}


def _posted(request):
    return request.POST if request.method == "POST" else None


def _at(list_url, anchor_prefix):
    """After saving: the list, scrolled to the saved part (its element's id)."""
    return lambda part: f"{list_url}#{anchor_prefix}-{part.pk}"


def _move(request, part, list_url):
    step = STEPS.get(request.POST.get("direction"))
    if step is None:
        return HttpResponseBadRequest()
    part.move(step)
    return redirect(f"{list_url}#{type(part)._meta.model_name}-{part.pk}")


# Meeting arenas


def _arena_list_url(plan):
    return reverse("meetings:arena_list", args=[plan.pk])


@login_required
@require_safe
def arena_list(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk)
    arenas = list(plan.arenas.select_related("escalates_to").prefetch_related("attachments"))
    categories = [
        (label, [arena for arena in arenas if arena.category == value]) for value, label in Arena.Category.choices
    ]
    context = {
        "plan": plan,
        "can_edit": can_edit_plan(request.user, plan),
        "categories": [(label, members) for label, members in categories if members],
    }
    return render(request, "meetings/arena_list.html", context)


@login_required
def arena_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    form = ArenaForm(_posted(request), instance=Arena(plan=plan))
    context = {"plan": plan, "title": _("New meeting arena"), "cancel_url": _arena_list_url(plan)}
    return handle_form(
        request, form, FORM_TEMPLATE, context, _at(_arena_list_url(plan), "arena"), _("The meeting arena was added.")
    )


@login_required
def arena_edit(request, pk):
    arena = get_arena_for_editing(request.user, pk)
    form = ArenaForm(_posted(request), instance=arena)
    context = {"plan": arena.plan, "title": _("Edit meeting arena"), "cancel_url": _arena_list_url(arena.plan)}
    return handle_form(
        request,
        form,
        FORM_TEMPLATE,
        context,
        _at(_arena_list_url(arena.plan), "arena"),
        _("The meeting arena was saved."),
    )


@login_required
def arena_delete(request, pk):
    arena = get_arena_for_editing(request.user, pk)
    list_url = _arena_list_url(arena.plan)
    context = {
        "plan": arena.plan,
        "cancel_url": list_url,
        "unlinked": arena.entries.count(),
        "unlinked_label": _("Progress-plan entries that lose their link to this arena (the entries stay)"),
    }
    return confirm_delete(request, arena, context, list_url, _("The meeting arena was deleted."))


@login_required
@require_POST
def arena_move(request, pk):
    arena = get_arena_for_editing(request.user, pk)
    return _move(request, arena, _arena_list_url(arena.plan))


# Target groups


def _target_group_list_url(plan):
    return reverse("meetings:target_group_list", args=[plan.pk])


@login_required
@require_safe
def target_group_list(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk)
    context = {
        "plan": plan,
        "can_edit": can_edit_plan(request.user, plan),
        "target_groups": plan.target_groups.all(),
    }
    return render(request, "meetings/target_group_list.html", context)


@login_required
def target_group_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    form = TargetGroupForm(_posted(request), instance=TargetGroup(plan=plan))
    list_url = _target_group_list_url(plan)
    context = {"plan": plan, "title": _("New target group"), "cancel_url": list_url}
    return handle_form(
        request, form, FORM_TEMPLATE, context, _at(list_url, "targetgroup"), _("The target group was added.")
    )


@login_required
def target_group_edit(request, pk):
    target_group = get_target_group_for_editing(request.user, pk)
    form = TargetGroupForm(_posted(request), instance=target_group)
    list_url = _target_group_list_url(target_group.plan)
    context = {"plan": target_group.plan, "title": _("Edit target group"), "cancel_url": list_url}
    return handle_form(
        request, form, FORM_TEMPLATE, context, _at(list_url, "targetgroup"), _("The target group was saved.")
    )


@login_required
def target_group_delete(request, pk):
    target_group = get_target_group_for_editing(request.user, pk)
    list_url = _target_group_list_url(target_group.plan)
    context = {
        "plan": target_group.plan,
        "cancel_url": list_url,
        "unlinked": target_group.entries.count(),
        "unlinked_label": _("Progress-plan entries that lose this target group (the entries stay)"),
    }
    return confirm_delete(request, target_group, context, list_url, _("The target group was deleted."))


@login_required
@require_POST
def target_group_move(request, pk):
    target_group = get_target_group_for_editing(request.user, pk)
    return _move(request, target_group, _target_group_list_url(target_group.plan))


# Progress-plan entries


def _progress_plan_url(plan):
    return reverse("meetings:progress_months", args=[plan.pk])


def entry_list_moved(request, plan_pk):
    """The progress plan is read and edited month by month now; old links and bookmarks land there."""
    return redirect("meetings:progress_months", pk=plan_pk, permanent=True)


def _save_and_warn(request, form):
    """Save the entry; when it lands on a day without school, say so (saved all the same: a planning
    day is where a course for the staff belongs)."""

    def save():
        entry = form.save()
        calendar = calendar_of(entry.plan)
        reason = calendar.no_school_during(entry) if calendar is not None else ""
        if reason:
            message = (
                _("The deadline falls on a day without school: %(reason)s. Check the date.")
                if entry.kind == ProgressEntry.Kind.DEADLINE
                else _("The entry falls on a day without school: %(reason)s. Check the date.")
            )
            messages.warning(request, message % {"reason": reason})

    return save


@login_required
def entry_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    form = ProgressEntryForm(_posted(request), instance=ProgressEntry(plan=plan))
    list_url = _progress_plan_url(plan)
    context = {"plan": plan, "title": _("New progress-plan entry"), "cancel_url": list_url}
    return handle_form(
        request,
        form,
        FORM_TEMPLATE,
        context,
        _at(list_url, "entry"),
        _("The entry was added."),
        _save_and_warn(request, form),
    )


@login_required
def entry_edit(request, pk):
    entry = get_entry_for_editing(request.user, pk)
    form = ProgressEntryForm(_posted(request), instance=entry)
    list_url = _progress_plan_url(entry.plan)
    context = {"plan": entry.plan, "title": _("Edit progress-plan entry"), "cancel_url": list_url}
    return handle_form(
        request,
        form,
        FORM_TEMPLATE,
        context,
        _at(list_url, "entry"),
        _("The entry was saved."),
        _save_and_warn(request, form),
    )


@login_required
def entry_delete(request, pk):
    entry = get_entry_for_editing(request.user, pk)
    list_url = _progress_plan_url(entry.plan)
    return confirm_delete(
        request,
        entry,
        {"plan": entry.plan, "cancel_url": list_url},
        list_url,
        _("The entry was deleted."),
    )
