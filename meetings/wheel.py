"""The year wheel (årshjul): the school year as a circle, drawn as SVG on the server.

Twelve equal month sectors start at the top with August and run clockwise.
Each target group has its own ring, its own colour and its own shape, and the
legend names them in text, so the wheel reads the same printed in black and
white. Entries on one day are marks on their first target group's ring;
periods are arcs in the inner band, one track each, with the group's shape at
the start and its dash pattern along the arc. Every mark has a <title>, which
is its accessible name and tooltip.
"""

import calendar
import math
from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils import dateformat
from django.utils.html import escape
from django.utils.translation import gettext as _

from routines.school_year import month_of_school_year, school_year_months

from .progress import headline, plan_entries
from .when import kind_label, when_text

SIZE = 800
CENTRE = SIZE / 2
MONTH_RING = 300  # outer edge of the month sectors
LABEL_RADIUS = 312
WHEEL_TOP = CENTRE - LABEL_RADIUS - 20  # the drawing starts at the month names, not at the canvas edge
WHEEL_BOTTOM = CENTRE + LABEL_RADIUS + 20
LANES_FROM, LANES_TO = 130, 290  # rings of the one-day marks
PERIODS_FROM, PERIODS_TO = 50, 120  # tracks of the period arcs
MARK_SIZE = 7
LEGEND_ROW = 32  # legend text stays readable when the wheel is shown half size

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]
SHAPES = ["circle", "square", "triangle", "diamond", "triangle_down", "pentagon", "hexagon", "star"]
DASHES = ["none", "8 4", "2 3", "10 3 2 3", "4 4", "1 2", "12 2", "6 2 2 2"]
NO_GROUP_COLOUR = "#ffffff"


@dataclass
class Style:
    label: str
    colour: str
    shape: str
    dash: str
    hollow: bool  # after the first eight groups, hollow shapes keep styles apart


def group_styles(target_groups):
    styles = {}
    for index, group in enumerate(target_groups):
        slot = index % len(COLOURS)
        styles[group.pk] = Style(group.name, COLOURS[slot], SHAPES[slot], DASHES[slot], index >= len(COLOURS))
    return styles


def angle_of(day, part_of_day=0.5):
    """Degrees clockwise from the top; each month is 30°, its days spread evenly.

    `part_of_day` 0 is the day's start, 0.5 its middle (marks), 1 its end.
    """
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (month_of_school_year(day) + (day.day - 1 + part_of_day) / days_in_month) * 30


def point(radius, degrees):
    radians = math.radians(degrees)
    return CENTRE + radius * math.sin(radians), CENTRE - radius * math.cos(radians)


def shape_path(shape, x, y, size):
    """An SVG path of one legend shape centred on (x, y)."""
    if shape == "circle":
        return f"M{x - size:.1f},{y:.1f}a{size},{size} 0 1,0 {2 * size},0a{size},{size} 0 1,0 {-2 * size},0Z"
    if shape == "square":
        s = size * 0.9
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    corners = {
        "triangle": (3, -90),
        "triangle_down": (3, 90),
        "diamond": (4, -90),
        "pentagon": (5, -90),
        "hexagon": (6, 0),
    }
    if shape in corners:
        count, start = corners[shape]
        points = [
            (
                x + size * 1.15 * math.cos(math.radians(start + i * 360 / count)),
                y + size * 1.15 * math.sin(math.radians(start + i * 360 / count)),
            )
            for i in range(count)
        ]
    else:  # star
        points = [
            (
                x + (size * 1.2 if i % 2 == 0 else size * 0.5) * math.cos(math.radians(-90 + i * 36)),
                y + (size * 1.2 if i % 2 == 0 else size * 0.5) * math.sin(math.radians(-90 + i * 36)),
            )
            for i in range(10)
        ]
    return "M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z"


def shape_element(style, x, y, size=MARK_SIZE):
    fill = NO_GROUP_COLOUR if style.hollow else style.colour
    return (
        f'<path d="{shape_path(style.shape, x, y, size)}" fill="{fill}" '
        f'stroke="{"#000" if not style.hollow else style.colour}" stroke-width="{3 if style.hollow else 1.2}"/>'
    )


