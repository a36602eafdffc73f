"""The municipality's school calendars in a plan file (`municipality.school_calendars`).

A school calendar belongs to the municipality and a school year, not to one
plan, so it travels with the municipality's part of the file. Like the
plan-file module, this reaches the meetings app's models through related
managers only.
"""

import datetime

from django.utils.translation import gettext as _

from routines.school_year import school_year_label, school_year_span


def parse_date(value):
    """A `YYYY-MM-DD` string's date, or None (the schema has checked the pattern)."""
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def export_calendars(municipality, school_year=None):
    calendars = municipality.school_calendars.prefetch_related("breaks").order_by("school_year")
    if school_year is not None:
        calendars = calendars.filter(school_year=school_year)
    return [
        {
            "school_year": calendar.school_year,
            "first_day": calendar.first_day.isoformat(),
            "last_day": calendar.last_day.isoformat(),
            "note": calendar.note,
            "breaks": [
                {
                    "kind": school_break.kind,
                    "name": school_break.name,
                    "starts_on": school_break.starts_on.isoformat(),
                    "ends_on": school_break.ends_on.isoformat() if school_break.ends_on else None,
                }
                for school_break in calendar.breaks.all()
            ],
        }
        for calendar in calendars
    ]


def import_calendars(municipality, calendars):
    """The file's calendars replace the municipality's of the same school years; the others stay."""
    for data in calendars:
        municipality.school_calendars.filter(school_year=data["school_year"]).delete()
        calendar = municipality.school_calendars.create(
            school_year=data["school_year"],
            first_day=parse_date(data["first_day"]),
            last_day=parse_date(data["last_day"]),
            note=data.get("note", ""),
        )
        for school_break in data.get("breaks", []):
            calendar.breaks.create(
                kind=school_break["kind"],
                name=school_break.get("name", ""),
                starts_on=parse_date(school_break["starts_on"]),
                ends_on=parse_date(school_break.get("ends_on")),
            )


def calendar_problems(calendars, path):
    """What the schema cannot say: real dates inside the school year, in order, one calendar a year.

    (path, message) pairs; the plan file's validation makes them its Problems.
    """
    problems, years = [], set()
    for index, calendar in enumerate(calendars if isinstance(calendars, list) else []):
        if not isinstance(calendar, dict) or not isinstance(calendar.get("school_year"), int):
            continue
        here = f"{path}[{index}]"
        year = calendar["school_year"]
        if year in years:
            problems.append((f"{here}.school_year", _("Another school calendar is for the same school year.")))
        years.add(year)
        problems += _days_in_year(calendar, ("first_day", "last_day"), year, here)
        first, last = parse_date(calendar.get("first_day")), parse_date(calendar.get("last_day"))
        if first and last and last < first:
            problems.append((f"{here}.last_day", _("The last school day cannot come before the first.")))
        breaks = calendar.get("breaks")
        for number, school_break in enumerate(breaks if isinstance(breaks, list) else []):
            if not isinstance(school_break, dict):
                continue
            there = f"{here}.breaks[{number}]"
            problems += _days_in_year(school_break, ("starts_on", "ends_on"), year, there)
            starts_on, ends_on = parse_date(school_break.get("starts_on")), parse_date(school_break.get("ends_on"))
            if starts_on and ends_on and ends_on < starts_on:
                problems.append((f"{there}.ends_on", _("The last day off cannot come before the first.")))
    return problems


def _days_in_year(item, fields, school_year, path):
    first, last = school_year_span(school_year)
    problems = []
    for field in fields:
        value = item.get(field)
        if value is None:
            continue
        day = parse_date(value)
        if day is None:
            problems.append((f"{path}.{field}", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}))
        elif not first <= day <= last:
            problems.append(
                (
                    f"{path}.{field}",
                    _("The day must lie in the school year %(year)s (1 August to 31 July).")
                    % {"year": school_year_label(school_year)},
                )
            )
    return problems
