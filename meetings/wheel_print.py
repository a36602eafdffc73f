"""The year wheel for paper: every month's entries as short labels around the circle.

The screen wheel (wheel.py) marks entries and names them in tooltips; paper
has no tooltips. Here each month's sector has a block of labels outside the
circle, beside its sector: the kind's icon, the day and the entry's short
name, cut at a word with "…", and "+N til" when the month is full. Periods are
one arc per target group in the inner circle (a group's overlapping periods
make one clean arc, never a tangle), the school calendar's days off a grey
band just outside the circle, and the arenas' fixed meetings small rings on
its edge. One drawing for the plan PDF's year-wheel page and the poster.
"""

import math

from django.utils import dateformat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from routines.school_year import school_year_months

from .progress import headline, months_of, plan_entries
from .rhythm import DATED
from .school_calendar import calendar_of
from .wheel import DASHES, angle_of, arc_path, group_styles, point
from .when import ICON_PATHS, kind_label, time_span

WIDTH, HEIGHT = 1600, 1130  # landscape, the proportions of A4 and A3
CENTRE_X, CENTRE_Y = 800, 575
RADIUS = 300
LABELS_AT = RADIUS + 40
FONT, LINE = 13, 16
LABEL_CHARACTERS = 42
# How many labels fit beside a month: more at the top and bottom, where a block has room to grow.
ROOM = {"side": 7, "end": 11}


def _point(radius, degrees):
    x, y = point(radius, degrees)  # wheel.py's point is about its own centre
    return x - 400 + CENTRE_X, y - 400 + CENTRE_Y


def _arc(radius, start, end):
    """An arc about this drawing's centre (wheel.py's arc_path, moved)."""
    return f'<g transform="translate({CENTRE_X - 400},{CENTRE_Y - 400})"><path d="{arc_path(radius, start, end)}"'


def short(text, limit=LABEL_CHARACTERS):
    """Cut at a word, with "…": "Regionalt arbeidsverksted Kompetanseløftet" stays whole, longer text ends early."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return f"{cut.rstrip(' ,.;:–-')}…"


def label_of(row):
    """ "4. SUT", "14.–15. Ledersamling", "September–november: BTI …": when, then what."""
    entry = row.entry
    span = time_span(entry)
    if span:
        when = span
    elif entry.is_period and entry.ends_on.month == entry.starts_on.month:
        when = f"{entry.starts_on.day}.–{entry.ends_on.day}."
    elif entry.is_period:
        when = f"{dateformat.format(entry.starts_on, 'j.n.')}–{dateformat.format(entry.ends_on, 'j.n.')}"
    else:
        when = f"{entry.starts_on.day}."
    return short(f"{when} {headline(entry)}")


def month_labels(month):
    """The labels of a month's own entries (a period is labelled in the month it starts)."""
    return [(row.entry, label_of(row)) for row in month.rows if not row.continued]


def print_wheel(plan):
    """What a printed year wheel shows: {'svg', 'months' (its text alternative), 'count' (entries)}.

    The one function the plan PDF's year-wheel page and the poster call.
    """
    entries = _entries_of(plan)
    calendar = calendar_of(plan)
    arenas = [arena for arena in plan.arenas.all() if arena.rhythm in DATED]
    months = months_of(plan, entries, arenas, calendar)
    # Built from the plan's own text, escaped here.
    svg = mark_safe(render_print_wheel_svg(plan, months, calendar)) if entries else ""
    return {"svg": svg, "months": months, "count": len(entries)}


def _entries_of(plan):
    """The entries as loaded with all the plan's parts (the plan's PDF: no query), else fetched (the poster)."""
    if "progress_entries" in getattr(plan, "_prefetched_objects_cache", {}):
        return list(plan.progress_entries.all())
    return list(plan_entries(plan))


