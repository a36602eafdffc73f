"""Pages for the parts of a plan: focus areas, sections, actors with duties, milestones.

Each view fetches through routines.access (scoped to the user), then hands the
form to the shared conflict-safe helpers in routines.editing.
"""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from routines.access import (
    can_edit_plan,
    get_actor_for_editing,
    get_duty_for_editing,
    get_focus_area_for_editing,
    get_milestone_for_editing,
    get_plan_for_editing,
    get_plan_for_user,
    get_section_for_editing,
)
from routines.editing import confirm_delete, handle_form, handle_form_and_formset, move_part, posted
from routines.forms import ActorForm, DutyFormSet, FocusAreaForm, MilestoneForm, SectionForm
from routines.models import Actor, FocusArea, Milestone, Section
from routines.validators import whole_number


def list_url(list_name, plan, part=None):
    """The plan's list of these parts, scrolled to `part` when given."""
    url = reverse(list_name, args=[plan.pk])
    return f"{url}#part-{part.pk}" if part else url


def part_form(request, form, heading, list_name, success_message, template="routines/part_form.html"):
    plan = form.instance.plan
    context = {"plan": plan, "heading": heading, "cancel_url": list_url(list_name, plan)}
    return handle_form(request, form, template, context, partial(list_url, list_name, plan), success_message)


def part_delete(request, part, list_name, success_message):
    context = {"plan": part.plan, "cancel_url": list_url(list_name, part.plan, part)}
    return confirm_delete(request, part, context, list_url(list_name, part.plan), success_message)


def part_list(request, plan_pk, template, related_name, load=lambda parts: parts.all()):
    """The plan's parts by their related name, as `load` prepares them (e.g. with their details)."""
    plan = get_plan_for_user(request.user, plan_pk)
    context = {"plan": plan, "can_edit": can_edit_plan(request.user, plan)}
    context[related_name] = load(getattr(plan, related_name))
    return render(request, template, context)


# Focus areas


@login_required
@require_safe
def focus_area_list(request, plan_pk):
    return part_list(request, plan_pk, "routines/focus_area_list.html", "focus_areas")


@login_required
def focus_area_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    form = FocusAreaForm(posted(request), instance=FocusArea(plan=plan))
    return part_form(request, form, _("New focus area"), "routines:focus_area_list", _("The focus area is added."))


@login_required
def focus_area_edit(request, pk):
    area = get_focus_area_for_editing(request.user, pk)
    form = FocusAreaForm(posted(request), instance=area)
    return part_form(request, form, _("Edit focus area"), "routines:focus_area_list", _("The focus area is saved."))


@login_required
def focus_area_delete(request, pk):
    area = get_focus_area_for_editing(request.user, pk)
    return part_delete(request, area, "routines:focus_area_list", _("The focus area is deleted."))


@login_required
@require_POST
def focus_area_move(request, pk):
    area = get_focus_area_for_editing(request.user, pk)
    return move_part(request, area, list_url("routines:focus_area_list", area.plan, area))


# Sections


@login_required
@require_safe
def section_list(request, plan_pk):
    return part_list(
        request,
        plan_pk,
        "routines/section_list.html",
        "sections",
        lambda sections: sections.prefetch_related("attachments"),
    )


@login_required
def section_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    form = SectionForm(posted(request), instance=Section(plan=plan))
    return part_form(
        request,
        form,
        _("New section"),
        "routines:section_list",
        _("The section is added."),
        "routines/section_form.html",
    )


@login_required
def section_edit(request, pk):
    section = get_section_for_editing(request.user, pk)
    form = SectionForm(posted(request), instance=section)
    return part_form(
        request, form, section.title, "routines:section_list", _("The section is saved."), "routines/section_form.html"
    )


@login_required
def section_delete(request, pk):
    section = get_section_for_editing(request.user, pk)
    return part_delete(request, section, "routines:section_list", _("The section is deleted."))


