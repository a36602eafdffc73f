"""Validation of plan files (docs/plan-format.md).

Two passes, and every problem of both is reported: the JSON Schema
(docs/plan-format.schema.json) checks structure, types and choices; the rules
below check what a schema cannot express, such as references by name and
dates that exist in the calendar. A value the schema already complained about
is not reported a second time.
"""

import datetime
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jsonschema import Draft202012Validator

from documents.planfile_calendar import calendar_problems
from meetings.rhythm import rhythm_problems
from routines.school_year import is_whole_months, term_of
from routines.validators import IDENTITY_NUMBER_MESSAGE, find_identity_numbers

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "plan-format.schema.json"

DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIME_RE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan file, and where: `$.plans[0].milestones[2].number`."""

    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


class PlanFileError(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def parse_date(value):
    """The date of a strict `YYYY-MM-DD` string, or None."""
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def parse_time(value):
    """The time of a strict `HH:MM` string, or None."""
    if not isinstance(value, str) or not TIME_RE.fullmatch(value):
        return None
    return datetime.time.fromisoformat(value)


def validate_document(doc):
    """Every problem of a whole plan file, those of the schema first; empty when it is fine."""
    problems = _schema_problems(doc, _validator("document"), "$")
    semantic = []
    if isinstance(doc, dict):
        unit_slugs = set()
        municipality = doc.get("municipality")
        if isinstance(municipality, dict):
            unit_slugs = _unique_names(
                municipality,
                "units",
                "slug",
                "$.municipality",
                semantic,
                _("Another unit already has the slug “%(name)s”."),
            )
            calendars = municipality.get("school_calendars")
            semantic += [Problem(*found) for found in calendar_problems(calendars, "$.municipality.school_calendars")]
        for index, plan in _objects(doc, "plans"):
            semantic += _plan_rules(plan, f"$.plans[{index}]", unit_slugs)
    return _merge(problems, semantic) + identity_number_problems(doc, "$")


def validate_plan(data, unit_slugs):
    """Every problem of one element of "plans", with paths relative to it (`$.title`)."""
    problems = _schema_problems(data, _validator("plan"), "$")
    semantic = _plan_rules(data, "$", set(unit_slugs)) if isinstance(data, dict) else []
    return _merge(problems, semantic) + identity_number_problems(data, "$")


def identity_number_problems(value, path):
    """Every text of the file that holds a national identity number, wherever it is.

    Reported even where the schema found something else wrong: nobody should
    have to fix a file twice to learn that it holds data about a child.
    """
    if isinstance(value, str):
        return [Problem(path, str(IDENTITY_NUMBER_MESSAGE))] if find_identity_numbers(value) else []
    if isinstance(value, dict):
        children = value.items()
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return []
    return [problem for key, child in children for problem in identity_number_problems(child, json_path(path, [key]))]


def _merge(schema_problems, semantic_problems):
    seen_paths = {problem.path for problem in schema_problems}
    # dict.fromkeys drops repeats and keeps the order.
    return list(dict.fromkeys(schema_problems + [p for p in semantic_problems if p.path not in seen_paths]))


# JSON Schema ---------------------------------------------------------------


@functools.cache
def load_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def _validator(what):
    schema = load_schema()
    if what == "plan":
        # The same definitions, entered at one plan instead of the whole document.
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/plan"}
    return Draft202012Validator(schema)


def json_path(prefix, parts):
    path = prefix
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.isidentifier():
            path += f".{part}"
        else:
            path += f"[{json.dumps(part, ensure_ascii=False)}]"
    return path


def _schema_problems(instance, validator, prefix):
    problems = []
    for error in validator.iter_errors(instance):
        parts = list(error.absolute_path)
        if error.validator == "required":
            # jsonschema says "'x' is a required property" without naming x
            # separately, so each missing field is looked up and pointed at.
            for field in error.validator_value:
                if field not in error.instance:
                    problems.append(Problem(json_path(prefix, parts + [field]), _("This field is missing.")))
        elif error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            for field in error.instance:
                if field not in known:
                    problems.append(Problem(json_path(prefix, parts + [field]), _("Unknown field.")))
        else:
            problems.append(Problem(json_path(prefix, parts), _schema_message(error)))
    return problems


def _dump(value):
    return json.dumps(value, ensure_ascii=False)


def _type_label(json_type):
    return {
        "object": _("an object"),
        "array": _("a list"),
        "string": _("text"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("true or false"),
        "null": "null",
    }.get(json_type, json_type)


def _type_of(value):
    """The JSON type of a value; bool before int, since True is an int in Python."""
    for json_type, python_type in (
        ("null", type(None)),
        ("boolean", bool),
        ("integer", int),
        ("number", float),
        ("string", str),
        ("array", list),
        ("object", dict),
    ):
        if isinstance(value, python_type):
            return json_type
    return type(value).__name__


def _schema_message(error):
    value = error.validator_value
    match error.validator:
        case "type":
            expected = [value] if isinstance(value, str) else value
            return _("Expected %(expected)s, found %(found)s.") % {
                "expected": _(" or ").join(_type_label(name) for name in expected),
                "found": _type_label(_type_of(error.instance)),
            }
        case "const":
            return _("Must be %(value)s.") % {"value": _dump(value)}
        case "enum":
            return _("Unknown value %(value)s. Allowed values: %(allowed)s.") % {
                "value": _dump(error.instance),
                "allowed": ", ".join(_dump(choice) for choice in value),
            }
        case "minimum":
            return _("Must be at least %(limit)s.") % {"limit": value}
        case "maximum":
            return _("Must be at most %(limit)s.") % {"limit": value}
        case "minLength":
            return ngettext(
                "Must have at least %(limit)d character.", "Must have at least %(limit)d characters.", value
            ) % {"limit": value}
        case "maxLength":
            return ngettext(
                "Must have at most %(limit)d character.", "Must have at most %(limit)d characters.", value
            ) % {"limit": value}
        case "maxItems":
            return ngettext("At most %(limit)d item.", "At most %(limit)d items.", value) % {"limit": value}
        case "uniqueItems":
            return _("The same value is listed more than once.")
        case "pattern":
            return _pattern_message(value)
    return error.message


def _pattern_message(pattern):
    messages = {
        "^[-a-zA-Z0-9_]+$": _("Use only the letters a–z, digits, hyphens and underscores."),
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": _("Write dates as YYYY-MM-DD."),
        "^([01][0-9]|2[0-3]):[0-5][0-9]$": _("Write times as HH:MM."),
        "^all$": _("Write a list of milestone numbers or “all”."),
        r"^[^\n\r]*\S[^\n\r]*$": _("Write one non-empty line; each item of the list is its own line."),
    }
    return messages.get(pattern, _("Not in the expected form."))


# Rules the schema cannot express -------------------------------------------


def _objects(container, key):
    """(index, element) of the objects in container[key], skipping what is not an object."""
    items = container.get(key)
    if not isinstance(items, list):
        return []
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]


def _is_number(value):
    # JSON Schema counts 2.0 as an integer, and so does the database.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _strings(values):
    return {value for value in values if isinstance(value, str)}


def _unique_names(container, key, field, path, problems, message):
    """The set of container[key][*][field]; a repeated one is a problem at its second use."""
    names = set()
    for index, item in _objects(container, key):
        name = item.get(field)
        if isinstance(name, str):
            if name in names:
                problems.append(Problem(f"{path}.{key}[{index}].{field}", message % {"name": name}))
            names.add(name)
    return names


def _keys(container, kind, path, referenced, problems, message):
    """The keys of container[kind] (a part without one is known by its name, as in version 1).

    A key given in the file is unique; a name standing in for a key may repeat
    as long as nothing refers to it (the import then numbers the twins).
    """
    counts = {}
    for index, item in _objects(container, kind):
        key = item.get("key")
        name = item.get("name")
        if isinstance(key, str):
            if counts.get(key):
                problems.append(
                    Problem(
                        f"{path}.{kind}[{index}].key", _("Another part already has the key “%(key)s”.") % {"key": key}
                    )
                )
        elif isinstance(name, str):
            if counts.get(name) and name in referenced:
                problems.append(Problem(f"{path}.{kind}[{index}].name", message % {"name": name}))
            key = name
        else:
            continue
        counts[key] = counts.get(key, 0) + 1
    return set(counts)


def _plan_rules(plan, path, unit_slugs):
    problems = _period_rules(plan, path)
    decision = plan.get("decision")
    for where, value in (("changed_on", plan.get("changed_on")), ("decision.date", (decision or {}).get("date"))):
        if isinstance(value, str) and parse_date(value) is None:
            problems.append(Problem(f"{path}.{where}", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}))
    milestone_numbers = set()
    for index, milestone in _objects(plan, "milestones"):
        number = milestone.get("number")
        if _is_number(number):
            if number in milestone_numbers:
                problems.append(
                    Problem(
                        f"{path}.milestones[{index}].number",
                        _("Milestone number %(number)s is used more than once in this plan.") % {"number": number},
                    )
                )
            milestone_numbers.add(number)

    _unique_names(
        plan, "target_groups", "name", path, problems, _("Another target group is already called “%(name)s”.")
    )
    shown_parts = set()
    for index, section in _objects(plan, "sections"):
        part = section.get("part")
        if isinstance(part, str) and part:
            if part in shown_parts:
                problems.append(
                    Problem(
                        f"{path}.sections[{index}].part",
                        _("The part “%(name)s” is already shown in another section.") % {"name": part},
                    )
                )
            shown_parts.add(part)

    for index, focus_area in _objects(plan, "focus_areas"):
        goals = focus_area.get("goals")
        for goal_index, goal in enumerate(goals if isinstance(goals, list) else []):
            # Goals are stored one per line, so a goal must be exactly one line.
            if isinstance(goal, str) and (len(goal.splitlines()) != 1 or not goal.strip()):
                problems.append(
                    Problem(
                        f"{path}.focus_areas[{index}].goals[{goal_index}]",
                        _("A goal is one non-empty line; write each goal as its own list item."),
                    )
                )

    entries = _objects(plan, "progress_entries")
    routines = _objects(plan, "routines")
    target_groups = _keys(plan, "target_groups", path, set(), problems, "")
    arenas = _keys(
        plan,
        "arenas",
        path,
        _strings(entry.get("arena") for _index, entry in entries)
        | _strings(arena.get("escalates_to") for _index, arena in _objects(plan, "arenas")),
        problems,
        _("Another arena is already called “%(name)s”, and progress-plan entries refer to arenas by name."),
    )
    actors = _keys(
        plan,
        "actors",
        path,
        _strings(
            [routine.get("responsible") for _index, routine in routines]
            + [_review_owner_actor(part) for part in [plan, *(routine for _index, routine in routines)]]
        ),
        problems,
        _("Another actor is already called “%(name)s”, and routines refer to actors by name."),
    )

    for index, arena in _objects(plan, "arenas"):
        problems += _rhythm_rules(arena.get("rhythm"), f"{path}.arenas[{index}].rhythm")
        target = arena.get("escalates_to")
        if isinstance(target, str) and target not in arenas:
            problems.append(
                Problem(
                    f"{path}.arenas[{index}].escalates_to",
                    _("There is no arena with the key or name “%(name)s” in this plan.") % {"name": target},
                )
            )
        elif isinstance(target, str) and target == arena.get("key", arena.get("name")):
            problems.append(
                Problem(f"{path}.arenas[{index}].escalates_to", _("A case cannot be lifted to the arena it is in."))
            )
        if isinstance(arena.get("escalation_criterion"), str) and arena["escalation_criterion"].strip() and not target:
            problems.append(
                Problem(f"{path}.arenas[{index}].escalation_criterion", _("Choose the arena the case is lifted to."))
            )
    for index, entry in entries:
        problems += _entry_rules(entry, f"{path}.progress_entries[{index}]", milestone_numbers, target_groups, arenas)
    for index, routine in routines:
        problems += _routine_rules(routine, f"{path}.routines[{index}]", milestone_numbers, actors, unit_slugs)
        problems += _review_rules(routine, f"{path}.routines[{index}]", actors)
    problems += _review_rules(plan, path, actors)
    return problems


def _period_rules(plan, path):
    """A plan period has its ends in order, at most ten years apart, around the action plan's school year."""
    period, year = plan.get("period"), plan.get("school_year")
    if not isinstance(period, dict) or not _is_number(period.get("first")) or not _is_number(period.get("last")):
        return []
    first, last = period["first"], period["last"]
    if last < first or last - first > 10:
        return [
            Problem(
                f"{path}.period",
                _("The plan period %(first)s–%(last)s is not a period of at most ten years.")
                % {"first": first, "last": last},
            )
        ]
    if _is_number(year) and not first <= year <= last:
        return [
            Problem(
                f"{path}.school_year",
                _("The school year of the action plan must lie within the plan period %(period)s.")
                % {"period": f"{first}–{last}"},
            )
        ]
    return []


