"""Template filters of ops/dates.py: {{ entry.starts_at|clock_span:entry.ends_at }},
{{ entry.starts_on|date_span:entry.ends_on }}, {{ record.history_date|moment }}."""

from django import template

from ops import dates

register = template.Library()


@register.filter
def clock_span(starts_at, ends_at=None):
    return dates.clock_span(starts_at, ends_at)


@register.filter
def date_span(first, last=None):
    return dates.date_span(first, last)


@register.filter
def date_span_with_weekday(first, last=None):
    return dates.date_span(first, last, weekday=True)


@register.filter
def date_span_under_month(first, last=None):
    """Under a heading naming month and year: weekdays, and years only across New Year."""
    return dates.date_span(first, last, weekday=True, year=False)


@register.filter
def day(value, weekday=""):
    return dates.day(value, weekday=bool(weekday))


@register.filter
def moment(value):
    return dates.moment(value) if value else ""