def arc_path(radius, start, end):
    end = min(end, start + 359.5)  # a full circle is not an arc
    x0, y0 = point(radius, start)
    x1, y1 = point(radius, end)
    large = 1 if end - start > 180 else 0
    return f"M{x0:.1f},{y0:.1f}A{radius},{radius} 0 {large},1 {x1:.1f},{y1:.1f}"


def describe(entry, groups):
    """The accessible name of a mark: date, kind, what, for whom."""
    name = f"{when_text(entry)}: {kind_label(entry)}: {headline(entry)}"
    if groups:
        name = f"{name} ({', '.join(group.name for group in groups)})"
    return name


ARENA_RING = 295  # the arenas' fixed meetings: small rings at the edge, inside the month names


def render_year_wheel_svg(plan, entries=None, arena_meetings=(), entry_url=None):
    """The plan's year wheel as a standalone SVG document (str).

    `entries` are the entries to draw (already filtered, from plan_entries);
    by default all of the plan's. The rings and styles always follow all the
    plan's target groups, so a filtered wheel keeps the same colours.
    `arena_meetings` are (arena, days) of fixed rhythms, drawn as small rings
    at the edge. With `entry_url` (entry → address), as on a page, each mark
    is a link to its entry; a downloaded file has no links.
    """
    if entries is None:
        entries = list(plan_entries(plan))
    target_groups = list(plan.target_groups.all())
    styles = group_styles(target_groups)
    styles[None] = Style(_("No target group"), NO_GROUP_COLOUR, "circle", "none", False)
    lanes = [group.pk for group in target_groups]
    if any(not entry.target_groups.all() for entry in entries):
        lanes.append(None)
    lane_width = (LANES_TO - LANES_FROM) / max(len(lanes), 1)

    periods = [entry for entry in entries if entry.is_period]
    days = [entry for entry in entries if not entry.is_period]
    track_width = (PERIODS_TO - PERIODS_FROM) / max(len(periods), 1)

    legend_rows = [styles[key] for key in lanes]
    height = WHEEL_BOTTOM - WHEEL_TOP + LEGEND_ROW * (len(legend_rows) + 3)
    title = _("Year wheel %(year)s: %(title)s") % {"year": plan.school_year_label, "title": plan.title}
    description = _(
        "The school year as a circle of twelve months starting with August at the top, clockwise. "
        "%(days)s dated entries are marks on the ring of their target group; %(periods)s periods are arcs "
        "in the inner circle. The same entries are listed month by month in the text."
    ) % {"days": len(days), "periods": len(periods)}

    # A picture, or with links in it a group: a role="img" would hide its links from screen readers.
    role = "group" if entry_url else "img"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {WHEEL_TOP:.0f} {SIZE} {height:.0f}" class="year-wheel" '
        f'role="{role}" aria-labelledby="year-wheel-title year-wheel-desc" font-family="sans-serif">',
        f'<title id="year-wheel-title">{escape(title)}</title>',
        f'<desc id="year-wheel-desc">{escape(description)}</desc>',
    ]
    parts += _month_sectors(plan)
    for position in range(len(lanes) + 1):
        radius = LANES_FROM + position * lane_width
        parts.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{radius:.1f}" fill="none" stroke="#bbb" stroke-width="0.6"/>'
        )

    already_there = Counter()  # marks on the same day and ring step aside so none hides another
    for entry in days:
        groups = list(entry.target_groups.all())
        key = groups[0].pk if groups else None
        style = styles[key]
        step = already_there[key, entry.starts_on]
        already_there[key, entry.starts_on] += 1
        radius = LANES_FROM + (lanes.index(key) + 0.5) * lane_width
        x, y = point(radius, angle_of(entry.starts_on) + step * 1.6)
        parts.append(_mark(entry, describe(entry, groups), shape_element(style, x, y), entry_url))

    for track, entry in enumerate(periods):
        groups = list(entry.target_groups.all())
        style = styles[groups[0].pk if groups else None]
        radius = PERIODS_TO - (track + 0.5) * track_width
        start, end = angle_of(entry.starts_on, 0), angle_of(entry.ends_on, 1)
        if end <= start:
            end += 360  # a period across the end of July runs on past the top
        x, y = point(radius, start)
        dash = "" if style.dash == "none" else f' stroke-dasharray="{style.dash}"'
        width = min(track_width * 0.6, 9)
        drawing = (
            f'<path d="{arc_path(radius, start, end)}" fill="none" stroke="#000" stroke-width="{width + 2:.1f}"/>'
            f'<path d="{arc_path(radius, start, end)}" fill="none" stroke="{style.colour}" '
            f'stroke-width="{width:.1f}"{dash}/>'
            f"{shape_element(style, x, y, MARK_SIZE - 1)}"
        )
        parts.append(_mark(entry, describe(entry, groups), drawing, entry_url, "period"))

    for arena, days in arena_meetings:
        for day in days:
            x, y = point(ARENA_RING, angle_of(day))
            label = f"{dateformat.format(day, 'l j. F Y')}: {arena.name}"
            parts.append(
                f'<g class="arena-meeting"><title>{escape(label)}</title>'
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#fff" stroke="#000" stroke-width="1.5"/></g>'
            )

    parts += _legend(legend_rows, top=WHEEL_BOTTOM)
    parts.append("</svg>")
    return "\n".join(parts)


