"""The whole plan to read: in its outline, with contents, anchors and a PDF link; also the public page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from documents import pdf
from documents.access import get_kept_public_page, get_published_attachment, get_published_plan
from documents.views.plans import plan_pdf_response
from routines.access import get_plan_rights, get_plan_with_rights
from routines.attachments import download
from routines.page_cache import cached_html, cached_page


@login_required
@require_safe
def plan_read(request, pk):
    """Everyone who may read the plan reads it whole here, in any status: proof-reading needs no PDF."""
    seen = get_plan_rights(request.user, pk)

    def page(placeholders):
        plan = get_plan_with_rights(request.user, pk)
        document = _document(request, plan, reverse("documents:plan_pdf", args=[plan.pk]))
        context = {"plan": plan, "can_edit": seen.user_can_edit, "document": document, **placeholders}
        return render(request, "documents/reading/plan.html", context)

    # The menu and the banner follow what the reader may do.
    return cached_page(request, seen, "reading", page, seen.user_can_edit)


@require_safe
def public_plan(request, slug):
    """The published plan, read-only, for anyone; in the plan's own written standard (Bokmål or Nynorsk)."""
    kept = get_kept_public_page(request, slug)
    if kept is not None:
        return kept
    plan = get_published_plan(slug)

    def page(placeholders):
        document = _document(request, plan, reverse("documents:public_plan_pdf", args=[slug]), public_slug=slug)
        response = render(request, "documents/public/plan.html", {"plan": plan, "document": document, **placeholders})
        response.headers["Content-Language"] = plan.language
        return response

    with translation.override(plan.language):
        # The same bytes for everyone without a login (with an ETag); someone logged in sees their own menu.
        return cached_page(request, plan, "public", page, slug)


def _document(request, plan, pdf_url, public_slug=None):
    """The plan to read (reading/_document.html), from the shared cache while the plan is unchanged.

    On the public page (`public_slug`) its files lead to the public downloads: the public has no login.
    """

    def render_document():
        context = pdf.build_context(plan.load_all_parts(), for_print=False)
        context.update(pdf_url=pdf_url, public_slug=public_slug)
        return render_to_string("documents/reading/_document.html", context, request)

    return cached_html(plan, "reading", render_document, pdf_url)


@require_safe
def public_plan_pdf(request, slug):
    """The published plan's PDF, for anyone."""
    plan = get_published_plan(slug)
    return plan_pdf_response(request, plan, reverse("documents:public_plan", args=[slug]))


@require_safe
def public_attachment(request, slug, part, pk):
    """A file of the published plan, for anyone who may read the public page."""
    attachment = get_published_attachment(slug, part, pk)
    return download(attachment)
