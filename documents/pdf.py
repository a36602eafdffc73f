"""The plan as a printable, accessible PDF (WeasyPrint).

`render_plan_pdf(plan)` renders; `get_plan_pdf(plan)` is what callers use: it
serves a stored PDF when nothing the PDF shows has changed, and renders it
otherwise, one render of a plan at a time (see `pdf_cache`); after an edit
a background task renders it (documents/tasks.py). The renderer, its URL
fetcher, the store and the render lock are the app's one PDF machinery in
ops/pdf.py.

Performance (a cold export is measured against LibreOffice in
benchmarks/): one local font family, fixed table layout, no fixed-position
or per-page decorations beyond two margin boxes, the stylesheet parsed once
per process, and chapter-level ToC entries only (the ToC page is laid out
again once the page numbers are known).
"""

import re
from collections import OrderedDict

from django.template.defaultfilters import date as format_date
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.progress import order_in_month
from meetings.support_system import support_system
from meetings.when import time_span
from ops.dates import clock_span
from ops.pdf import PRINT_CSS, html_to_pdf
from routines.models import Plan, Routine, Section

from .outline import plan_outline

PDF_TEMPLATE = "documents/pdf/plan.html"


def load_plan(pk):
    """The plan with everything the PDF shows, in a fixed number of queries."""
    return Plan.objects.with_all_parts().get(pk=pk)


def render_plan_html(plan):
    """The HTML the PDF is made from, in the plan's language."""
    with translation.override(plan.language):
        return render_to_string(PDF_TEMPLATE, build_context(plan))


def render_plan_pdf(plan):
    """PDF bytes for a plan loaded with `load_plan`. Takes seconds: callers cache."""
    return html_to_pdf(render_plan_html(plan), PRINT_CSS)


def build_context(plan, for_print=True):
    """Everything the template shows, grouped and numbered here rather than in template logic.

    The reading page and the public page show the same parts from the same
    context (`for_print=False`), so all three follow the plan's outline.
    """
    routines = list(plan.routines.all())
    units = sorted(plan.municipality.units.all(), key=lambda unit: unit.name)
    unit_routines = []
    for routine in routines:
        if routine.scope == Routine.Scope.UNIT:
            texts = {text.unit_id: text for text in routine.unit_texts.all()}
            rows = [(unit, texts.get(unit.pk)) for unit in units if routine.concerns(unit)]
            written = sum(1 for _unit, text in rows if text and text.body.strip())
            unit_routines.append({"routine": routine, "rows": rows, "written": written})
    common_routines = [r for r in routines if r.scope == Routine.Scope.COMMON]
    context = {
        "plan": plan,
        "municipality": plan.municipality,
        "language": plan.language,
        "for_print": for_print,
        "is_draft": plan.status == Plan.Status.DRAFT,
        "focus_areas": list(plan.focus_areas.all()),
        "actors": list(plan.actors.all()),
        "arena_groups": _arena_groups(plan),
        "arena_columns": _arena_columns(plan),
        "support_system": support_system(plan),
        "milestones": list(plan.milestones.all()),
        "months": progress_months(plan.progress_entries.all()),
        "common_routines": common_routines,
        "common_routines_scoped": any(r.unit_kinds for r in common_routines),
        "unit_routines": unit_routines,
    }
    context["chapters"] = plan_outline(plan, _present_parts(plan, context))
    return context


def _present_parts(plan, context):
    """The structured parts that have something to show."""
    Part = Section.Part
    filled = {
        Part.INTRO: plan.intro.strip(),
        Part.FOCUS_AREAS: plan.municipality.vision.strip() or context["focus_areas"],
        Part.ACTORS: context["actors"],
        Part.ARENAS: context["arena_groups"],
        Part.SUPPORT_SYSTEM: context["support_system"],
        Part.MILESTONES: context["milestones"],
        Part.PROGRESS: context["months"],
        Part.YEAR_WHEEL: context["months"],
        Part.COMMON_ROUTINES: context["common_routines"],
        Part.UNIT_ROUTINES: context["unit_routines"],
    }
    return {part for part, content in filled.items() if content}