def _review_owner_actor(reviewed):
    review = reviewed.get("review")
    return review.get("owner_actor") if isinstance(review, dict) else None


def _review_rules(reviewed, path, actors):
    review = reviewed.get("review")
    if not isinstance(review, dict):
        return []
    problems = []
    owner_actor = review.get("owner_actor")
    if isinstance(owner_actor, str) and owner_actor not in actors:
        problems.append(
            Problem(
                f"{path}.review.owner_actor",
                _("There is no actor with the key or name “%(name)s” in this plan.") % {"name": owner_actor},
            )
        )
    day = review.get("reviewed_on")
    if isinstance(day, str) and parse_date(day) is None:
        problems.append(
            Problem(f"{path}.review.reviewed_on", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": day})
        )
    return problems


def _unknown_milestones(numbers, path, milestone_numbers):
    return [
        Problem(f"{path}[{index}]", _("There is no milestone number %(number)s in this plan.") % {"number": number})
        for index, number in enumerate(numbers)
        if _is_number(number) and number not in milestone_numbers
    ]


def _entry_rules(entry, path, milestone_numbers, target_groups, arenas):
    problems = []
    dates = {}
    for field in ("starts_on", "ends_on"):
        value = entry.get(field)
        dates[field] = parse_date(value)
        if isinstance(value, str) and dates[field] is None:
            problems.append(Problem(f"{path}.{field}", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}))
    if dates["starts_on"] and dates["ends_on"] and dates["ends_on"] < dates["starts_on"]:
        problems.append(
            Problem(
                f"{path}.ends_on",
                _("The period ends on %(ends)s, before it starts on %(starts)s.")
                % {"ends": dates["ends_on"].isoformat(), "starts": dates["starts_on"].isoformat()},
            )
        )
    problems += _precision_rules(entry, path, dates["starts_on"], dates["ends_on"])
    for field in ("starts_at", "ends_at"):
        value = entry.get(field)
        if isinstance(value, str) and parse_time(value) is None:
            problems.append(Problem(f"{path}.{field}", _("“%(value)s” is not a time (HH:MM).") % {"value": value}))
    if entry.get("ends_at") is not None and entry.get("starts_at") is None:
        problems.append(Problem(f"{path}.ends_at", _("An end time needs a start time.")))

    names = entry.get("target_groups")
    for index, name in enumerate(names if isinstance(names, list) else []):
        if isinstance(name, str) and name not in target_groups:
            problems.append(
                Problem(
                    f"{path}.target_groups[{index}]",
                    _("There is no target group with the key or name “%(name)s” in this plan.") % {"name": name},
                )
            )

    milestones = entry.get("milestones")
    if isinstance(milestones, list):
        problems += _unknown_milestones(milestones, f"{path}.milestones", milestone_numbers)
    elif isinstance(milestones, str) and milestones != "all":
        problems.append(Problem(f"{path}.milestones", _pattern_message("^all$")))

    arena = entry.get("arena")
    if isinstance(arena, str) and arena not in arenas:
        problems.append(
            Problem(
                f"{path}.arena", _("There is no arena with the key or name “%(name)s” in this plan.") % {"name": arena}
            )
        )
    return problems


