"""One way to write times and dates, for every page, PDF, calendar feed and e-mail.

Norwegian convention (Språkrådet): "kl. 12.00–15.30", "14. august 2023", and a
span across New Year carries its year on both ends ("28. oktober 2026 – 4. april
2027"); within one year the year is written once, at the end. English keeps
"12:00–15:30". The patterns are translated strings, so nb and nn get the
Norwegian ones from the catalogue.
"""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.dateformat import time_format
from django.utils.translation import pgettext


def clock(value):
    """A time of day: "12.00" in Norwegian, "12:00" in English."""
    return time_format(value, pgettext("time of day pattern", "H:i"))


def clock_span(starts_at, ends_at=None):
    """ "kl. 12.00–15.30", "kl. 12.00", or "" when there is no time."""
    if not starts_at:
        return ""
    times = clock(starts_at) + (f"–{clock(ends_at)}" if ends_at else "")
    return pgettext("clock times, e.g. 12:00–15:30", "%(times)s") % {"times": times}


def day(value, weekday=False, year=True):
    """ "14. august 2023", with weekday "mandag 14. august 2023", without year "14. august"."""
    pattern = pgettext("date pattern", "j F") if not year else pgettext("date pattern", "j F Y")
    if weekday:
        pattern = "l " + pattern
    return format_date(value, pattern)


def date_span(first, last=None, weekday=False, year=True):
    """One day or a span of days.

    year=True writes the year once at the end, or on both ends when they differ;
    year=False (under a heading that names the month and year) writes no year,
    unless the span crosses New Year: then both ends carry theirs.
    """
    if not last or last == first:
        return day(first, weekday=weekday, year=year)
    across_years = first.year != last.year
    return f"{day(first, weekday=weekday, year=across_years)} – {day(last, weekday=weekday, year=year or across_years)}"


def moment(value):
    """When something happened: "4. desember 2026 kl. 15.30" (local time)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return pgettext("date and time, e.g. 4 December 2026 at 15:30", "%(date)s at %(time)s") % {
        "date": day(value.date()),
        "time": clock_span(value.time()),
    }


# A plan's years -------------------------------------------------------------
#
# A plan is one school year's, or its yearly action plan belongs to a plan period of several
# years (a four-year plan, «2023–2027»). Titles often name the years already; they are never
# written twice («Kompetanseplan 2022–2025 2022/2023»).


def school_year(first_year):
    """2023 → «2023/2024»."""
    return f"{first_year}/{first_year + 1}"


def plan_period(first, last):
    """2023, 2027 → «2023–2027»."""
    return f"{first}–{last}"


def _names_years(title, years):
    """Whether the title already says these years, however its dash or slash is written."""
    normalised = title.replace(" – ", "–").replace(" - ", "–").replace("-", "–").replace(" / ", "/")
    return years in normalised


def plan_years(first_year, period=None, title=""):
    """What follows a plan's title: «2023/2024», or «2023–2027, action plan 2024/2025» for a plan
    period; years the title already names are left out (so it may be "")."""
    year = school_year(first_year)
    if not period:
        return "" if _names_years(title, year) else year
    action_plan = pgettext("plan years", "action plan %(year)s") % {"year": year}
    if _names_years(title, plan_period(*period)):
        return "" if _names_years(title, year) else action_plan
    return pgettext("plan years", "%(period)s, %(action_plan)s") % {
        "period": plan_period(*period),
        "action_plan": action_plan,
    }


def plan_years_described(first_year, period=None):
    """Under a plan's title and on its cover: «School year 2023/2024», or
    «Plan period 2023–2027 · Action plan for the school year 2024/2025»."""
    year = school_year(first_year)
    if not period:
        return pgettext("plan years", "School year %(year)s") % {"year": year}
    return pgettext("plan years", "Plan period %(period)s · Action plan for the school year %(year)s") % {
        "period": plan_period(*period),
        "year": year,
    }
