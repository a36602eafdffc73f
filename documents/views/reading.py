"""The whole plan to read: in its outline, with contents, anchors and a PDF link; also the public page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from documents import pdf
from documents.access import get_plan_to_read, get_published_plan
from documents.views.plans import plan_pdf_response
from routines.access import can_edit_plan


@login_required
@require_safe
def plan_read(request, pk):
    """Everyone who may read the plan reads it whole here, in any status: proof-reading needs no PDF."""
    plan = get_plan_to_read(request.user, pk)
    context = pdf.build_context(plan, for_print=False)
    context.update(can_edit=can_edit_plan(request.user, plan), pdf_url=reverse("documents:plan_pdf", args=[plan.pk]))
    return render(request, "documents/reading/plan.html", context)


@require_safe
def public_plan(request, slug):
    """The published plan, read-only, for anyone; in the plan's own written standard (Bokmål or Nynorsk)."""
    plan = get_published_plan(slug)
    with translation.override(plan.language):
        context = pdf.build_context(plan, for_print=False)
        context["pdf_url"] = reverse("documents:public_plan_pdf", args=[slug])
        response = render(request, "documents/public/plan.html", context)
    response.headers["Content-Language"] = plan.language
    return response


@require_safe
def public_plan_pdf(request, slug):
    """The published plan's PDF, for anyone."""
    plan = get_published_plan(slug)
    return plan_pdf_response(request, plan, reverse("documents:public_plan", args=[slug]))
