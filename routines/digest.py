"""What a plan is made of, as one short fingerprint: (table, id, version) of every row, in ONE query.

Every model of a plan inherits `version`, which goes up on every save, so
(table, pk, version) of every row of the plan, plus the links between rows
(many-to-many), change whenever anything the plan shows does. They are read
in ONE query (a UNION of small selects), whatever the plan's size. The PDF's
digest is these rows plus its layout (documents/pdf_cache.py); the read pages
cache their expensive parts under `content_digest` (routines/page_cache.py).
"""

import datetime
import functools
import hashlib

from django.db import connections, router
from django.db.models import CharField, Value
from django.utils import timezone

from routines.models import (
    Duty,
    LegalReference,
    Municipality,
    Plan,
    Routine,
    RoutineAttachment,
    SectionAttachment,
    Unit,
    UnitRoutineText,
)

# Stand-ins for the plan's and the municipality's ids, and today's date, in the compiled query.
_PLAN_ID, _MUNICIPALITY_ID = -900_000_001, -900_000_002
_TODAY = datetime.date(1901, 1, 1)


def version_rows(plan):
    """(tag, id, version) of every row of the plan, sorted; one query."""
    sql, params = _version_rows_sql()
    ids = {_PLAN_ID: plan.pk, _MUNICIPALITY_ID: plan.municipality_id, _TODAY: timezone.localdate()}
    with connections[router.db_for_read(Plan)].cursor() as cursor:
        cursor.execute(sql, [ids.get(param, param) for param in params])
        return sorted(cursor.fetchall())


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
    arena_attachments = arenas.attachments.field.model
    target_groups = plan.target_groups.model
    # "Belongs to one of the plan's routines" as IN (subquery), not a join:
    # PostgreSQL then walks the routine_id indexes instead of hashing whole
    # tables (13 ms → a few ms per plan on the national data set).
    routine_ids = Routine.objects.filter(plan=plan).values("pk")
    entry_ids = entries.objects.filter(plan=plan).values("pk")

    def rows(queryset, tag, a="pk", b="version"):
        return queryset.values_list(Value(tag, output_field=CharField()), a, b).order_by()

    # The school calendar of the plan's municipality and school year (meetings'): its days off are on the
    # year wheel and the month view.
    school_calendars = Municipality.school_calendars.rel.related_model
    calendars = school_calendars.objects.filter(
        municipality_id=plan.municipality_id, school_year__in=Plan.objects.filter(pk=plan.pk).values("school_year")
    )
    school_breaks = school_calendars.breaks.rel.related_model

    parts = [
        rows(calendars, "school-calendar"),
        rows(school_breaks.objects.filter(calendar__in=calendars.values("pk")), "school-break"),
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
        rows(RoutineAttachment.objects.filter(routine_id__in=routine_ids), "routine-attachment"),
        rows(SectionAttachment.objects.filter(section__plan=plan), "section-attachment"),
        rows(UnitRoutineText.objects.filter(routine_id__in=routine_ids), "unit-text"),
        rows(target_groups.objects.filter(plan=plan), "target-group"),
        rows(arenas.objects.filter(plan=plan), "arena"),
        rows(arena_attachments.objects.filter(arena__plan=plan), "arena-attachment"),
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


def content_digest(plan):
    """A hex digest of the plan's rows; one query."""
    return digest_of(plan, version_rows(plan))


def digest_of(plan, rows, salt=""):
    """The hex digest of the plan's version rows, after `salt` (the PDF's layout, say)."""
    digest = hashlib.sha256(salt.encode())
    digest.update(f"plan {plan.pk}\n".encode())
    for tag, a, b in rows:
        digest.update(f"{tag} {a} {b}\n".encode())
    return digest.hexdigest()[:40]
