"""One routine on its own, to read, link and print: the routine, its legal basis and, opened from a unit,
the unit's own text or local supplement. The page and the one-page PDF show the same."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from routines.models import UnitRoutineText

PDF_TEMPLATE = "routines/reading/routine_pdf.html"
# The booklets' plain A4 style: a routine handed to a teacher reads like the unit's booklet.
PDF_CSS = "css/unit-pdf.css"


def routine_reading(routine, unit=None):
    """What the page and the PDF show; the unit's text only when the routine takes one."""
    unit_text = None
    if unit is not None and routine.takes_unit_texts:
        unit_text = UnitRoutineText.objects.filter(routine=routine, unit=unit).first()
    return {"plan": routine.plan, "routine": routine, "unit": unit, "unit_text": unit_text}


def render_routine_html(routine, unit=None):
    """The PDF's HTML, in the plan's written standard."""
    with translation.override(routine.plan.language):
        return render_to_string(PDF_TEMPLATE, routine_reading(routine, unit))


def routine_pdf_name(routine, unit=None):
    """The PDF's name in the store (ops.pdf): one per plan, routine, unit (0: none) and written standard."""
    return f"routine:{routine.plan_id}:{routine.pk}:{unit.pk if unit else 0}:{routine.plan.language}"


def routine_pdf_filename(routine, unit=None):
    parts = [slugify(routine.title)[:60] or "rutine", slugify(unit.name) if unit else "", str(routine.plan.school_year)]
    return "-".join(part for part in parts if part) + ".pdf"
