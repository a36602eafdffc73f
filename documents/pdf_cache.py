"""The plan's PDF: its digest, and getting it stored or rendered.

The store, the render lock and the renderer are ops/pdf.py's, shared with
every other PDF of the app. What is plan-specific is the digest.

Caching: the key is a digest of everything the PDF shows. Every model
inherits `version`, which goes up on every save, so (table, pk, version) of
every row of the plan, plus the links between rows (many-to-many), plus the
layout (templates, stylesheet, PDF_LAYOUT_VERSION), change whenever the PDF
would. They are read in ONE query (a UNION of small selects), whatever the
plan's size, so a request for an unchanged plan costs milliseconds and no
rendering. The digest is also the ETag.
"""

import datetime
import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connections, router
from django.db.models import CharField, Value
from django.template.loader import get_template
from django.utils import timezone

from documents import pdf
from ops.pdf import PRINT_CSS, get_pdf, read_static
from routines.models import Duty, LegalReference, Municipality, Plan, Routine, Section, Unit, UnitRoutineText

# Bump when a code change alters the PDF without touching templates or CSS.
PDF_LAYOUT_VERSION = "3"
_TEMPLATES = (
    "documents/pdf/plan.html",
    "documents/pdf/routine_facts.html",
    "documents/pdf/progress_row.html",
    "documents/outline/chapters.html",
    "documents/outline/entry.html",
    *(f"documents/outline/part_{part}.html" for part in Section.Part.values),
)


def plan_digest(plan):
    """A hex digest of everything the plan's PDF shows; one query."""
    return plan_digest_and_size(plan)[0]


def plan_digest_and_size(plan):
    """(digest, number of rows the PDF shows), from the same one query."""
    rows = sorted(_fetch_version_rows(plan))
    digest = hashlib.sha256(_layout_fingerprint().encode())
    digest.update(f"plan {plan.pk}\n".encode())
    for tag, a, b in rows:
        digest.update(f"{tag} {a} {b}\n".encode())
    return digest.hexdigest()[:40], len(rows)


def renders_in_background(size):
    """A plan this large is never rendered inside a request (it can take longer than the request may)."""
    return size > settings.PDF_INLINE_MAX_ROWS


# Stand-ins for the plan's and the municipality's ids, and today's date, in the compiled query.
_PLAN_ID, _MUNICIPALITY_ID = -900_000_001, -900_000_002
_TODAY = datetime.date(1901, 1, 1)


def _fetch_version_rows(plan):
    sql, params = _version_rows_sql()
    ids = {_PLAN_ID: plan.pk, _MUNICIPALITY_ID: plan.municipality_id, _TODAY: timezone.localdate()}
    with connections[router.db_for_read(Plan)].cursor() as cursor:
        cursor.execute(sql, [ids.get(param, param) for param in params])
        return cursor.fetchall()


@functools.cache
def _version_rows_sql():
    """The UNION's SQL and parameters, built once per process.

    Django takes about 14 ms to build and compile this 17-part query, and
    PostgreSQL about 1 ms to run it; every PDF request and every render task
    needs it, so only the ids change between calls.
    """
    return _version_rows(_probe()).query.sql_with_params()


def _probe():
    return Plan(pk=_PLAN_ID, municipality_id=_MUNICIPALITY_ID)


def digested_models():
    """The models whose rows the digest reads: a part missing here would leave the PDF stale."""
    return {query.model for query in _version_rows(_probe()).query.combined_queries}


def _version_rows(plan):
    """(tag, id, version) of every row the PDF shows, as one UNION ALL queryset."""
    entries = plan.progress_entries.model  # meetings' models, reached without importing meetings
    arenas = plan.arenas.model
    target_groups = plan.target_groups.model
    # "Belongs to one of the plan's routines" as IN (subquery), not a join:
    # PostgreSQL then walks the routine_id indexes instead of hashing whole
    # tables (13 ms → a few ms per plan on the national data set).
    routine_ids = Routine.objects.filter(plan=plan).values("pk")
    entry_ids = entries.objects.filter(plan=plan).values("pk")

    def rows(queryset, tag, a="pk", b="version"):
        return queryset.values_list(Value(tag, output_field=CharField()), a, b).order_by()

    parts = [
        rows(Plan.objects.filter(pk=plan.pk), "plan"),
        rows(Municipality.objects.filter(pk=plan.municipality_id), "municipality"),
        rows(Unit.objects.filter(municipality_id=plan.municipality_id), "unit"),
        rows(plan.focus_areas.model.objects.filter(plan=plan), "focus"),
        rows(plan.sections.model.objects.filter(plan=plan), "section"),
        rows(plan.actors.model.objects.filter(plan=plan), "actor"),
        rows(Duty.objects.filter(actor__plan=plan), "duty"),
        rows(plan.milestones.model.objects.filter(plan=plan), "milestone"),
        rows(Routine.objects.filter(plan=plan), "routine"),
        # The PDF says which reviews are overdue: a new PDF the day one becomes so.
        rows(Routine.objects.filter(plan=plan, next_review_on__lt=_TODAY), "routine-overdue"),
        rows(
            Routine.milestones.through.objects.filter(routine_id__in=routine_ids),
            "routine-milestone",
            "routine_id",
            "milestone_id",
        ),
        rows(LegalReference.objects.filter(routine_id__in=routine_ids), "legal"),
        rows(UnitRoutineText.objects.filter(routine_id__in=routine_ids), "unit-text"),
        rows(target_groups.objects.filter(plan=plan), "target-group"),
        rows(arenas.objects.filter(plan=plan), "arena"),
        rows(entries.objects.filter(plan=plan), "entry"),
        rows(
            entries.milestones.through.objects.filter(progressentry_id__in=entry_ids),
            "entry-milestone",
            "progressentry_id",
            "milestone_id",
        ),
        rows(
            entries.target_groups.through.objects.filter(progressentry_id__in=entry_ids),
            "entry-group",
            "progressentry_id",
            "targetgroup_id",
        ),
    ]
    first, *rest = parts
    # order_by(): the first model's default ordering would not fit the union.
    return first.union(*rest, all=True).order_by()


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