def render_print_wheel_svg(plan, months, calendar=None):
    """The printable wheel as inline SVG (str). `months` come from progress.months_of (with the calendar)."""
    target_groups = list(plan.target_groups.all())
    styles = group_styles(target_groups)
    title = _("Year wheel %(year)s: %(title)s") % {"year": plan.school_year_label, "title": plan.title}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" class="year-wheel-print" '
        'role="img" aria-labelledby="print-wheel-title" aria-describedby="print-wheel-list-caption" font-family="sans-serif">',
        f'<title id="print-wheel-title">{escape(title)}</title>',
    ]
    parts += _sectors(plan)
    parts += _days_off(calendar)
    parts += _period_arcs(months, target_groups, styles, calendar)
    parts += _day_marks(months)
    parts += _fixed_meetings(months)
    by_month = {month.first_day: month for month in months}
    for index, first in enumerate(school_year_months(plan.school_year)):
        month = by_month.get(first)
        parts += _label_block(index, first, month_labels(month) if month else [])
    parts += _legend(target_groups, styles, calendar is not None)
    parts.append("</svg>")
    return "\n".join(parts)


def _sectors(plan):
    parts = []
    for index, first in enumerate(school_year_months(plan.school_year)):
        start, end = index * 30, (index + 1) * 30
        x0, y0 = _point(RADIUS, start)
        x1, y1 = _point(RADIUS, end)
        shade = "#f0f0f0" if index % 2 else "#ffffff"
        parts.append(
            f'<path d="M{CENTRE_X},{CENTRE_Y}L{x0:.1f},{y0:.1f}A{RADIUS},{RADIUS} 0 0,1 {x1:.1f},{y1:.1f}Z" '
            f'fill="{shade}" stroke="#555" stroke-width="1"/>'
        )
        x, y = _point(RADIUS - 30, start + 15)
        name = dateformat.format(first, "F").capitalize()
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="middle" font-size="17" '
            f'font-weight="bold">{escape(name)}</text>'
        )
    return parts


def _days_off(calendar):
    if calendar is None:
        return []
    parts = []
    for school_break in calendar.breaks.all():
        start, end = angle_of(school_break.starts_on, 0), angle_of(school_break.last_day, 1)
        parts.append(
            f"{_arc(RADIUS + 9, start, max(end, start + 1))}"
            f' fill="none" stroke="#666" stroke-width="12"><title>{escape(school_break.label)}</title></path></g>'
        )
    return parts


def _period_arcs(months, target_groups, styles, calendar=None):
    """One track per target group with periods; its periods drawn on it, so overlapping ones merge."""
    periods = {}
    for month in months:
        for row in month.rows:
            if row.entry.is_period and not row.continued:
                groups = list(row.entry.target_groups.all())
                periods.setdefault(groups[0].pk if groups else None, []).append(row.entry)
    keys = [group.pk for group in target_groups if group.pk in periods] + ([None] if None in periods else [])
    if not keys:
        return []
    inner, outer = 70, RADIUS - 60
    width = (outer - inner) / len(keys)
    parts = []
    for track, key in enumerate(keys):
        radius = outer - (track + 0.5) * width
        style = styles.get(key)
        colour, dash = (style.colour, style.dash) if style else ("#999999", DASHES[0])
        dash = "" if dash == "none" else f' stroke-dasharray="{dash}"'
        stroke = min(width * 0.6, 10)
        for entry in periods[key]:
            first, last = entry.starts_on, entry.ends_on
            if entry.term == "year" and calendar is not None:
                first, last = calendar.first_day, calendar.last_day  # "the whole school year" is its school days
            start, end = angle_of(first, 0), angle_of(last, 1)
            if end <= start:
                end += 360
            parts.append(
                f'{_arc(radius, start, end)} fill="none" stroke="#000" stroke-width="{stroke + 2:.1f}"/>'
                f'<path d="{arc_path(radius, start, end)}" fill="none" stroke="{colour}" '
                f'stroke-width="{stroke:.1f}"{dash}/></g>'
            )
    return parts


def _day_marks(months):
    parts = []
    for month in months:
        for row in month.day_rows:
            if row.continued or row.entry.is_period:
                continue
            x, y = _point(RADIUS - 45, angle_of(row.entry.starts_on))
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#000"/>')
    return parts


def _fixed_meetings(months):
    parts = []
    for month in months:
        for _arena, days in month.arena_meetings:
            for day in days:
                x, y = _point(RADIUS - 6, angle_of(day))
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#fff" stroke="#000" stroke-width="1.3"/>')
    return parts