@login_required
@require_POST
def section_move(request, pk):
    section = get_section_for_editing(request.user, pk)
    return move_part(request, section, list_url("routines:section_list", section.plan, section))


# Milestones


@login_required
@require_safe
def milestone_list(request, plan_pk):
    return part_list(request, plan_pk, "routines/milestone_list.html", "milestones")


@login_required
def milestone_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    next_number = max(plan.milestones.values_list("number", flat=True), default=0) + 1
    form = MilestoneForm(posted(request), instance=Milestone(plan=plan), initial={"number": next_number})
    return part_form(request, form, _("New milestone"), "routines:milestone_list", _("The milestone is added."))


@login_required
def milestone_edit(request, pk):
    milestone = get_milestone_for_editing(request.user, pk)
    form = MilestoneForm(posted(request), instance=milestone)
    return part_form(request, form, _("Edit milestone"), "routines:milestone_list", _("The milestone is saved."))


@login_required
def milestone_delete(request, pk):
    milestone = get_milestone_for_editing(request.user, pk)
    return part_delete(request, milestone, "routines:milestone_list", _("The milestone is deleted."))


# Actors and their duties (Laget rundt barnet)


@login_required
@require_safe
def actor_list(request, plan_pk):
    return part_list(request, plan_pk, "routines/actor_list.html", "actors", lambda actors: actors.with_duties())


def actor_page(request, actor, heading):
    """The actor and its ordered duties, saved together under the actor's version.

    The Up and Down buttons of a duty are buttons of the same form: the page
    comes back with the duties in their new order and everything typed kept,
    and one Save stores it all.
    """
    form = ActorForm(posted(request), instance=actor)
    duties = DutyFormSet(posted(request), instance=actor, prefix="duties")
    plan = actor.plan
    context = {"plan": plan, "heading": heading, "cancel_url": list_url("routines:actor_list", plan)}
    if request.method == "POST" and "move" in request.POST:
        return _move_duty_in_form(request, actor, duties, context)
    return handle_form_and_formset(
        request,
        form,
        duties,
        "routines/actor_form.html",
        context,
        partial(list_url, "routines:actor_list", plan),
        _("The actor and its duties are saved."),
    )


def _move_duty_in_form(request, actor, duties, context):
    index, _sep, direction = request.POST["move"].partition(":")
    step = {"up": -1, "down": 1}.get(direction)
    data = duties.moved(whole_number(index), step) if step and whole_number(index) is not None else None
    if data is None:
        return HttpResponseBadRequest(_("Say which duty to move, and which way: up or down."))
    moved_to = whole_number(index) + step
    context |= {
        "form": ActorForm(data, instance=actor),
        "formset": DutyFormSet(data, instance=actor, prefix="duties"),
        "moved": {"index": moved_to, "direction": direction},
    }
    return render(request, "routines/actor_form.html", context)


@login_required
def actor_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    return actor_page(request, Actor(plan=plan), _("New actor"))


@login_required
def actor_edit(request, pk):
    actor = get_actor_for_editing(request.user, pk)
    return actor_page(request, actor, actor.name)


@login_required
def actor_delete(request, pk):
    actor = get_actor_for_editing(request.user, pk)
    return part_delete(request, actor, "routines:actor_list", _("The actor is deleted."))


@login_required
@require_POST
def actor_move(request, pk):
    actor = get_actor_for_editing(request.user, pk)
    return move_part(request, actor, list_url("routines:actor_list", actor.plan, actor))


@login_required
@require_POST
def duty_move(request, pk):
    duty = get_duty_for_editing(request.user, pk)

    def bump_actor_version():
        # The actor's version covers its duties: whoever has the actor open now holds an old version.
        duty.actor.plan.actors.filter(pk=duty.actor_id).update(version=F("version") + 1)

    return move_part(
        request, duty, reverse("routines:actor_edit", args=[duty.actor_id]) + "#duties", moved=bump_actor_version
    )
