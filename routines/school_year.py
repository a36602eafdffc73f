"""School-year arithmetic, in one place.

A school year runs from 1 August to 31 July and is named by the calendar year
it begins in (`Plan.school_year` 2025 is 2025/2026). Everything that asks
"which school year", "which month of it" or "is it over" asks here, so the
plan form, the progress plan, the year wheel, the unit page and the
next-year copy always agree.
"""

import datetime

from django.utils import timezone

FIRST_MONTH = 8  # August


def current_school_year(today=None):
    """In spring the running school year is the one that began last autumn."""
    today = today or timezone.localdate()
    return today.year if today.month >= FIRST_MONTH else today.year - 1


def school_year_months(school_year):
    """The first day of each of the school year's twelve months, August to July."""
    return [
        datetime.date(school_year + (month < FIRST_MONTH), month, 1)
        for month in [(FIRST_MONTH - 1 + index) % 12 + 1 for index in range(12)]
    ]


def month_of_school_year(day):
    """0 for August … 11 for July."""
    return (day.month - FIRST_MONTH) % 12


def school_year_span(school_year):
    """Its first and last day: 1 August and 31 July."""
    first = datetime.date(school_year, FIRST_MONTH, 1)
    return first, datetime.date(school_year + 1, FIRST_MONTH, 1) - datetime.timedelta(days=1)


def school_year_is_over(school_year, today):
    """Over once its last day, 31 July, has passed."""
    return today > school_year_span(school_year)[1]


def same_day_next_year(day):
    """The same weekday of the same ISO week one year later: Monday 14.08.2023 → Monday 12.08.2024.

    Meetings follow the week plan, not the calendar date. Week 53 exists only
    in some years; without it the day falls in week 52.
    """
    year, week, weekday = day.isocalendar()
    weeks_next_year = datetime.date(year + 1, 12, 28).isocalendar().week
    return datetime.date.fromisocalendar(year + 1, min(week, weeks_next_year), weekday)


def school_year_label(school_year):
    """2025 → «2025/2026», as Plan.school_year_label writes it."""
    return f"{school_year}/{school_year + 1}"