def _label_block(index, first, labels):
    """The month's labels beside its sector: right of the circle they start at the sector, left of it they end
    there; at the top they grow upwards, at the bottom downwards, at the sides around the sector's middle."""
    degrees = index * 30 + 15
    upright = math.cos(math.radians(degrees))
    # Beside the circle's widest part a block needs more room: its upper and lower lines come nearer.
    x, y = _point(LABELS_AT if abs(upright) > 0.9 else LABELS_AT + 30, degrees)
    right = math.sin(math.radians(degrees)) > 0
    room = ROOM["end"] if abs(upright) > 0.9 else ROOM["side"]
    shown = labels if len(labels) <= room else labels[: room - 1]
    lines = [(None, dateformat.format(first, "F Y").capitalize())] + shown
    if len(shown) < len(labels):
        lines.append((None, _("+%(count)s more") % {"count": len(labels) - len(shown)}))
    if upright > 0.9:
        top = y - (len(lines) - 1) * LINE
    elif upright < -0.9:
        top = y + LINE
    else:
        top = y - (len(lines) - 1) * LINE / 2
    anchor = "start" if right else "end"
    parts = []
    for number, (entry, text) in enumerate(lines):
        line_y = top + number * LINE
        weight = ' font-weight="bold"' if number == 0 else ""
        text_x = x + 18 if right and entry else x - 18 if entry else x
        parts.append(
            f'<text x="{text_x:.1f}" y="{line_y:.1f}" text-anchor="{anchor}" font-size="{FONT}"{weight}>'
            f"{escape(text)}</text>"
        )
        if entry is not None:
            icon_x = x if right else x - 14
            parts.append(
                f'<path transform="translate({icon_x:.1f},{line_y - 11:.1f}) scale(0.8)" d="{ICON_PATHS[entry.kind]}" '
                'fill="none" stroke="#000" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round">'
                f"<title>{escape(kind_label(entry))}</title></path>"
            )
    return parts


def _legend(target_groups, styles, with_days_off):
    parts = [f'<text x="20" y="40" font-size="15" font-weight="bold">{escape(_("Kinds"))}</text>']
    for number, (kind, label) in enumerate(
        [
            ("meeting", _("Meeting")),
            ("deadline", _("Deadline")),
            ("course", _("Course or gathering")),
            ("task", _("Task in a period")),
        ],
        start=1,
    ):
        y = 40 + number * 22
        parts.append(
            f'<path transform="translate(20,{y - 12}) scale(0.9)" d="{ICON_PATHS[kind]}" fill="none" stroke="#000" '
            'stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round"/>'
            f'<text x="44" y="{y}" font-size="{FONT}">{escape(label)}</text>'
        )
    grouped = [group for group in target_groups if group.pk in styles]
    top = HEIGHT - 30 - 20 * len(grouped)
    if grouped:
        parts.append(
            f'<text x="20" y="{top - 8}" font-size="15" font-weight="bold">'
            f"{escape(_('Periods, one arc per target group'))}</text>"
        )
    for number, group in enumerate(grouped, start=1):
        style = styles[group.pk]
        y = top + number * 20
        dash = "" if style.dash == "none" else f' stroke-dasharray="{style.dash}"'
        parts.append(
            f'<path d="M20,{y - 5}h36" stroke="#000" stroke-width="8"/>'
            f'<path d="M20,{y - 5}h36" stroke="{style.colour}" stroke-width="6"{dash}/>'
            f'<text x="66" y="{y}" font-size="{FONT}">{escape(short(group.name, 34))}</text>'
        )
    notes = [_("Dots: entries on a day. Small rings at the edge: the arenas' fixed meetings.")]
    if with_days_off:
        notes.append(_("Grey band outside the circle: days without school (the school calendar)."))
    for number, note in enumerate(notes):
        parts.append(
            f'<text x="{WIDTH - 20}" y="{22 + number * 18}" text-anchor="end" font-size="{FONT}">{escape(note)}</text>'
        )
    return parts