def _rhythm_rules(rhythm, path):
    """A rhythm has what its rule needs: the same rules as the arena form's."""
    if not isinstance(rhythm, dict) or not isinstance(rhythm.get("rule"), str):
        return []
    arena = SimpleNamespace(
        rhythm=rhythm["rule"],
        rhythm_starts_on=parse_date(rhythm.get("starts_on")),
        rhythm_weekday=rhythm.get("weekday"),
        rhythm_week=rhythm.get("week"),
        rhythm_times=rhythm.get("times") if _is_number(rhythm.get("times")) else None,
    )
    fields = {
        "rhythm_starts_on": "starts_on",
        "rhythm_weekday": "weekday",
        "rhythm_week": "week",
        "rhythm_times": "times",
    }
    return [Problem(f"{path}.{fields[field]}", str(message)) for field, message in rhythm_problems(arena).items()]


def _precision_rules(entry, path, starts_on, ends_on):
    """Whole months run from a first to a last day of a month, a term is exactly one, neither has times."""
    precision = entry.get("precision", "day")
    if precision not in ("months", "term") or not starts_on:
        return []
    problems = []
    if precision == "months" and not is_whole_months(starts_on, ends_on):
        problems.append(
            Problem(
                f"{path}.precision",
                _("Whole months run from the first of a month (starts_on) to the last day of a month (ends_on)."),
            )
        )
    if precision == "term" and (not ends_on or term_of(starts_on, ends_on) is None):
        problems.append(
            Problem(
                f"{path}.precision",
                _(
                    "A term runs from 1 August to 31 December, from 1 January to 30 June, "
                    "or from 1 August to 30 June (the whole school year)."
                ),
            )
        )
    for field in ("starts_at", "ends_at"):
        if entry.get(field) is not None:
            problems.append(Problem(f"{path}.{field}", _("Whole months and terms have no times.")))
    return problems


