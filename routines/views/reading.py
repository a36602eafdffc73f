"""One routine on its own: a page to read, link and print, and its one-page PDF, also as it applies to a unit."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ops.pdf import html_pdf_response
from routines.access import get_routine_for_reading, get_routine_of_unit
from routines.reading import (
    PDF_CSS,
    render_routine_html,
    routine_pdf_filename,
    routine_pdf_name,
    routine_reading,
)


def _page(request, routine, unit):
    context = routine_reading(routine, unit)
    if unit is None:
        context["pdf_url"] = reverse("routines:routine_pdf", args=[routine.pk])
    else:
        context["pdf_url"] = reverse("routines:routine_pdf_of_unit", args=[routine.pk, unit.pk])
    return render(request, "routines/reading/routine_page.html", context)


def _pdf(request, routine, unit, page_url):
    """Small, so rendered on the first download like a unit's booklet; stored, and fresh while it is unchanged."""
    busy = {"plan": routine.plan, "back_url": page_url, "back_label": _("Back to the routine")}
    return html_pdf_response(
        request,
        routine_pdf_name(routine, unit),
        render_routine_html(routine, unit),
        routine_pdf_filename(routine, unit),
        busy,
        PDF_CSS,
    )


@login_required
@require_safe
def routine_page(request, pk):
    routine = get_routine_for_reading(request.user, pk)
    return _page(request, routine, None)


@login_required
@require_safe
def routine_page_of_unit(request, pk, unit_pk):
    routine, unit = get_routine_of_unit(request.user, pk, unit_pk)
    return _page(request, routine, unit)


@login_required
@require_safe
def routine_pdf(request, pk):
    routine = get_routine_for_reading(request.user, pk)
    return _pdf(request, routine, None, reverse("routines:routine_page", args=[routine.pk]))


@login_required
@require_safe
def routine_pdf_of_unit(request, pk, unit_pk):
    routine, unit = get_routine_of_unit(request.user, pk, unit_pk)
    return _pdf(request, routine, unit, reverse("routines:routine_page_of_unit", args=[routine.pk, unit.pk]))
