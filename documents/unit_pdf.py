"""«Our unit's obligations» as a PDF: its HTML and stylesheet; ops/pdf.py renders and stores it."""

from django.template.loader import render_to_string
from django.utils import translation

from documents.pdf import progress_months
from documents.unit_obligations import unit_obligations

PDF_TEMPLATE = "documents/unit/pdf.html"
UNIT_CSS = "css/unit-pdf.css"


def render_unit_html(plan, unit):
    """The HTML of the PDF, in the plan's written standard, with the whole school year's entries.

    The entries are the plan's compact progress table (one row each, by
    month), not a block per entry: a school year fits on a few pages.
    """
    with translation.override(plan.language):
        context = unit_obligations(plan, unit)
        context.update(months=progress_months(context["all_entries"]), for_print=True)
        return render_to_string(PDF_TEMPLATE, context)


def unit_pdf_name(plan, unit):
    """The booklet's name in the PDF store (ops.pdf), one per plan, unit and written standard."""
    return f"unit:{plan.pk}:{unit.pk}:{plan.language}"
