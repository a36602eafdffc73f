"""Links to unit pages from pages other apps and branches own: the start page and the plan navigation."""

from django import template

from routines.access import units_led_by
from routines.models import Membership, Plan

register = template.Library()


@register.simple_tag(takes_context=True)
def unit_nav_links(context, plan):
    """For the plan navigation: the unit the user leads in the plan's municipality, and the advisor's overview."""
    user = context["request"].user
    membership = (
        Membership.objects.filter(user=user, municipality=plan.municipality_id).select_related("unit").first()
    )
    return {
        "unit": membership.unit if membership else None,
        "overview": user.is_superuser or (membership is not None and membership.role == Membership.Role.ADVISOR),
    }


@register.inclusion_tag("routines/unit/_my_units.html", takes_context=True)
def my_units(context):
    """For the start page: the units the user leads, each with its municipality's plans (newest first)."""
    units = list(units_led_by(context["request"].user))
    plans = list(
        Plan.objects.filter(municipality__in={unit.municipality_id for unit in units})
        .exclude(status=Plan.Status.ARCHIVED)
        .order_by("-school_year", "title")
    )
    return {
        "my_units": [(unit, [plan for plan in plans if plan.municipality_id == unit.municipality_id]) for unit in units]
    }
