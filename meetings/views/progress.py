"""The progress plan page (month by month, with filters), and the year wheel (page and SVG download)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from meetings.progress import filtered_arenas, filtered_entries, months_of
from meetings.school_calendar import calendar_of
from meetings.wheel import render_year_wheel_svg
from routines.access import can_edit_plan, get_plan_for_user


def _filtered_context(request, plan):
    form, entries = filtered_entries(plan, request.GET)
    calendar = calendar_of(plan)
    context = {
        "plan": plan,
        "filter_form": form,
        "entries": entries,
        "school_calendar": calendar,
        "months": months_of(plan, entries, filtered_arenas(plan, form), calendar),
        "query": request.GET.urlencode(),
    }
    return context, 400 if form.errors else 200


def _arena_meetings(context):
    return [meeting for month in context["months"] for meeting in month.arena_meetings]


@login_required
def progress_months(request, pk):
    """The progress plan: read month by month with filters, and edited here by those who may."""
    plan = get_plan_for_user(request.user, pk)
    context, status = _filtered_context(request, plan)
    context["can_edit"] = can_edit_plan(request.user, plan)
    # An approved plan's entries are frozen: no edit controls that would answer 403.
    context["can_edit_content"] = context["can_edit"] and not plan.is_frozen
    return render(request, "meetings/progress_months.html", context, status=status)


@login_required
def year_wheel(request, pk):
    plan = get_plan_for_user(request.user, pk)
    context, status = _filtered_context(request, plan)
    # Built from the plan's own text, escaped in wheel.py.
    context["wheel_svg"] = mark_safe(render_year_wheel_svg(plan, context["entries"], _arena_meetings(context)))
    return render(request, "meetings/year_wheel.html", context, status=status)


@login_required
def year_wheel_svg(request, pk):
    plan = get_plan_for_user(request.user, pk)
    context, status = _filtered_context(request, plan)
    if status != 200:
        return HttpResponseBadRequest()
    response = HttpResponse(
        render_year_wheel_svg(plan, context["entries"], _arena_meetings(context)),
        content_type="image/svg+xml; charset=utf-8",
    )
    filename = f"arshjul-{slugify(plan.municipality.name)}-{plan.school_year}-{plan.school_year + 1}.svg"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
