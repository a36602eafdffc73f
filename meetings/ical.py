"""Progress-plan entries as an iCalendar feed (RFC 5545) for Outlook, Google Calendar and phones.

Entries with a start time are timed events in Europe/Oslo (the VTIMEZONE is
included, so clients do not guess); the others are all-day events, periods
multi-day ones with the exclusive end date RFC 5545 asks for. The UID depends
only on the entry, and SEQUENCE on its version, so a changed entry replaces the
old event in the subscriber's calendar instead of appearing twice.

Whole months and terms are one all-day event on the first day of each of
their months (a monthly RRULE with COUNT), its summary and description
saying the span as written ("I løpet av september–november"), and free
(TRANSP:TRANSPARENT): a month-long event would cover every day of the
calendar grid and block the person's free time. Deadlines are all-day events
on their date with "Frist:" before the summary, not VTODOs: Google Calendar
ignores VTODO in a subscribed feed and Outlook shows it only in its task
list, if at all, so a deadline sent as a task would silently disappear.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ops.dates import clock_span
from routines.school_year import months_in_span

from .progress import headline, milestone_label
from .rhythm import ical_rule, meetings_of, rhythm_days, rhythm_with_note
from .when import kind_label, time_span, when_text

OSLO = ZoneInfo("Europe/Oslo")


def entry_uid(entry):
    return f"entry-{entry.pk}@kibs"


def summary_of(entry):
    text = headline(entry) or _("Progress-plan entry")
    if entry.kind == "deadline":
        return _("Deadline: %(what)s") % {"what": text}
    if entry.is_month_wide:
        return f"{text} ({time_span(entry).lower()})"
    return text


def description_of(entry):
    when = when_text(entry)
    if entry.starts_at:
        when = f"{when}, {clock_span(entry.starts_at, entry.ends_at)}"
    lines = [f"{kind_label(entry)} – {when}", entry.content.strip()]
    if entry.comment:
        lines.append(entry.comment)
    groups = ", ".join(group.name for group in entry.target_groups.all())
    if groups:
        lines.append(_("Target groups: %(groups)s") % {"groups": groups})
    milestones = milestone_label(entry)
    if milestones:
        lines.append(_("Milestones: %(milestones)s") % {"milestones": milestones})
    return "\n\n".join(lines)


def entry_event(entry, stamp):
    event = Event()
    event.add("uid", entry_uid(entry))
    event.add("dtstamp", stamp)
    event.add("sequence", entry.version - 1)
    event.add("summary", summary_of(entry))
    event.add("description", description_of(entry))
    event.add("categories", [kind_label(entry)])
    if entry.place:
        event.add("location", entry.place)
    last_day = entry.ends_on or entry.starts_on
    if entry.is_month_wide:
        event.add("dtstart", entry.starts_on)
        event.add("dtend", entry.starts_on + datetime.timedelta(days=1))
        event.add("rrule", {"freq": "monthly", "count": months_in_span(entry.starts_on, entry.ends_on)})
        event.add("transp", "TRANSPARENT")
    elif entry.starts_at:
        event.add("dtstart", datetime.datetime.combine(entry.starts_on, entry.starts_at, tzinfo=OSLO))
        if entry.ends_at:
            event.add("dtend", datetime.datetime.combine(last_day, entry.ends_at, tzinfo=OSLO))
        elif entry.is_period:
            event.add("dtend", datetime.datetime.combine(last_day, datetime.time(23, 59), tzinfo=OSLO))
    else:
        event.add("dtstart", entry.starts_on)
        event.add("dtend", last_day + datetime.timedelta(days=1))  # DTEND of a DATE is exclusive
    return event


def arena_uid(arena):
    return f"arena-{arena.pk}-rhythm@kibs"


def arena_event(arena, school_year, stamp, calendar=None):
    """The arena's fixed meetings as one recurring event (RRULE) on the school calendar's school days,
    its days off left out as EXDATEs; None when it has no dated rhythm. The UID depends only on the
    arena, so a changed rhythm replaces the series in the subscriber's calendar."""
    rule = ical_rule(arena, school_year, calendar)
    if rule is None:
        return None
    first, rrule = rule
    event = Event()
    event.add("uid", arena_uid(arena))
    event.add("dtstamp", stamp)
    event.add("sequence", arena.version - 1)
    event.add("summary", arena.name)
    event.add("description", rhythm_with_note(arena))
    event.add("categories", [_("Meeting")])
    if arena.rhythm_starts_at:
        event.add("dtstart", datetime.datetime.combine(first, arena.rhythm_starts_at, tzinfo=OSLO))
        rrule["until"] = datetime.datetime.combine(rrule["until"], datetime.time(23, 59), tzinfo=OSLO)
    else:
        event.add("dtstart", first)
        event.add("dtend", first + datetime.timedelta(days=1))
    event.add("rrule", rrule)
    skipped = sorted(set(rhythm_days(arena, school_year, calendar)) - set(meetings_of(arena, school_year, calendar)))
    for day in skipped:
        if arena.rhythm_starts_at:
            event.add("exdate", datetime.datetime.combine(day, arena.rhythm_starts_at, tzinfo=OSLO))
        else:
            event.add("exdate", day)
    return event


def build_calendar(name, entries, arenas=(), school_year=None, school_calendar=None):
    """The feed as bytes: one VEVENT per entry, and one recurring VEVENT per arena with a fixed rhythm
    (on the school days of the `school_calendar`, when the municipality has entered one)."""
    entries = list(entries)
    calendar = Calendar()
    calendar.add("prodid", "-//KIBS//Fremdriftsplan//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # A name is one line: a title posted with a line break would make icalendar refuse the whole feed.
    calendar.add("x-wr-calname", " ".join(name.split()))
    calendar.add("x-wr-timezone", "Europe/Oslo")
    stamp = timezone.now()
    for entry in entries:
        calendar.add_component(entry_event(entry, stamp))
    for arena in arenas:
        event = arena_event(arena, school_year, stamp, school_calendar)
        if event is not None:
            calendar.add_component(event)
    if entries or arenas:
        # Daylight-saving rules for the plan's own years only, not 1970–2038: a far smaller feed.
        margin = datetime.timedelta(days=366)
        days = [entry.starts_on for entry in entries] + [entry.ends_on for entry in entries if entry.ends_on]
        if school_year is not None:
            days += [datetime.date(school_year, 8, 1), datetime.date(school_year + 1, 7, 31)]
        first, last = min(days) - margin, max(days) + margin
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
