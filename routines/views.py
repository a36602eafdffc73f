from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .access import can_edit_plan, get_plan_for_user
from .models import Plan


@login_required
def plan_list(request):
    plans = Plan.objects.visible_to(request.user).for_plan_list()
    return render(request, "routines/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    context = {
        "plan": plan,
        "can_edit": can_edit_plan(request.user, plan),
        "focus_areas": plan.focus_areas.all(),
        "milestones": plan.milestones.all(),
    }
    return render(request, "routines/plan_detail.html", context)


# --- The plan as PDF (issue 9) ---------------------------------------------
# Appended at the end on purpose: the editing views are written elsewhere.
from django.http import HttpResponse  # noqa: E402
from django.utils.cache import get_conditional_response, patch_cache_control  # noqa: E402
from django.utils.http import content_disposition_header, quote_etag  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402

from . import pdf as plan_pdf_rendering  # noqa: E402
from .pdf_cache import PdfBusy, get_plan_pdf, plan_digest  # noqa: E402


@login_required
def plan_pdf(request, pk):
    """The plan as PDF: stored by content, ETag/304, 503 while the renderer is busy."""
    plan = get_plan_for_user(request.user, pk)
    etag = quote_etag(plan_digest(plan))
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag  # a 304 repeats the validator (RFC 9110)
        patch_cache_control(not_modified, private=True, no_cache=True)
        return not_modified
    try:
        digest, data = get_plan_pdf(plan)
    except PdfBusy:
        response = HttpResponse(
            _("The PDF is being prepared. Please try again in a moment."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "5"
        return response
    response = HttpResponse(data, content_type="application/pdf")
    response["ETag"] = quote_etag(digest)
    response["Content-Disposition"] = content_disposition_header(False, plan_pdf_rendering.pdf_filename(plan))
    # Private (plans may be unpublished drafts); revalidate with the ETag.
    patch_cache_control(response, private=True, no_cache=True)
    return response
