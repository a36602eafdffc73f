"""Every URL of the year view (progress plan, wheel, feeds, gatherings, sharing) for the isolation test.

Like isolation_cases_meetings: each case is (url_name, factory, method); the
factory takes a plan of a municipality (and region) the user does not belong
to and returns the URL's kwargs. Gatherings are made in that plan's region.
POST-only views answer 405 to GET before any lookup.
"""

import datetime

from meetings.models import AgendaItem, Gathering, GroupWork, GroupWorkStep, WorkGroup
from tests.support.factories import make_attachment

# Not scoped by the URL: the feeds are opened by their secret token (wrong or revoked → 404, see
# test_calendar_feeds), and the lists show only what the user may see (see their own tests).
NOT_OBJECT_URLS = [
    "meetings:plan_feed",
    "meetings:unit_feed",
    "meetings:arena_feed",
    "meetings:gathering_list",
    "documents:region_plans",
    "documents:compare_plans",
    # A permanent redirect to meetings:progress_months, which looks the plan up.
    "meetings:entry_list_moved",
]


def _plan(plan):
    return {"pk": plan.pk}


def _gathering_of(plan):
    return Gathering.objects.create(region=plan.municipality.region, title="Samling", date=datetime.date(2025, 3, 21))


def _gathering(plan):
    return {"pk": _gathering_of(plan).pk}


def _gathering_attachment(plan):
    return {"pk": make_attachment(_gathering_of(plan)).pk}


def _gathering_parent(plan):
    return {"parent_pk": _gathering_of(plan).pk}


def _region(plan):
    return {"region_pk": plan.municipality.region_id}


def _prework(plan):
    return {"pk": _gathering_of(plan).pk, "municipality_pk": plan.municipality_id}


def _agenda_item(plan):
    return {"pk": AgendaItem.objects.create(gathering=_gathering_of(plan), starts_at=datetime.time(9), title="X").pk}


def _group_work_of(plan):
    return GroupWork.objects.create(gathering=_gathering_of(plan), title="Læringskaravane")


def _group_work(plan):
    return {"pk": _group_work_of(plan).pk}


def _group_work_parent(plan):
    return {"parent_pk": _group_work_of(plan).pk}


def _step(plan):
    return {"pk": GroupWorkStep.objects.create(group_work=_group_work_of(plan), text="Steg").pk}


def _group(plan):
    return {"pk": WorkGroup.objects.create(group_work=_group_work_of(plan), name="Gruppe 1").pk}


YEARVIEW_ISOLATION_CASES = [
    ("meetings:progress_months", _plan, "get"),
    ("meetings:year_wheel", _plan, "get"),
    ("meetings:year_wheel_svg", _plan, "get"),
    ("meetings:year_wheel_poster", _plan, "get"),
    ("meetings:feed_subscriptions", _plan, "get"),
    ("meetings:regenerate_feed_token", _plan, "post"),
    ("documents:shared_plan", _plan, "get"),
    ("meetings:gathering_create", _region, "get"),
    ("meetings:gathering_detail", _gathering, "get"),
    ("meetings:gathering_pdf", _gathering, "get"),
    ("meetings:gathering_edit", _gathering, "get"),
    ("meetings:gathering_delete", _gathering, "get"),
    ("meetings:gathering_attachment_create", _gathering, "get"),
    ("meetings:gathering_attachment_download", _gathering_attachment, "get"),
    ("meetings:gathering_attachment_delete", _gathering_attachment, "get"),
    ("meetings:prework_note_edit", _prework, "get"),
    ("meetings:agenda_item_create", _gathering_parent, "get"),
    ("meetings:agenda_item_edit", _agenda_item, "get"),
    ("meetings:agenda_item_delete", _agenda_item, "get"),
    ("meetings:group_work_create", _gathering_parent, "get"),
    ("meetings:group_work_edit", _group_work, "get"),
    ("meetings:group_work_delete", _group_work, "get"),
    ("meetings:group_work_step_create", _group_work_parent, "get"),
    ("meetings:group_work_step_edit", _step, "get"),
    ("meetings:group_work_step_delete", _step, "get"),
    ("meetings:group_work_step_move", _step, "post"),
    ("meetings:work_group_create", _group_work_parent, "get"),
    ("meetings:work_group_edit", _group, "get"),
    ("meetings:work_group_delete", _group, "get"),
    ("meetings:work_group_move", _group, "post"),
]
