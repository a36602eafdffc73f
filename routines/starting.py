"""The ways a new plan starts besides empty: from Udir's E 1.6 template, or as a copy."""

import json
from pathlib import Path

from .models import Plan, Section
from .planfile import plan_from_dict, plan_to_dict

E16_TEMPLATE = Path(__file__).resolve().parent / "plan_templates" / "e16.json"


def plan_from_template(**fields):
    """A plan whose sections are the twelve E 1.6 elements, in the plan's language, to be answered."""
    plan = Plan.objects.create(**fields)
    elements = json.loads(E16_TEMPLATE.read_text(encoding="utf-8"))["elements"]
    # One save each rather than bulk_create, so each section's history starts here.
    for position, element in enumerate(elements):
        text = element[plan.language]
        Section.objects.create(
            plan=plan, position=position, title=text["title"], guiding_question=text["guiding_question"]
        )
    return plan


def copy_of_plan(source, municipality, **fields):
    """A new draft with every part of `source`, through the plan file format so nothing is forgotten.

    The units' own texts come along only within the same municipality: they
    belong to units, and another municipality has other units.
    """
    data = plan_to_dict(source)
    if source.municipality_id != municipality.pk:
        data["routines"] = [{**routine, "unit_texts": []} for routine in data["routines"]]
    return plan_from_dict(municipality, data, status=Plan.Status.DRAFT, **fields)
