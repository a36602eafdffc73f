"""The start page's links to the pages of the units the user leads."""

from django import template

from routines.access import units_led_by
from routines.models import Plan

register = template.Library()


@register.inclusion_tag("documents/unit/_my_units.html", takes_context=True)
def my_units(context):
    """The units the user leads, each with its municipality's plans (newest first): two queries."""
    units = list(units_led_by(context["request"].user))
    plans = list(
        Plan.objects.filter(municipality__in={unit.municipality_id for unit in units})
        .exclude(status=Plan.Status.ARCHIVED)
        .order_by("-school_year", "title")
    )
    return {
        "my_units": [(unit, [plan for plan in plans if plan.municipality_id == unit.municipality_id]) for unit in units]
    }
