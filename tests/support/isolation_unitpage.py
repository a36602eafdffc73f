"""Every URL of the unit pages and the units' overview, for the project-wide isolation test.

Each case is (url_name, factory): the factory takes a plan of a municipality
the user does not belong to and returns the URL's kwargs. read_confirm
accepts POST only, so a GET answers 405 before any lookup.
"""

from routines.models import Routine
from tests.support.factories import make_milestone, make_routine, make_unit


def _unit(plan):
    return {"unit_pk": make_unit(plan.municipality).pk}


def _plan_and_unit(plan):
    return {"plan_pk": plan.pk, "unit_pk": make_unit(plan.municipality).pk}


def _unit_text(plan):
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    return {"unit_pk": make_unit(plan.municipality).pk, "routine_pk": routine.pk}


def _milestone_progress(plan):
    return {"unit_pk": make_unit(plan.municipality).pk, "milestone_pk": make_milestone(plan).pk}


UNITPAGE_ISOLATION_CASES = [
    ("documents:unit_page_current", _unit),
    ("documents:unit_page", _plan_and_unit),
    ("documents:unit_pdf", _plan_and_unit),
    ("documents:read_confirm", _plan_and_unit),
    ("documents:unit_text_edit", _unit_text),
    ("documents:milestone_progress_edit", _milestone_progress),
    ("documents:plan_overview", lambda plan: {"pk": plan.pk}),
]
