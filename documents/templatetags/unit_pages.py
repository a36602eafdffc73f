"""The start page's links to the pages of the units the user leads or works in."""

from django import template

from routines.access import units_of
from routines.models import Plan
from routines.school_year import current_school_year

register = template.Library()


@register.inclusion_tag("documents/unit/_my_units.html", takes_context=True)
def my_units(context):
    """The user's units, each with the plan in force and its municipality's other plans: two queries."""
    units = list(units_of(context["request"].user))
    plans = list(
        Plan.objects.filter(municipality__in={unit.municipality_id for unit in units})
        .exclude(status=Plan.Status.ARCHIVED)
        .order_by("-school_year", "title")
    )
    # Plan.objects.in_force() answered from the rows at hand: the latest approval of this school year.
    school_year = current_school_year()
    in_force = {}
    approved = [plan for plan in plans if plan.status == Plan.Status.APPROVED and plan.school_year == school_year]
    for plan in sorted(approved, key=lambda plan: (plan.approved_at is not None, plan.approved_at, plan.pk)):
        in_force[plan.municipality_id] = plan
    return {
        "my_units": [
            (
                unit,
                in_force.get(unit.municipality_id),
                [plan for plan in plans if plan.municipality_id == unit.municipality_id],
            )
            for unit in units
        ],
    }