def _routine_rules(routine, path, milestone_numbers, actors, unit_slugs):
    problems = []
    responsible = routine.get("responsible")
    if isinstance(responsible, str) and responsible not in actors:
        problems.append(
            Problem(
                f"{path}.responsible",
                _("There is no actor with the key or name “%(name)s” in this plan.") % {"name": responsible},
            )
        )
    milestones = routine.get("milestones")
    if isinstance(milestones, list):
        problems += _unknown_milestones(milestones, f"{path}.milestones", milestone_numbers)

    unit_texts = _objects(routine, "unit_texts")
    scope = routine.get("scope", "common")
    supplements = routine.get("allows_local_supplement") is True
    if supplements and scope != "common":
        problems.append(
            Problem(
                f"{path}.allows_local_supplement", _("Only common routines (scope “common”) take local supplements.")
            )
        )
    if unit_texts and scope != "unit" and not supplements:
        problems.append(
            Problem(
                f"{path}.unit_texts",
                _(
                    "Only unit-specific routines (scope “unit”), and common routines that allow a local supplement, "
                    "have units' own texts."
                ),
            )
        )
    units_with_text = set()
    for index, unit_text in unit_texts:
        slug = unit_text.get("unit")
        if not isinstance(slug, str):
            continue
        if slug not in unit_slugs:
            problems.append(
                Problem(
                    f"{path}.unit_texts[{index}].unit",
                    _("There is no unit with the slug “%(slug)s” in the municipality.") % {"slug": slug},
                )
            )
        elif slug in units_with_text:
            problems.append(
                Problem(
                    f"{path}.unit_texts[{index}].unit",
                    _("The unit “%(slug)s” already has a text for this routine.") % {"slug": slug},
                )
            )
        units_with_text.add(slug)
    return problems
