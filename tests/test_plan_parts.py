"""Every part of a plan is in the plan's history, its PDF digest and the plan-file schema.

A part is a model of the app registry with a `version` and a path of
foreign keys to Plan. Forgetting a new part in one of the three would lose
its history, serve a stale PDF after it changes, or drop it from exports and
copies. Each registry says itself what it covers: the history registry its
parts, the digest the models its query reads, the schema the plan's
relations it names. A model that belongs to a plan without being part of its
text registers as a record (routines/plan_parts.py).
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings

from routines import history, plan_parts
from routines.digest import digested_models
from routines.models import Duty, MilestoneProgress, Plan

SCHEMA = Path(settings.BASE_DIR) / "docs" / "plan-format.schema.json"


def reaches_plan(model, seen=()):
    if model is Plan:
        return True
    return any(
        reaches_plan(field.related_model, (*seen, model))
        for field in model._meta.get_fields()
        if field.many_to_one and field.concrete and field.related_model not in (*seen, model)
    )


def plan_parts_of(models):
    """The models with a version and a path to Plan, less the registered records and the history tables."""
    return {
        model
        for model in models
        # django-simple-history's copies name the model they keep the history of.
        if not hasattr(model, "instance_type")
        and any(field.name == "version" for field in model._meta.get_fields())
        and reaches_plan(model)
        and model not in plan_parts.records()
    }


def schema_models(schema):
    """The models the plan file holds: Plan, and every reverse relation the schema names under it."""
    definitions = schema["$defs"]
    found = set()

    def walk(definition, model):
        found.add(model)
        for name, prop in definitions[definition].get("properties", {}).items():
            field = next((f for f in model._meta.get_fields() if f.name == name), None)
            if prop.get("type") == "array" and field is not None and field.one_to_many:
                ref = prop["items"].get("$ref")
                if ref:
                    walk(ref.rsplit("/", 1)[1], field.related_model)
                else:  # a list of plain values, such as an actor's duties
                    found.add(field.related_model)

    walk("plan", Plan)
    return found


def missing(parts, registries):
    """{registry: sorted labels of the parts it lacks}, for the registries that lack any."""
    gaps = {name: sorted(part._meta.label for part in parts - covered) for name, covered in registries.items()}
    return {name: labels for name, labels in gaps.items() if labels}


def registries():
    return {
        "history registry (AppConfig.ready: routines.history.register)": {part.model for part in history.parts()},
        "plan digest (routines/digest.py)": digested_models(),
        "plan-file schema (docs/plan-format.schema.json)": schema_models(json.loads(SCHEMA.read_text())),
    }


def test_every_plan_part_is_in_the_history_the_pdf_digest_and_the_plan_file():
    parts = plan_parts_of(apps.get_models())
    assert {"routines.Plan", "routines.Duty", "meetings.ProgressEntry"} <= {part._meta.label for part in parts}
    assert missing(parts, registries()) == {}


def test_the_check_fails_for_a_part_left_out_of_one():
    parts = plan_parts_of(apps.get_models())
    without_duties = {**registries(), "plan digest (routines/digest.py)": digested_models() - {Duty}}
    assert missing(parts, without_duties) == {"plan digest (routines/digest.py)": ["routines.Duty"]}

    schema = json.loads(SCHEMA.read_text())
    del schema["$defs"]["actor"]["properties"]["duties"]
    assert Duty not in schema_models(schema)


def test_a_record_is_no_part_until_it_stops_being_registered_as_one(monkeypatch):
    assert MilestoneProgress not in plan_parts_of(apps.get_models())
    monkeypatch.setattr(plan_parts, "_records", set())
    parts = plan_parts_of(apps.get_models())
    assert MilestoneProgress in parts
    assert set(missing(parts, registries())) == set(registries())  # in none of the three
