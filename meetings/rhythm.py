"""An arena's rhythm: the rule, its meetings in the school year, and the rule in words.

Weekly and every-second-week rhythms count from their first meeting; a monthly
rhythm is a weekday of a given week of the month (the fifth means the last,
as not every month has five); "n times a term" and "as needed" have no dates
of their own. Meetings run from the first meeting (or 1 August) to 30 June:
July is the summer holiday. When the municipality has entered its school
calendar, they run on its school days only: from the first to the last
school day, and never in a holiday or on a planning day.
"""

import datetime

from django.utils import dateformat
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from routines.school_year import school_year_months

DATED = ("weekly", "every_second_week", "monthly")
ORDINALS = {
    1: gettext_lazy("first"),
    2: gettext_lazy("second"),
    3: gettext_lazy("third"),
    4: gettext_lazy("fourth"),
    5: gettext_lazy("last"),
}
LAST_WEEK = 5


def rhythm_problems(arena):
    """{field: message} for a rhythm that lacks what it needs."""
    problems = {}
    if arena.rhythm in ("weekly", "every_second_week") and not arena.rhythm_starts_on:
        problems["rhythm_starts_on"] = _("Give the date of the first meeting: it sets the weekday and the week.")
    if arena.rhythm == "monthly":
        if arena.rhythm_weekday is None:
            problems["rhythm_weekday"] = _("Choose the weekday.")
        if arena.rhythm_week not in ORDINALS:
            problems["rhythm_week"] = _("Choose the week of the month: 1 to 4, or 5 for the last.")
    if arena.rhythm == "per_term" and not 1 <= (arena.rhythm_times or 0) <= 20:
        problems["rhythm_times"] = _("Give how many times a term, from 1 to 20.")
    return problems


def weekday_of(arena):
    if arena.rhythm in ("weekly", "every_second_week") and arena.rhythm_starts_on:
        return arena.rhythm_starts_on.weekday()
    return arena.rhythm_weekday


def rhythm_words(arena):
    """«annenhver tirsdag kl. 12.00», «første tirsdag i måneden», «to ganger i semesteret»; '' for none."""
    if rhythm_problems(arena):
        return ""
    weekday = WEEKDAYS.get(weekday_of(arena), "")
    words = {
        "weekly": lambda: _("every %(weekday)s") % {"weekday": weekday},
        "every_second_week": lambda: _("every second %(weekday)s") % {"weekday": weekday},
        "monthly": lambda: (
            _("the %(nth)s %(weekday)s of the month") % {"nth": ORDINALS.get(arena.rhythm_week, ""), "weekday": weekday}
        ),
        "per_term": lambda: (
            ngettext("once a term", "%(count)s times a term", arena.rhythm_times or 0) % {"count": arena.rhythm_times}
        ),
        "as_needed": lambda: _("as needed"),
    }.get(arena.rhythm)
    if words is None:
        return ""
    text = str(words())
    if arena.rhythm_starts_at and arena.rhythm != "as_needed":
        text = f"{text} {_('at %(time)s') % {'time': dateformat.format(arena.rhythm_starts_at, 'H.i')}}"
    return text


def rhythm_with_note(arena):
    """The rule in words and the free-text note, as the arena tables show them."""
    return " – ".join(part for part in (rhythm_words(arena), arena.frequency) if part)


def season(school_year, starts_on=None, calendar=None):
    """From the first meeting (or 1 August, or the first school day) to 30 June (or the last school day)."""
    first, last = datetime.date(school_year, 8, 1), datetime.date(school_year + 1, 6, 30)
    if calendar is not None:
        first, last = calendar.first_day, calendar.last_day
    return max(first, starts_on) if starts_on else first, last


def meetings_of(arena, school_year, calendar=None):
    """The arena's meeting days in the school year, in order; the school calendar's days off left out."""
    off = calendar.days_off() if calendar is not None else {}
    return [day for day in rhythm_days(arena, school_year, calendar) if day not in off]


def rhythm_days(arena, school_year, calendar=None):
    """Every day the rule gives in its season, holidays included (the calendar's EXDATEs are the difference)."""
    if arena.rhythm not in DATED or rhythm_problems(arena):
        return []
    first, last = season(school_year, arena.rhythm_starts_on, calendar)
    if arena.rhythm == "monthly":
        days = [
            nth_weekday(month, arena.rhythm_weekday, arena.rhythm_week) for month in school_year_months(school_year)
        ]
        days = [day for day in days if first <= day <= last]
    else:
        step = datetime.timedelta(weeks=1 if arena.rhythm == "weekly" else 2)
        days, day = [], arena.rhythm_starts_on
        while day <= last:
            if day >= first:
                days.append(day)
            day += step
    return days


def nth_weekday(month_first, weekday, week):
    """The `week`-th given weekday of the month (5: the last)."""
    first = month_first + datetime.timedelta(days=(weekday - month_first.weekday()) % 7)
    if week != LAST_WEEK:
        return first + datetime.timedelta(weeks=week - 1)
    day = first
    while (day + datetime.timedelta(weeks=1)).month == month_first.month:
        day += datetime.timedelta(weeks=1)
    return day


ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def ical_rule(arena, school_year, calendar=None):
    """(first day, RRULE dict) of a dated rhythm for iCalendar, or None."""
    days = rhythm_days(arena, school_year, calendar)
    if not days:
        return None
    until = season(school_year, calendar=calendar)[1]
    day = ICAL_DAYS[weekday_of(arena)]
    if arena.rhythm == "monthly":
        position = -1 if arena.rhythm_week == LAST_WEEK else arena.rhythm_week
        return days[0], {"freq": "monthly", "byday": f"{position}{day}", "until": until}
    interval = 1 if arena.rhythm == "weekly" else 2
    return days[0], {"freq": "weekly", "interval": interval, "byday": day, "until": until}


def next_meetings(arenas, school_year, today, calendar=None, count=6):
    """The arenas' next `count` fixed meetings from today on, as (day, arena) in date order."""
    found = [(day, arena) for arena in arenas for day in meetings_of(arena, school_year, calendar) if day >= today]
    return sorted(found, key=lambda meeting: (meeting[0], meeting[1].name))[:count]
