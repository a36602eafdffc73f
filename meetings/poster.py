"""The year wheel as a poster: one A3 landscape page with the labelled wheel, then its entries as a list.

Served like every stored PDF (ops.pdf): the digest is the HTML's, a download
finds it stored or has a worker render it (meetings.tasks), never the request.
"""

from django.template.loader import render_to_string
from django.utils import translation

from routines.models import Plan

PDF_TEMPLATE = "meetings/year_wheel_poster_pdf.html"


def poster_html(plan):
    """The poster's HTML, in the plan's language (like the plan's PDF)."""
    with translation.override(plan.language):
        context = {"plan": plan, "language": plan.language, "is_draft": plan.status == Plan.Status.DRAFT}
        return render_to_string(PDF_TEMPLATE, context)


def poster_pdf_name(plan):
    return f"wheel:{plan.pk}"
