"""School-year arithmetic, in one place.

A school year runs from 1 August to 31 July and is named by the calendar year
it begins in (`Plan.school_year` 2025 is 2025/2026). Everything that asks
"which school year", "which month of it" or "is it over", "which months are the
autumn term" or "where does this move next year" asks here, so the plan
form, the progress plan, the year wheel, the unit page and the next-year
copy always agree.
"""

import datetime
import re

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


def school_year_label(school_year):
    """2025 → «2025/2026», as Plan.school_year_label writes it."""
    return f"{school_year}/{school_year + 1}"


# Terms: "høsten" is August to December, "våren" January to June; the whole
# school year as a term ("hele skoleåret") is August to June, as July is the
# summer holiday.
AUTUMN, SPRING, WHOLE_YEAR = "autumn", "spring", "year"
TERM_MONTHS = {AUTUMN: (8, 12), SPRING: (1, 6), WHOLE_YEAR: (8, 6)}


def month_span(first_month, last_month):
    """The first day of `first_month` and the last day of `last_month` (both first days of a month)."""
    following = (last_month + datetime.timedelta(days=32)).replace(day=1)
    return first_month, following - datetime.timedelta(days=1)


def term_span(school_year, term):
    """First and last day of a term of the school year."""
    first, last = TERM_MONTHS[term]
    return month_span(
        datetime.date(school_year + (first < FIRST_MONTH), first, 1),
        datetime.date(school_year + (last < FIRST_MONTH), last, 1),
    )


def term_of(starts_on, ends_on):
    """The term these dates span exactly, or None."""
    school_year = current_school_year(starts_on)
    for term in TERM_MONTHS:
        if term_span(school_year, term) == (starts_on, ends_on):
            return term
    return None


def is_whole_months(starts_on, ends_on):
    """From the first of a month to the last day of a month."""
    return bool(starts_on and ends_on and starts_on.day == 1 and (ends_on + datetime.timedelta(days=1)).day == 1)


def months_in_span(starts_on, ends_on):
    """How many calendar months from starts_on's month to ends_on's month, both counted."""
    return (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month + 1


def same_months_next_year(starts_on, ends_on):
    """Month and term items keep their months: September–November stays September–November."""
    return month_span(starts_on.replace(year=starts_on.year + 1), ends_on.replace(day=1, year=ends_on.year + 1))


def same_date_next_year(day):
    """A deadline keeps its calendar date: 1 March stays 1 March (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def same_weekday_of_month_next_year(day):
    """The same weekday in the same week of the month one year later: the first Tuesday of
    September stays the first Tuesday of September; a meeting in a month's last week (the fifth
    weekday that not every month has) stays in its last week.
    """
    nth = (day.day - 1) // 7  # 0 for the first such weekday of the month
    first = day.replace(year=day.year + 1, day=1)
    candidate = first + datetime.timedelta(days=(day.weekday() - first.weekday()) % 7 + 7 * nth)
    if candidate.month != first.month:
        candidate -= datetime.timedelta(days=7)
    return candidate


def is_weekend(day):
    return day.weekday() >= 5


COURSE_WORDS = re.compile(r"kurs|samling|fagdag|fagfredag|temadag|opplæring|workshop|arbeidsverksted", re.IGNORECASE)


def guess_kind_and_precision(starts_on, ends_on, text):
    """(kind, precision) of an entry written before entries had them: plan files of version 1
    and entries saved before the kinds came.

    A span of whole months is a task in the period ("I løpet av september–november"), or a term
    when it is exactly one; a first line that names a deadline ("15. mai – frist for søknad") is a
    deadline; a course, gathering or day of learning ("Ledersamling", "Felles fagdag") is a
    course; anything else on a day is a meeting. People check the result: copies mark every
    entry to review.
    """
    first_line = next((line.strip(" -*#·\t") for line in text.splitlines() if line.strip(" -*#·\t")), "")
    if ends_on and ends_on != starts_on and is_whole_months(starts_on, ends_on):
        return "task", "term" if term_of(starts_on, ends_on) else "months"
    if re.search(r"\bfrist(en|er)?\b", first_line, re.IGNORECASE):
        return "deadline", "day"
    if COURSE_WORDS.search(first_line):
        return "course", "day"
    return "meeting", "day"
