"""Background tasks of documents (django.tasks): the e-mail batches, and the renders of plans' PDFs.

E-mail: The e-mail batches as background tasks (django.tasks): one task per batch, never inside a web request.

Each takes the day as an ISO date, so a retried task works on the same day,
and each is idempotent (documents/reminders.py, accounts/email.py).

PDFs: Background renders of the plan's PDF, the units' booklets and routines printed on their own, started by the
edits that change them.

Every save and delete of a versioned row is announced (routines.plan_parts);
`part_changed` finds the plans the row belongs to and, once the transaction
has committed, `schedule_renders` enqueues what is out of date: the plan's
PDF when its digest is not stored, and each unit booklet of the plan that
someone has downloaded before (they are rendered again only if their HTML
changed), and so each routine printed on its own before. A burst of saves in one transaction schedules once per plan; the
queue holds one waiting task per plan and digest (ops.tasks.enqueue_once);
and a task whose document is stored by the time it runs does nothing, so a
burst renders once. Workers on every host take the tasks (`db_worker`).

PDF_RENDER_ON_CHANGE turns the scheduling off (the tests do, except those of
this module's behaviour); a download still renders or enqueues what it needs.
"""

import datetime
import functools

from django.conf import settings
from django.tasks import task

from documents.pdf_cache import get_plan_pdf, plan_digest, plan_pdf_name
from documents.unit_pdf import UNIT_CSS, render_unit_html, unit_pdf_name
from meetings.models import SchoolBreak, SchoolCalendar
from ops.models import StoredPdf
from ops.pdf import forget, get_pdf, html_digest, html_to_pdf, is_stored
from ops.tasks import enqueue_once, on_commit_once
from routines.models import Municipality, Plan, Routine, Unit
from routines.reading import PDF_CSS as ROUTINE_CSS
from routines.reading import render_routine_html, routine_pdf_name

from . import reminders

# A task waits this long for a render of the same document elsewhere to finish.
RENDER_WAIT_SECONDS = 600
# From a row to its plan: the first of these relations it has, then again from there.
_PATH_TO_PLAN = ("actor", "routine", "milestone", "section", "arena")


@task()
def render_plan_pdf(plan_id, digest):
    """Render and store the plan's PDF unless what it shows now is stored already.

    `digest` is what the plan showed when the task was enqueued (it makes the
    task coalesce with others for the same change); the render is of the plan
    as it is now, so of the latest edit of a burst.
    """
    plan = Plan.objects.select_related("municipality").filter(pk=plan_id).first()
    if plan is None:
        _forget_plan(plan_id)
        return "gone"
    if is_stored(plan_pdf_name(plan), plan_digest(plan)):
        return "stored"
    get_plan_pdf(plan, wait=RENDER_WAIT_SECONDS)
    return "rendered"


@task()
def render_unit_pdf(plan_id, unit_id):
    """Render and store the unit's booklet of the plan unless its HTML is unchanged."""
    plan = Plan.objects.select_related("municipality").filter(pk=plan_id).first()
    unit = Unit.objects.filter(pk=unit_id, municipality__plans=plan_id).first()
    if plan is None or unit is None:
        forget(f"unit:{plan_id}:{unit_id}")
        return "gone"
    return _render_unless_stored(unit_pdf_name(plan, unit), render_unit_html(plan, unit), UNIT_CSS)


@task()
def render_routine_pdf(routine_id, unit_id):
    """Render and store one routine's PDF (unit_id 0: without a unit's text) unless its HTML is unchanged."""
    routine = Routine.objects.select_related("plan__municipality", "responsible").filter(pk=routine_id).first()
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    if routine is None or (unit_id and (unit is None or unit.municipality_id != routine.plan.municipality_id)):
        return "gone"
    return _render_unless_stored(routine_pdf_name(routine, unit), render_routine_html(routine, unit), ROUTINE_CSS)


def _render_unless_stored(name, html, stylesheet):
    """Render and store a document whose digest is its HTML's, unless that HTML's PDF is stored already."""
    digest = html_digest(html, stylesheet)
    if is_stored(name, digest):
        return "stored"
    get_pdf(name, digest, lambda: html_to_pdf(html, stylesheet), wait=RENDER_WAIT_SECONDS)
    return "rendered"


def part_changed(instance):
    """After the commit, schedule the renders of the plans `instance` belongs to (once per plan)."""
    if settings.PDF_RENDER_ON_CHANGE:
        for plan_id in plans_of(instance):
            on_commit_once(("plan", plan_id), functools.partial(schedule_renders, plan_id))


def schedule_renders(plan_id):
    """Enqueue the renders the plan's current state needs: its PDF, and its units' booklets people use."""
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        _forget_plan(plan_id)
        return
    digest = plan_digest(plan)
    if not is_stored(plan_pdf_name(plan), digest):
        enqueue_once(render_plan_pdf, plan.pk, digest)
    booklets = StoredPdf.objects.filter(name__startswith=f"unit:{plan.pk}:").values_list("name", flat=True)
    for unit_id in sorted({int(name.split(":")[2]) for name in booklets}):
        enqueue_once(render_unit_pdf, plan.pk, unit_id)
    # Routines printed on their own before: "routine:<plan>:<routine>:<unit or 0>:<language>".
    routines = StoredPdf.objects.filter(name__startswith=f"routine:{plan.pk}:").values_list("name", flat=True)
    for routine_id, unit_id in sorted({tuple(map(int, name.split(":")[2:4])) for name in routines}):
        enqueue_once(render_routine_pdf, routine_id, unit_id)


def _forget_plan(plan_id):
    forget(plan_pdf_name(Plan(pk=plan_id)))
    forget(f"unit:{plan_id}")
    forget(f"routine:{plan_id}")


def plans_of(instance):
    """The ids of the plans whose documents show `instance` (a unit or a municipality shows in all theirs)."""
    if isinstance(instance, Plan):
        return [instance.pk]
    if isinstance(instance, SchoolBreak):
        instance = instance.calendar
    if isinstance(instance, SchoolCalendar):
        # The school calendar's days off are on the year wheel of the plans of its municipality and year.
        plans = Plan.objects.filter(municipality_id=instance.municipality_id, school_year=instance.school_year)
        return list(plans.exclude(status=Plan.Status.ARCHIVED).values_list("pk", flat=True))
    if isinstance(instance, Municipality | Unit):
        municipality_id = instance.pk if isinstance(instance, Municipality) else instance.municipality_id
        plans = Plan.objects.filter(municipality_id=municipality_id).exclude(status=Plan.Status.ARCHIVED)
        return list(plans.values_list("pk", flat=True))
    row = instance
    while getattr(row, "plan_id", None) is None:
        parent = next((name for name in _PATH_TO_PLAN if getattr(row, f"{name}_id", None) is not None), None)
        if parent is None:
            return []
        row = getattr(row, parent)
    return [row.plan_id]


@task
def send_weekly_digest(day):
    return reminders.weekly_digest(datetime.date.fromisoformat(day))


@task
def send_deadline_reminders(day):
    return reminders.deadline_reminders(datetime.date.fromisoformat(day))


@task
def send_review_reminders(day):
    return reminders.review_reminders(datetime.date.fromisoformat(day))


@task
def send_new_version_notices(plan_id):
    plan = Plan.objects.filter(pk=plan_id).select_related("municipality").first()
    return reminders.new_version_notices(plan) if plan else 0