def entry_link(plan):
    """Where a mark of the wheel on a page leads: its entry in the month-by-month progress plan."""
    months = reverse("meetings:progress_months", args=[plan.pk])
    return lambda entry: f"{months}#entry-{entry.pk}"


def _mark(entry, name, drawing, entry_url, kind=""):
    """One entry's mark, named by its <title>; on a page a link to the entry, named for screen readers too."""
    classes = f"entry-mark {kind}".strip()
    title = f"<title>{escape(name)}</title>"
    if entry_url is None:
        return f'<g class="{classes}" data-entry="{entry.pk}">{title}{drawing}</g>'
    return (
        f'<a class="{classes}" data-entry="{entry.pk}" href="{escape(entry_url(entry))}" aria-label="{escape(name)}">'
        f"{title}{drawing}</a>"
    )


def _month_sectors(plan):
    parts = []
    for index, first in enumerate(school_year_months(plan.school_year)):
        start, end = index * 30, (index + 1) * 30
        x0, y0 = point(MONTH_RING, start)
        x1, y1 = point(MONTH_RING, end)
        shade = "#f3f3f3" if index % 2 else "#ffffff"
        parts.append(
            f'<path d="M{CENTRE},{CENTRE}L{x0:.1f},{y0:.1f}A{MONTH_RING},{MONTH_RING} 0 0,1 {x1:.1f},{y1:.1f}Z" '
            f'fill="{shade}" stroke="#666" stroke-width="1"/>'
        )
        label_x, label_y = point(LABEL_RADIUS, start + 15)
        side = math.sin(math.radians(start + 15))
        anchor = "start" if side > 0.3 else "end" if side < -0.3 else "middle"  # names grow away from the circle
        name = dateformat.format(first, "F")
        parts.append(
            f'<text x="{label_x:.1f}" y="{label_y:.1f}" text-anchor="{anchor}" dominant-baseline="middle" '
            f'font-size="19" aria-hidden="true">{escape(name)}</text>'
        )
    return parts


def _legend(rows, top):
    parts = [f'<text x="20" y="{top + 20}" font-size="20" font-weight="bold">{escape(_("Target groups"))}</text>']
    line_y = top + 20
    for position, style in enumerate(rows, start=1):
        line_y = top + 20 + position * LEGEND_ROW
        ring = _("ring %(number)s") % {"number": position}
        parts.append(shape_element(style, 32, line_y - 6, MARK_SIZE + 1))
        dash = "" if style.dash == "none" else f' stroke-dasharray="{style.dash}"'
        parts.append(
            f'<path d="M50,{line_y - 6}h40" stroke="{style.colour}" stroke-width="6"{dash}/>'
            f'<text x="100" y="{line_y}" font-size="18">{escape(style.label)} ({escape(ring)})</text>'
        )
    notes = [
        _("Rings are counted from the inside out."),
        _("Arcs in the inner circle are periods; their shape marks where they start."),
        _("Small rings at the edge are the arenas' fixed meetings."),
    ]
    for number, note in enumerate(notes, start=1):
        parts.append(f'<text x="20" y="{line_y + number * LEGEND_ROW}" font-size="17">{escape(note)}</text>')
    return parts
