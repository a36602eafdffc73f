"""Searching a plan and reading one routine on its own, for the project-wide isolation test (tests/test_isolation.py).

GET only: a POST is refused (405) before anything is looked up.
"""

from tests.support.factories import make_routine, make_unit


def _routine(plan):
    return {"pk": make_routine(plan).pk}


def _routine_of_unit(plan):
    return {"pk": make_routine(plan).pk, "unit_pk": make_unit(plan.municipality).pk}


READ_AND_SEARCH_ISOLATION_CASES = [
    ("documents:search_plan", lambda plan: {"pk": plan.pk}),
    ("routines:routine_page", _routine),
    ("routines:routine_pdf", _routine),
    ("routines:routine_page_of_unit", _routine_of_unit),
    ("routines:routine_pdf_of_unit", _routine_of_unit),
]
