"""The advisor's overview: how far every unit of the municipality has come with a plan."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from documents.unit_obligations import plan_overview as build_overview
from routines.access import get_plan_as_advisor


@login_required
def plan_overview(request, pk):
    """Read confirmations, units × milestones and units × unit-specific routines, for the plan's advisors."""
    plan = get_plan_as_advisor(request.user, pk)
    context = build_overview(plan) | {"can_edit": True}  # only advisors reach it; the plan menu shows it
    return render(request, "documents/unit/plan_overview.html", context)
