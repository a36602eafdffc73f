"""Routines (common or unit-specific), the units' own texts, and the municipality's units."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from routines.access import (
    can_edit_plan,
    can_edit_plan_of_municipality,
    can_review,
    editable_unit_ids,
    get_municipality_for_editing,
    get_municipality_for_user,
    get_plan_for_editing,
    get_routine_for_editing,
    get_routine_for_user,
    get_unit_for_editing,
    get_unit_text_for_editing,
)
from routines.editing import (
    confirm_delete,
    handle_form,
    handle_form_and_formset,
    move_part,
    posted,
    safe_next_url,
)
from routines.forms import LegalReferenceFormSet, RoutineForm, SupplementForm, UnitForm, UnitTextForm
from routines.models import Plan, Routine, Unit
from routines.views.parts import list_url, part_delete, part_list

# Routines


@login_required
@require_safe
def routine_list(request, plan_pk):
    return part_list(
        request, plan_pk, "routines/routine_list.html", "routines", lambda routines: routines.with_details()
    )


@login_required
@require_safe
def routine_detail(request, pk):
    routine = get_routine_for_user(request.user, pk)
    plan = routine.plan
    can_edit = can_edit_plan(request.user, plan)
    # The units' own part stays open until the plan is archived (access.ensure_unit_part_open).
    editable = set() if plan.status == Plan.Status.ARCHIVED else editable_unit_ids(request.user, plan.municipality_id)
    texts = {text.unit_id: text for text in routine.unit_texts.all()}
    units = []
    if routine.scope == Routine.Scope.UNIT:
        units = [unit for unit in plan.municipality.units.all() if routine.concerns(unit)]
    elif routine.allows_local_supplement:
        # Advisors see every unit's supplement and which have none; a unit leader their own.
        units = [
            unit
            for unit in plan.municipality.units.all()
            if routine.concerns(unit) and (can_edit or unit.pk in editable)
        ]
    unit_texts = [(unit, texts.get(unit.pk)) for unit in units]
    context = {
        "plan": plan,
        "routine": routine,
        "can_edit": can_edit,
        "unit_texts": unit_texts,
        "without_supplement": [unit for unit, text in unit_texts if not (text and text.body.strip())],
        "editable_unit_ids": editable,
        "can_review": can_review(request.user, plan, routine),
    }
    return render(request, "routines/routine_detail.html", context)


def routine_page(request, routine, heading):
    """The routine and its legal basis, saved together under the routine's version."""
    form = RoutineForm(posted(request), instance=routine)
    references = LegalReferenceFormSet(posted(request), instance=routine, prefix="references")
    plan = routine.plan
    context = {"plan": plan, "heading": heading, "cancel_url": list_url("routines:routine_list", plan)}
    return handle_form_and_formset(
        request,
        form,
        references,
        "routines/routine_form.html",
        context,
        partial(list_url, "routines:routine_list", plan),
        _("The routine is saved."),
    )


@login_required
def routine_create(request, plan_pk):
    plan = get_plan_for_editing(request.user, plan_pk)
    return routine_page(request, Routine(plan=plan), _("New routine"))


@login_required
def routine_edit(request, pk):
    routine = get_routine_for_editing(request.user, pk)
    return routine_page(request, routine, routine.title)


@login_required
def routine_delete(request, pk):
    routine = get_routine_for_editing(request.user, pk)
    return part_delete(request, routine, "routines:routine_list", _("The routine is deleted."))


@login_required
@require_POST
def routine_move(request, pk):
    routine = get_routine_for_editing(request.user, pk)
    return move_part(request, routine, list_url("routines:routine_list", routine.plan, routine))


@login_required
def routine_unit_text(request, routine_pk, unit_pk):
    """The one editor of a unit's own text for a routine, or of its local supplement to a common one.

    Opened from the routine's page or the unit's page; `next` takes the user
    back to where they came from.
    """
    text = get_unit_text_for_editing(request.user, routine_pk, unit_pk)
    routine = text.routine
    form_class = UnitTextForm if routine.scope == Routine.Scope.UNIT else SupplementForm
    form = form_class(posted(request), instance=text)
    back = safe_next_url(request) or reverse("routines:routine_detail", args=[routine.pk])
    context = {"plan": routine.plan, "routine": routine, "unit": text.unit, "cancel_url": back}
    return handle_form(request, form, "routines/unit_text_form.html", context, back, _("The unit's text is saved."))


# Units of a municipality


@login_required
@require_safe
def unit_list(request, municipality_pk):
    municipality = get_municipality_for_user(request.user, municipality_pk)
    context = {
        "municipality": municipality,
        "units": municipality.units.all(),
        "can_edit": can_edit_plan_of_municipality(request.user, municipality.pk),
    }
    return render(request, "routines/unit_list.html", context)


def unit_page(request, unit, heading, success_message):
    form = UnitForm(posted(request), instance=unit)
    units_url = reverse("routines:unit_list", args=[unit.municipality_id])
    context = {"municipality": unit.municipality, "heading": heading, "cancel_url": units_url}
    return handle_form(request, form, "routines/unit_form.html", context, units_url, success_message)


@login_required
def unit_create(request, municipality_pk):
    municipality = get_municipality_for_editing(request.user, municipality_pk)
    return unit_page(request, Unit(municipality=municipality), _("New unit"), _("The unit is added."))


@login_required
def unit_edit(request, pk):
    unit = get_unit_for_editing(request.user, pk)
    return unit_page(request, unit, unit.name, _("The unit is saved."))


@login_required
def unit_delete(request, pk):
    unit = get_unit_for_editing(request.user, pk)
    units_url = reverse("routines:unit_list", args=[unit.municipality_id])
    return confirm_delete(
        request,
        unit,
        {"municipality": unit.municipality, "cancel_url": units_url, "layout": "municipality_base.html"},
        units_url,
        _("The unit is deleted."),
    )
