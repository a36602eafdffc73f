"""Every URL of the unit pages, their employees and comments, the units' overview and the change summary,
for the project-wide isolation test.

Each case is (url_name, factory): the factory takes a plan of a municipality
the user does not belong to and returns the URL's kwargs. read_confirm
accepts POST only, so a GET answers 405 before any lookup.
"""

from tests.support.factories import make_member, make_milestone, make_unit


def _unit(plan):
    return {"unit_pk": make_unit(plan.municipality).pk}


def _plan_and_unit(plan):
    return {"plan_pk": plan.pk, "unit_pk": make_unit(plan.municipality).pk}


def _employee(plan):
    unit = make_unit(plan.municipality)
    return {"unit_pk": unit.pk, "user_pk": make_member("employee", unit=unit).pk}


def _milestone_progress(plan):
    return {"unit_pk": make_unit(plan.municipality).pk, "milestone_pk": make_milestone(plan).pk}


# A permanent redirect to routines:routine_unit_text, which looks the objects up (see isolation_routines).
NOT_OBJECT_URLS = ["documents:unit_text_moved"]

UNITPAGE_ISOLATION_CASES = [
    ("documents:unit_page_current", _unit),
    ("documents:unit_page", _plan_and_unit),
    ("documents:unit_pdf", _plan_and_unit),
    ("documents:read_confirm", _plan_and_unit),
    ("documents:milestone_progress_edit", _milestone_progress),
    ("documents:plan_overview", lambda plan: {"pk": plan.pk}),
    ("documents:unit_comment", _plan_and_unit),
    ("documents:unit_employees", _unit),
    ("documents:employee_remove", _employee),
    ("documents:plan_changes", lambda plan: {"pk": plan.pk}),
    ("documents:plan_changes_to_read", lambda plan: {"pk": plan.pk}),
]
