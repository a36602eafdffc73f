"""Every URL of the meetings app, for the project-wide isolation test.

Each case is (url_name, factory): the factory takes a plan of a municipality
the user does not belong to and returns the URL's kwargs. Methods are checked
before any lookup: the move views accept POST only and the lists GET only, so
the other method answers 405 there rather than 404.
"""

from tests.support.factories import make_arena, make_attachment, make_entry, make_school_calendar, make_target_group


def _plan(plan):
    return {"plan_pk": plan.pk}


def _arena(plan):
    return {"pk": make_arena(plan).pk}


def _arena_attachment(plan):
    return {"pk": make_attachment(make_arena(plan)).pk}


def _target_group(plan):
    return {"pk": make_target_group(plan).pk}


def _entry(plan):
    return {"pk": make_entry(plan).pk}


def _municipality(plan):
    return {"municipality_pk": plan.municipality_id}


def _school_calendar(plan):
    calendar = make_school_calendar(plan.municipality, school_year=plan.school_year)
    return {"municipality_pk": plan.municipality_id, "school_year": calendar.school_year}


MEETINGS_ISOLATION_CASES = [
    ("meetings:arena_list", _plan),
    ("meetings:arena_create", _plan),
    ("meetings:arena_edit", _arena),
    ("meetings:arena_delete", _arena),
    ("meetings:arena_move", _arena),
    ("meetings:arena_attachment_create", _arena),
    ("meetings:arena_attachment_download", _arena_attachment),
    ("meetings:arena_attachment_delete", _arena_attachment),
    ("meetings:target_group_list", _plan),
    ("meetings:target_group_create", _plan),
    ("meetings:target_group_edit", _target_group),
    ("meetings:target_group_delete", _target_group),
    ("meetings:target_group_move", _target_group),
    ("meetings:entry_create", _plan),
    ("meetings:entry_edit", _entry),
    ("meetings:entry_delete", _entry),
    ("meetings:school_calendar_list", _municipality),
    ("meetings:school_calendar_edit", _school_calendar),
    ("meetings:school_calendar_delete", _school_calendar),
]
