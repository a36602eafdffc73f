"""The ways a new plan starts: empty, from Udir's E 1.6 template, or as a copy."""

import json
from pathlib import Path

from .models import Plan, Section

E16_TEMPLATE = Path(__file__).resolve().parent / "plan_templates" / "e16.json"


def plan_from_template(**fields):
    """A plan whose sections are the twelve E 1.6 elements, in the plan's language, to be answered."""
    plan = Plan.objects.create(**fields)
    elements = json.loads(E16_TEMPLATE.read_text(encoding="utf-8"))["elements"]
    Section.objects.bulk_create(
        Section(
            plan=plan,
            position=position,
            title=element[plan.language]["title"],
            guiding_question=element[plan.language]["guiding_question"],
        )
        for position, element in enumerate(elements)
    )
    return plan
