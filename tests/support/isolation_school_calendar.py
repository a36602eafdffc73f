"""The school calendar's URLs (meetings), for the project-wide isolation test."""

from tests.support.factories import make_school_calendar


def _municipality(plan):
    return {"municipality_pk": plan.municipality_id}


def _calendar(plan):
    calendar = make_school_calendar(plan.municipality, school_year=plan.school_year)
    return {"municipality_pk": plan.municipality_id, "school_year": calendar.school_year}


SCHOOL_CALENDAR_ISOLATION_CASES = [
    ("meetings:school_calendar_list", _municipality),
    ("meetings:school_calendar_edit", _calendar),
    ("meetings:school_calendar_delete", _calendar),
]
