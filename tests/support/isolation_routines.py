"""Every URL of the routines app that names an object, for the project-wide isolation test.

Each case is (url_name, factory): the factory takes a plan of a municipality
the user does not belong to and returns the URL's kwargs. Methods are checked
before any lookup: the move views accept POST only and the read-only pages
GET only, so the other method answers 405 there rather than 404.
"""

from routines.models import Routine
from tests.support.factories import (
    make_actor,
    make_attachment,
    make_focus_area,
    make_milestone,
    make_routine,
    make_section,
    make_unit,
)


def _plan(plan):
    return {"plan_pk": plan.pk}


def _the_plan(plan):
    return {"pk": plan.pk}


def _focus_area(plan):
    return {"pk": make_focus_area(plan).pk}


def _section(plan):
    return {"pk": make_section(plan).pk}


def _actor(plan):
    return {"pk": make_actor(plan).pk}


def _duty(plan):
    return {"pk": make_actor(plan, duties=["Sørger for at rutinene er kjent"]).duties.get().pk}


def _milestone(plan):
    return {"pk": make_milestone(plan).pk}


def _routine(plan):
    return {"pk": make_routine(plan).pk}


def _routine_attachment(plan):
    return {"pk": make_attachment(make_routine(plan)).pk}


def _section_attachment(plan):
    return {"pk": make_attachment(make_section(plan)).pk}


def _unit_text(plan):
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    return {"routine_pk": routine.pk, "unit_pk": make_unit(plan.municipality).pk}


def _municipality(plan):
    return {"municipality_pk": plan.municipality_id}


def _unit(plan):
    return {"pk": make_unit(plan.municipality).pk}


ROUTINES_ISOLATION_CASES = [
    ("documents:plan_detail", _the_plan),
    ("documents:plan_edit", _the_plan),
    ("documents:plan_review", _the_plan),
    ("documents:plan_delete", _the_plan),
    ("routines:focus_area_list", _plan),
    ("routines:focus_area_create", _plan),
    ("routines:focus_area_edit", _focus_area),
    ("routines:focus_area_delete", _focus_area),
    ("routines:focus_area_move", _focus_area),
    ("routines:section_list", _plan),
    ("routines:section_create", _plan),
    ("routines:section_edit", _section),
    ("routines:section_delete", _section),
    ("routines:section_move", _section),
    ("routines:actor_list", _plan),
    ("routines:actor_create", _plan),
    ("routines:actor_edit", _actor),
    ("routines:actor_delete", _actor),
    ("routines:actor_move", _actor),
    ("routines:duty_move", _duty),
    ("routines:milestone_list", _plan),
    ("routines:milestone_create", _plan),
    ("routines:milestone_edit", _milestone),
    ("routines:milestone_delete", _milestone),
    ("routines:routine_list", _plan),
    ("routines:routine_create", _plan),
    ("routines:routine_detail", _routine),
    ("routines:routine_edit", _routine),
    ("routines:routine_review", _routine),
    ("routines:routine_delete", _routine),
    ("routines:routine_move", _routine),
    ("routines:routine_unit_text", _unit_text),
    ("routines:routine_attachment_create", _routine),
    ("routines:routine_attachment_download", _routine_attachment),
    ("routines:routine_attachment_delete", _routine_attachment),
    ("routines:section_attachment_create", _section),
    ("routines:section_attachment_download", _section_attachment),
    ("routines:section_attachment_delete", _section_attachment),
    ("routines:unit_list", _municipality),
    ("routines:municipality_look", _municipality),
    ("routines:unit_create", _municipality),
    ("routines:unit_edit", _unit),
    ("routines:unit_delete", _unit),
]
