"""The year wheel on pages of other apps (the plan page), without their views importing meetings."""

from django import template
from django.utils.safestring import mark_safe

from meetings.progress import months_of, plan_entries
from meetings.wheel import entry_link, render_year_wheel_svg
from meetings.wheel_print import print_wheel

register = template.Library()


@register.simple_tag
def year_wheel_of(plan):
    """{'svg': the wheel, 'months': the month list (its text alternative), 'count': entries}."""
    entries = list(plan_entries(plan))
    return {
        # Built from the plan's own text, escaped in wheel.py.
        "svg": mark_safe(render_year_wheel_svg(plan, entries, entry_url=entry_link(plan))) if entries else "",
        "months": months_of(plan, entries),
        "count": len(entries),
    }


@register.simple_tag
def year_wheel_print_of(plan):
    """{'svg': the printable wheel with its labels, 'months': its text alternative, 'count': entries}."""
    return print_wheel(plan)
