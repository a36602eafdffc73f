"""The plan's PDF: its digest, and getting it stored or rendered.

The store, the render lock and the renderer are ops/pdf.py's, shared with
every other PDF of the app. What is plan-specific is the digest.

Caching: the key is a digest of everything the PDF shows: (table, pk,
version) of every row of the plan, read in ONE query whatever the plan's size
(routines/digest.py), plus the layout (templates, stylesheet,
PDF_LAYOUT_VERSION). A request for an unchanged plan costs milliseconds and
no rendering. The digest is also the ETag.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template

from documents import pdf
from ops.pdf import PRINT_CSS, get_pdf, read_static
from routines.digest import digest_of, version_rows
from routines.models import Section

# Bump when a code change alters the PDF without touching templates or CSS.
PDF_LAYOUT_VERSION = "5"
_TEMPLATES = (
    "documents/pdf/plan.html",
    "documents/pdf/routine_facts.html",
    "documents/pdf/progress_row.html",
    "documents/outline/chapters.html",
    "documents/outline/entry.html",
    *(f"documents/outline/part_{part}.html" for part in Section.Part.values),
    "documents/pdf/attachments.html",
    "meetings/_year_wheel_print.html",
)


def plan_digest(plan):
    """A hex digest of everything the plan's PDF shows; one query."""
    return plan_digest_and_size(plan)[0]


def plan_digest_and_size(plan):
    """(digest, number of rows the PDF shows), from the same one query."""
    rows = version_rows(plan)
    return digest_of(plan, rows, _layout_fingerprint()), len(rows)


def renders_in_background(size):
    """A plan this large is never rendered inside a request (it can take longer than the request may)."""
    return size > settings.PDF_INLINE_MAX_ROWS


@functools.cache
def _layout_fingerprint():
    """Templates and stylesheet as deployed: a new layout means new PDFs."""
    digest = hashlib.sha256(PDF_LAYOUT_VERSION.encode())
    for name in _TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    digest.update(read_static(PRINT_CSS).encode())
    return digest.hexdigest()


def plan_pdf_name(plan):
    """The plan's name in the store, which keeps only its latest PDF."""
    return f"plan:{plan.pk}"


def get_plan_pdf(plan, wait=None):
    """(digest, PDF bytes) for the plan: stored if unchanged, else rendered now (ops.pdf.get_pdf)."""
    digest = plan_digest(plan)
    return digest, get_pdf(plan_pdf_name(plan), digest, lambda: render_plan(plan), wait)


def render_plan(plan):
    # Looked up at call time, so a test may count the renders.
    return pdf.render_plan_pdf(pdf.load_plan(plan.pk))
