"""The JSON Schema of plan files is valid and offers exactly the choices of the models."""

from jsonschema import Draft202012Validator

from documents.planfile import FORMAT_VERSION
from documents.planfile_validation import load_schema
from meetings.models import Arena, ProgressEntry
from routines.models import Plan, Routine, Unit, UnitRoutineText


def values(choices):
    return [value for value, _label in choices]


def test_the_schema_is_valid_json_schema_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_schema_describes_this_format_version():
    assert load_schema()["properties"]["format_version"] == {"const": FORMAT_VERSION}


def test_every_object_refuses_unknown_fields():
    definitions = load_schema()["$defs"]
    objects = [name for name, definition in definitions.items() if "properties" in definition]
    assert len(objects) == 20
    assert all(definitions[name]["additionalProperties"] is False for name in objects)


def test_the_schema_choices_are_the_model_choices():
    defs = load_schema()["$defs"]
    assert defs["unit_kind"]["enum"] == values(Unit.Kind.choices)
    assert defs["unit"]["properties"]["owner"]["enum"] == values(Unit.Owner.choices)
    assert defs["plan"]["properties"]["status"]["enum"] == values(Plan.Status.choices)
    assert defs["plan"]["properties"]["language"]["enum"] == values(Plan.Language.choices)
    assert defs["routine"]["properties"]["scope"]["enum"] == values(Routine.Scope.choices)
    assert defs["unit_text"]["properties"]["status"]["enum"] == values(UnitRoutineText.Status.choices)
    assert defs["arena"]["properties"]["category"]["enum"] == values(Arena.Category.choices)
    assert defs["arena"]["properties"]["scope"]["enum"] == values(Arena.Scope.choices)
    assert defs["arena"]["properties"]["unit_kind"]["enum"] == [""] + values(Unit.Kind.choices)
    assert defs["progress_entry"]["properties"]["kind"]["enum"] == values(ProgressEntry.Kind.choices)
    assert defs["progress_entry"]["properties"]["precision"]["enum"] == values(ProgressEntry.Precision.choices)