def _arena_groups(plan):
    """(category label, [(arena, where)]), categories in their declared order."""
    category_field = plan.arenas.model._meta.get_field("category")
    groups = OrderedDict((value, (label, [])) for value, label in category_field.choices)
    for arena in plan.arenas.all():
        groups.setdefault(arena.category, (arena.category, []))[1].append((arena, _arena_where(arena)))
    return [(str(label), arenas) for label, arenas in groups.values() if arenas]


def _arena_columns(plan):
    """(field, heading) of the arena table's columns: only those some arena of the plan fills in, then where."""
    arenas = list(plan.arenas.all())
    candidates = [
        ("audience", _("For whom"), lambda a: a.audience),
        ("led_by", _("Led by"), lambda a: a.led_by),
        ("responsible", _("Responsible"), lambda a: a.responsible),
        ("minute_taker", _("Minute-taker"), lambda a: a.minute_taker),
        ("participants", _("Participants"), lambda a: a.participants or a.fixed_participants or a.invited_participants),
        ("frequency", _("How often"), lambda a: a.frequency or a.rhythm),
    ]
    columns = [(field, heading) for field, heading, filled in candidates if any(filled(a).strip() for a in arenas)]
    return [*columns, ("where", _("Where"))]


def _arena_where(arena):
    """Municipality-wide, or one in every unit (of a kind)."""
    if arena.scope != "every_unit":
        return _("Municipality-wide")
    return {
        "kindergarten": _("In every kindergarten"),
        "school": _("In every school"),
        "sfo": _("In every SFO"),
        "ppt": _("In every PPT office"),
    }.get(arena.unit_kind, _("In every unit"))


def progress_months(entries):
    """Progress-plan entries by the month they start in, August to June: the plan's and the unit booklet's table.

    In a month, whole months and terms come first (under "hele måneden"), then
    the days in date order: a two-day gathering on the 14th never prints
    before a meeting on the 4th.
    """
    months = OrderedDict()
    for entry in sorted(entries, key=lambda e: (e.month, order_in_month(e, e.month))):
        if entry.month not in months:
            months[entry.month] = {"date": entry.month, "month_wide": [], "rows": []}
        months[entry.month]["month_wide" if entry.is_month_wide else "rows"].append(_entry_row(entry))
    return list(months.values())


def _entry_row(entry):
    # The weekday always comes from the date: typed weekdays in the original
    # plans were wrong ("Tirs. 26." for a Thursday).
    if entry.is_month_wide:
        when = time_span(entry)
    elif not entry.is_period:
        when = capfirst(format_date(entry.starts_on, "D j.n."))
    elif (entry.ends_on - entry.starts_on).days < 7:
        when = capfirst(f"{format_date(entry.starts_on, 'D j.n.')}–{format_date(entry.ends_on, 'D j.n.')}")
    else:
        # Across New Year both ends carry their year (ops.dates's rule).
        pattern = "j. N Y" if entry.starts_on.year != entry.ends_on.year else "j. N"
        when = _("%(start)s – %(end)s") % {
            # No-break spaces: "1. sept." never splits, the line breaks at the dash.
            "start": format_date(entry.starts_on, pattern).replace(" ", "\u00a0"),
            "end": format_date(entry.ends_on, pattern).replace(" ", "\u00a0"),
        }
    time = clock_span(entry.starts_at, entry.ends_at)
    if entry.all_milestones:
        milestones = _("All")
    else:
        milestones = compress_numbers(sorted(m.number for m in entry.milestones.all()))
    return {
        "entry": entry,
        "when": when,
        "is_period": entry.is_period and not entry.is_month_wide,
        "where": [part for part in (entry.place, time, entry.comment) if part],
        "target_groups": ", ".join(group.name for group in entry.target_groups.all()),
        "milestones": milestones,
    }


def compress_numbers(numbers):
    """[1, 2, 3, 5] → "1–3, 5": runs of three or more become ranges."""
    parts, run = [], []
    for number in numbers:
        if run and number == run[-1] + 1:
            run.append(number)
            continue
        parts.extend(_run_text(run))
        run = [number]
    parts.extend(_run_text(run))
    return ", ".join(parts)


def _run_text(run):
    if len(run) >= 3:
        return [f"{run[0]}–{run[-1]}"]
    return [str(number) for number in run]


def pdf_filename(plan):
    slug = re.sub(r"[^a-z0-9]+", "-", f"{plan.municipality.slug} {plan.title} {plan.school_year_label}".lower())
    return f"{slug.strip('-')}.pdf"
