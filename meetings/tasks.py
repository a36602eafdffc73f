"""Background renders of a gathering's programme, started by the edits that change it, and of a plan's
year-wheel poster, asked for by its download.

As documents/tasks.py does for plans: a save or delete of the gathering or
one of its rows schedules, after the commit, a render of each language's
programme that someone has downloaded before; the task does nothing when
the programme's HTML is unchanged.
"""

import functools

from django.conf import settings
from django.tasks import task

from meetings.models import Gathering
from meetings.poster import poster_html, poster_pdf_name
from meetings.programme import programme_html, programme_pdf_name
from ops.models import StoredPdf
from ops.pdf import forget, get_pdf, html_digest, html_to_pdf, is_stored
from ops.tasks import enqueue_once, on_commit_once
from routines.models import Plan

RENDER_WAIT_SECONDS = 600


@task()
def render_programme_pdf(gathering_id, language):
    """Render and store the gathering's programme in `language` unless its HTML is unchanged."""
    gathering = Gathering.objects.filter(pk=gathering_id).first()
    if gathering is None:
        forget(f"gathering:{gathering_id}")
        return "gone"
    html = programme_html(gathering, language)
    name, digest = programme_pdf_name(gathering, language), html_digest(html)
    if is_stored(name, digest):
        return "stored"
    get_pdf(name, digest, lambda: html_to_pdf(html), wait=RENDER_WAIT_SECONDS)
    return "rendered"


@task()
def render_year_wheel_poster(plan_id):
    """Render and store the plan's year-wheel poster unless its HTML is unchanged."""
    plan = Plan.objects.select_related("municipality").filter(pk=plan_id).first()
    if plan is None:
        forget(f"wheel:{plan_id}")
        return "gone"
    html = poster_html(plan)
    name, digest = poster_pdf_name(plan), html_digest(html)
    if is_stored(name, digest):
        return "stored"
    get_pdf(name, digest, lambda: html_to_pdf(html), wait=RENDER_WAIT_SECONDS)
    return "rendered"


def part_changed(instance):
    """After the commit, schedule the renders of the programme `instance` belongs to."""
    if not settings.PDF_RENDER_ON_CHANGE:
        return
    gathering_id = gathering_of(instance)
    if gathering_id is not None:
        on_commit_once(("gathering", gathering_id), functools.partial(schedule_renders, gathering_id))


def schedule_renders(gathering_id):
    names = StoredPdf.objects.filter(name__startswith=f"gathering:{gathering_id}:").values_list("name", flat=True)
    for language in sorted(name.rsplit(":", 1)[1] for name in names):
        enqueue_once(render_programme_pdf, gathering_id, language)


def gathering_of(instance):
    """The id of the gathering whose programme shows `instance`, or None."""
    if isinstance(instance, Gathering):
        return instance.pk
    if getattr(instance, "gathering_id", None) is not None:
        return instance.gathering_id
    if getattr(instance, "group_work_id", None) is not None:
        return instance.group_work.gathering_id
    return None
