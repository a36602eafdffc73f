"""What changed in an approved version: the whole summary, and the changes everyone must read again."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from documents.unit_obligations import changes_to_read, my_reading
from routines.access import get_plan_for_user, unit_page_rights, units_of


@login_required
@require_safe
def plan_changes(request, pk):
    """The change summary stored when the version was approved, part by part; printable."""
    plan = get_plan_for_user(request.user, pk)
    context = {"plan": plan, "changes": plan.changes.all(), "only_to_read": False}
    return render(request, "documents/changes.html", context)


@login_required
@require_safe
def plan_changes_to_read(request, pk):
    """«New version: read the changes»: only what must be read again, and the confirmation for one's unit."""
    plan = get_plan_for_user(request.user, pk)
    context = {"plan": plan, "changes": changes_to_read(plan), "only_to_read": True}
    unit = units_of(request.user).filter(municipality=plan.municipality_id).first()
    if unit is not None and unit_page_rights(request.user, unit, plan)["can_confirm"]:
        context["unit"] = unit
        context.update(my_reading(request.user, plan, unit))
    return render(request, "documents/changes.html", context)
