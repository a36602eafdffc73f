"""Plan files: a municipality with its units and plans as one JSON document.

The format is documented in docs/plan-format.md. Export is deterministic, so
export → import into an empty database → export gives the identical document;
that makes a file a complete backup of what it holds.

Arenas, target groups and progress entries belong to the meetings app, which
depends on this one; they are reached through the related managers of Plan
only, so this module never imports meetings.
"""

import copy
import datetime
import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from documents.planfile_calendar import export_calendars, import_calendars
from documents.planfile_files import as_dict, create_attachments, load_files, stored_source
from documents.planfile_validation import (
    PlanFileError,
    Problem,
    parse_date,
    parse_time,
    validate_document,
    validate_plan,
)
from routines.models import Actor, Municipality, Plan, Region, Routine, Unit
from routines.models.reviews import DEFAULT_REVIEW_INTERVAL_MONTHS
from routines.names import renamed_twins
from routines.school_year import guess_kind_and_precision
from routines.stored_files import remove_after_commit, removed_on_failure

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "PlanFileError",
    "Problem",
    "dumps",
    "export_municipality",
    "import_document",
    "plan_from_dict",
    "plan_to_dict",
    "upgrade_document",
    "validate_document",
]

FORMAT = "kibs-plan"
# Version 2: actors, arenas and target groups carry a key, and references use it; arenas carry
# their rhythm. Version 1 files (references by name) still import: a part without a key is known by its name.
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)


# Export --------------------------------------------------------------------


def dumps(doc):
    # Readable, diffable and with Norwegian letters as they are.
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def export_municipality(municipality, school_year=None):
    """The whole document: the municipality, its units, and its plans (or those of one school year)."""
    region = municipality.region
    plans = municipality.plans.order_by("school_year", "title", "pk")
    if school_year is not None:
        plans = plans.filter(school_year=school_year)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "municipality": {
            "slug": municipality.slug,
            "name": municipality.name,
            "vision": municipality.vision,
            "region": {"slug": region.slug, "name": region.name} if region else None,
            "units": [
                {"slug": unit.slug, "name": unit.name, "kind": unit.kind, "owner": unit.owner}
                for unit in municipality.units.order_by("kind", "name", "slug")
            ],
            "school_calendars": export_calendars(municipality, school_year),
        },
        "plans": [plan_to_dict(plan) for plan in plans],
    }


def _time(value):
    return value.strftime("%H:%M") if value else None


def _rhythm(arena):
    if not arena.rhythm:
        return None
    return {
        "rule": arena.rhythm,
        "starts_on": arena.rhythm_starts_on.isoformat() if arena.rhythm_starts_on else None,
        "weekday": arena.rhythm_weekday,
        "week": arena.rhythm_week,
        "times": arena.rhythm_times,
        "starts_at": _time(arena.rhythm_starts_at),
    }


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def part_key(item):
    """How references in a file name an actor, arena or target group: its key, or in version 1 its name."""
    return item.get("key", item["name"])


def _review(reviewed, actor_keys=None):
    """A plan's or a routine's review; a routine's owner may be an actor too (by its key, like `responsible`)."""
    review = {
        "owner": (reviewed.review_owner.email or None) if reviewed.review_owner else None,
        "interval_months": reviewed.review_interval_months,
        "reviewed_on": reviewed.reviewed_on.isoformat(),
        "note": reviewed.review_note,
    }
    if isinstance(reviewed, Routine):
        owner_actor = actor_keys.get(reviewed.review_owner_actor_id) if reviewed.review_owner_actor_id else None
        review = {"owner_actor": owner_actor, **review}
    return review


def _attachments(part):
    """{"attachments": [...]} of a part with links or files; nothing for one without."""
    attachments = [as_dict(attachment) for attachment in part.attachments.all()]
    return {"attachments": attachments} if attachments else {}


def _period(plan):
    """{"period": {"first", "last"}} of a plan that is the action plan of a plan period; nothing otherwise."""
    return {"period": {"first": plan.period_first_year, "last": plan.period_last_year}} if plan.period else {}


def plan_to_dict(plan):
    """One element of "plans": the plan with every part, in the plan's order."""
    plan = Plan.objects.with_all_parts().select_related("review_owner").get(pk=plan.pk)
    # Sorted here, an untimed entry first on its day: SQLite and PostgreSQL place NULL differently.
    entries = sorted(
        plan.progress_entries.all(),
        key=lambda e: (e.starts_on, e.starts_at is not None, e.starts_at or datetime.time.min, e.pk),
    )
    routines = plan.routines.all()
    # Keys follow the plan's order: they only tie references within one file, so renaming a
    # part, in the browser or in the file, never breaks a reference.
    actor_keys = {actor.pk: f"actor-{n}" for n, actor in enumerate(plan.actors.all(), 1)}
    group_keys = {group.pk: f"group-{n}" for n, group in enumerate(plan.target_groups.all(), 1)}
    arena_keys = {arena.pk: f"arena-{n}" for n, arena in enumerate(plan.arenas.all(), 1)}
    return {
        "title": plan.title,
        "subtitle": plan.subtitle,
        "school_year": plan.school_year,
        **_period(plan),
        "status": plan.status,
        "changed_on": plan.last_changed.isoformat(),
        "decision": (
            {
                "body": plan.decision_body,
                "reference": plan.decision_reference,
                "date": plan.decision_date.isoformat() if plan.decision_date else None,
            }
            if plan.has_decision
            else None
        ),
        "language": plan.language,
        "intro": plan.intro,
        "levels": _lines(plan.level_names),
        "focus_areas": [{"name": area.name, "goals": area.goal_list} for area in plan.focus_areas.all()],
        "sections": [
            {
                "title": section.title,
                "guiding_question": section.guiding_question,
                "body": section.body,
                "level": section.level,
                "part": section.part,
                **_attachments(section),
            }
            for section in plan.sections.all()
        ],
        "actors": [
            {
                "key": actor_keys[actor.pk],
                "name": actor.name,
                "role": actor.role,
                "duties": [duty.text for duty in actor.duties.all()],
                "applies_to_units": actor.applies_to_units,
            }
            for actor in plan.actors.all()
        ],
        "milestones": [{"number": milestone.number, "text": milestone.text} for milestone in plan.milestones.all()],
        "target_groups": [
            {"key": group_keys[group.pk], "name": group.name, "unit_kinds": group.unit_kinds}
            for group in plan.target_groups.all()
        ],
        "arenas": [
            {
                "key": arena_keys[arena.pk],
                "name": arena.name,
                "abbreviation": arena.abbreviation,
                "category": arena.category,
                "purpose": arena.purpose,
                "audience": arena.audience,
                "led_by": arena.led_by,
                "responsible": arena.responsible,
                "minute_taker": arena.minute_taker,
                "fixed_participants": arena.fixed_participant_list,
                "invited_participants": arena.invited_participant_list,
                "participants": arena.participants,
                "frequency": arena.frequency,
                "rhythm": _rhythm(arena),
                "scope": arena.scope,
                "unit_kind": arena.unit_kind,
                "bti_levels": arena.bti_levels,
                "unit_kinds": arena.unit_kinds,
                "escalates_to": arena_keys[arena.escalates_to_id] if arena.escalates_to_id else None,
                "escalation_criterion": arena.escalation_criterion,
                **_attachments(arena),
            }
            for arena in plan.arenas.all()
        ],
        "progress_entries": [
            {
                "kind": entry.kind,
                "precision": entry.precision,
                "starts_on": entry.starts_on.isoformat(),
                "ends_on": entry.ends_on.isoformat() if entry.ends_on else None,
                "starts_at": _time(entry.starts_at),
                "ends_at": _time(entry.ends_at),
                "place": entry.place,
                "comment": entry.comment,
                "content": entry.content,
                "target_groups": [group_keys[group.pk] for group in entry.target_groups.all()],
                # "all" also covers milestones added later, so it wins over single numbers.
                "milestones": "all" if entry.all_milestones else sorted(m.number for m in entry.milestones.all()),
                "arena": arena_keys[entry.arena_id] if entry.arena_id else None,
                "at_every_unit": entry.at_every_unit,
                "unit_kinds": entry.unit_kinds,
                "unit_owner": entry.unit_owner,
            }
            for entry in entries
        ],
        "routines": [
            {
                "title": routine.title,
                "scope": routine.scope,
                "unit_kinds": routine.unit_kinds,
                "responsible": actor_keys[routine.responsible_id] if routine.responsible_id else None,
                "frequency": routine.frequency,
                "body": routine.body,
                "milestones": sorted(milestone.number for milestone in routine.milestones.all()),
                "bti_levels": routine.bti_levels,
                "legal_references": [
                    {"citation": reference.citation, "url": reference.url}
                    for reference in routine.legal_references.all()
                ],
                "unit_texts": [
                    {"unit": text.unit.slug, "status": text.status, "body": text.body}
                    for text in sorted(routine.unit_texts.all(), key=lambda text: text.unit.slug)
                ],
                "allows_local_supplement": routine.allows_local_supplement,
                "review": _review(routine, actor_keys),
                **_attachments(routine),
            }
            for routine in routines
        ],
        "review": _review(plan),
    }


# Import --------------------------------------------------------------------

# The schema's limits (docs/plan-format.schema.json); this module never imports meetings.
ACTOR_NAME_LENGTH = Actor._meta.get_field("name").max_length
ARENA_NAME_LENGTH = 300


def import_document(doc, replace=False, files=None):
    """Import a whole document in one transaction, or raise PlanFileError and change nothing.

    `files` gives the bytes of an attached file by its checksum (planfile_files.folder_source);
    every file is read and checked before anything is created.

    An existing municipality (same slug) is only touched with replace=True:
    its fields are updated, units are created or updated by slug (never
    deleted), and its plans with the same school year and title as a plan in
    the file are deleted and created anew from the file.
    """
    doc = upgrade_document(doc)
    problems = validate_document(doc)
    loaded = {}
    if not problems:
        loaded, problems = load_files(doc.get("plans", []), files)
    # A failure half-way rolls the rows back and removes the files already stored (routines/stored_files.py).
    with removed_on_failure(), transaction.atomic():
        existing = None
        if not problems:
            slug = doc["municipality"]["slug"]
            existing = Municipality.objects.select_for_update().filter(slug=slug).first()
            if existing is not None and not replace:
                problems.append(
                    Problem(
                        "$.municipality.slug",
                        _(
                            "The municipality “%(slug)s” already exists. Import with --replace to update it and "
                            "replace its plans that have the same school year and title as a plan in the file."
                        )
                        % {"slug": slug},
                    )
                )
        if problems:
            raise PlanFileError(problems)

        data = doc["municipality"]
        municipality = existing or Municipality(slug=data["slug"])
        municipality.name = data["name"]
        municipality.vision = data.get("vision", "")
        municipality.region = _region(data.get("region"))
        municipality.save()

        for unit in data.get("units", []):
            Unit.objects.update_or_create(
                municipality=municipality,
                slug=unit["slug"],
                defaults={"name": unit["name"], "kind": unit["kind"], "owner": unit.get("owner", "municipal")},
            )
        units_by_slug = {unit.slug: unit for unit in municipality.units.all()}
        import_calendars(municipality, data.get("school_calendars", []))

        plans = doc.get("plans", [])
        for plan in plans:
            for replaced in municipality.plans.filter(school_year=plan["school_year"], title=plan["title"]):
                remove_after_commit(replaced)  # its stored files go once the import has committed
                replaced.delete()
        for plan in plans:
            _create_plan(municipality, plan, units_by_slug, loaded)
    return municipality


def upgrade_document(doc):
    """A document of an older format version as the current one; others are returned as they are.

    Version 1 had no kinds or precision: each entry gets what its dates and
    text say (`guess_kind_and_precision`), as entries saved before them did.
    """
    if not isinstance(doc, dict) or doc.get("format_version") != 1:
        return doc
    doc = copy.deepcopy(doc)
    doc["format_version"] = FORMAT_VERSION
    for plan in doc.get("plans") if isinstance(doc.get("plans"), list) else []:
        entries = plan.get("progress_entries") if isinstance(plan, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("content"), str):
                kind, precision = guess_kind_and_precision(
                    parse_date(entry.get("starts_on")), parse_date(entry.get("ends_on")), entry["content"]
                )
                entry.setdefault("kind", kind)
                entry.setdefault("precision", precision)
                if precision != "day":
                    entry["starts_at"] = entry["ends_at"] = None
    return doc


def _region(data):
    """The region of the file, created or renamed to match it; None for no region."""
    if data is None:
        return None
    region, _created = Region.objects.update_or_create(slug=data["slug"], defaults={"name": data["name"]})
    return region


def plan_from_dict(municipality, data, files=None, **overrides):
    """Create one plan with all its parts from an element of "plans".

    Overrides replace plan fields of the data (title=, school_year=, status= …)
    and are validated with it. Unit texts refer to units of `municipality` by
    slug; leave "unit_texts" out when copying a plan to another municipality.
    Attached files are read through `files` (by checksum); by default from
    the files stored for the municipality's plans, as a copy inside KIBS needs.
    Raises PlanFileError, creating nothing, when something is wrong.
    """
    data = {**data, **overrides}
    units_by_slug = {unit.slug: unit for unit in municipality.units.all()}
    problems = validate_plan(data, units_by_slug)
    loaded = {}
    if not problems:
        source = files if files is not None else stored_source([municipality.pk])
        loaded, problems = load_files([data], source, path="$")
        # Paths relative to the plan, as validate_plan gives them.
        problems = [Problem(problem.path.replace("$[0]", "$", 1), problem.message) for problem in problems]
    if problems:
        raise PlanFileError(problems)
    with removed_on_failure(), transaction.atomic():
        return _create_plan(municipality, data, units_by_slug, loaded)


def _create_plan(municipality, data, units_by_slug, files):
    """Create a plan from validated data; missing optional fields get the documented defaults."""
    plan = Plan.objects.create(
        municipality=municipality,
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        school_year=data["school_year"],
        period_first_year=(data.get("period") or {}).get("first"),
        period_last_year=(data.get("period") or {}).get("last"),
        status=data.get("status", Plan.Status.DRAFT),
        language=data.get("language", Plan.Language.BOKMAL),
        intro=data.get("intro", ""),
        document_changed_on=parse_date(data.get("changed_on")),
        decision_body=(data.get("decision") or {}).get("body", ""),
        decision_reference=(data.get("decision") or {}).get("reference", ""),
        decision_date=parse_date((data.get("decision") or {}).get("date")),
        level_names="\n".join(data.get("levels", [])),
        **_review_fields(data.get("review", {}), municipality),
    )
    for position, area in enumerate(data.get("focus_areas", [])):
        goals = "\n".join(goal.strip() for goal in area.get("goals", []))
        plan.focus_areas.create(position=position, name=area["name"], goals=goals)
    for position, section in enumerate(data.get("sections", [])):
        created = plan.sections.create(
            position=position,
            title=section["title"],
            guiding_question=section.get("guiding_question", ""),
            body=section.get("body", ""),
            level=section.get("level", 1),
            part=section.get("part", ""),
        )
        create_attachments(created, section.get("attachments", []), files)

    actors = {}
    actor_items = data.get("actors", [])
    actor_names = renamed_twins([item["name"] for item in actor_items], ACTOR_NAME_LENGTH)
    for position, (item, name) in enumerate(zip(actor_items, actor_names, strict=True)):
        actor = plan.actors.create(
            position=position,
            name=name,
            role=item.get("role", ""),
            applies_to_units=item.get("applies_to_units", False),
        )
        for duty_position, text in enumerate(item.get("duties", [])):
            actor.duties.create(position=duty_position, text=text)
        actors[part_key(item)] = actor
    milestones = {
        item["number"]: plan.milestones.create(number=item["number"], text=item["text"])
        for item in data.get("milestones", [])
    }
    target_groups = {
        part_key(item): plan.target_groups.create(
            position=position, name=item["name"], unit_kinds=item.get("unit_kinds", [])
        )
        for position, item in enumerate(data.get("target_groups", []))
    }
    arenas = {}
    arena_items = data.get("arenas", [])
    arena_names = renamed_twins([item["name"] for item in arena_items], ARENA_NAME_LENGTH)
    for position, (item, name) in enumerate(zip(arena_items, arena_names, strict=True)):
        rhythm = item.get("rhythm") or {}
        arenas[part_key(item)] = plan.arenas.create(
            rhythm=rhythm.get("rule", ""),
            rhythm_starts_on=parse_date(rhythm.get("starts_on")),
            rhythm_weekday=rhythm.get("weekday"),
            rhythm_week=rhythm.get("week"),
            rhythm_times=rhythm.get("times"),
            rhythm_starts_at=parse_time(rhythm.get("starts_at")),
            position=position,
            name=name,
            abbreviation=item.get("abbreviation", ""),
            category=item.get("category", "meeting"),
            purpose=item.get("purpose", ""),
            audience=item.get("audience", ""),
            led_by=item.get("led_by", ""),
            responsible=item.get("responsible", ""),
            minute_taker=item.get("minute_taker", ""),
            fixed_participants="\n".join(item.get("fixed_participants", [])),
            invited_participants="\n".join(item.get("invited_participants", [])),
            participants=item.get("participants", ""),
            frequency=item.get("frequency", ""),
            scope=item.get("scope", "municipality"),
            unit_kind=item.get("unit_kind", ""),
            bti_levels=item.get("bti_levels", []),
            unit_kinds=item.get("unit_kinds", []),
            escalation_criterion=item.get("escalation_criterion", ""),
        )
        create_attachments(arenas[part_key(item)], item.get("attachments", []), files)
    # The next step may be an arena further down the list: set once all exist.
    for item in arena_items:
        if item.get("escalates_to"):
            arena = arenas[part_key(item)]
            arena.escalates_to = arenas[item["escalates_to"]]
            arena.save(update_fields=["escalates_to"])

    for item in data.get("progress_entries", []):
        numbers = item.get("milestones", [])
        entry = plan.progress_entries.create(
            kind=item.get("kind", "meeting"),
            precision=item.get("precision", "day"),
            starts_on=parse_date(item["starts_on"]),
            ends_on=parse_date(item.get("ends_on")),
            starts_at=parse_time(item.get("starts_at")),
            ends_at=parse_time(item.get("ends_at")),
            place=item.get("place", ""),
            comment=item.get("comment", ""),
            content=item["content"],
            all_milestones=numbers == "all",
            arena=arenas.get(item.get("arena")),
            at_every_unit=item.get("at_every_unit", False),
            unit_kinds=item.get("unit_kinds", []),
            unit_owner=item.get("unit_owner", ""),
        )
        entry.target_groups.set([target_groups[name] for name in item.get("target_groups", [])])
        if numbers != "all":
            entry.milestones.set([milestones[number] for number in numbers])

    for position, item in enumerate(data.get("routines", [])):
        routine = plan.routines.create(
            position=position,
            title=item["title"],
            scope=item.get("scope", Routine.Scope.COMMON),
            unit_kinds=item.get("unit_kinds", []),
            responsible=actors.get(item.get("responsible")),
            frequency=item.get("frequency", ""),
            body=item.get("body", ""),
            bti_levels=item.get("bti_levels", []),
            allows_local_supplement=item.get("allows_local_supplement", False),
            **_review_fields(item.get("review", {}), municipality, actors),
        )
        routine.milestones.set([milestones[number] for number in item.get("milestones", [])])
        for reference_position, reference in enumerate(item.get("legal_references", [])):
            routine.legal_references.create(
                position=reference_position, citation=reference["citation"], url=reference.get("url", "")
            )
        for text in item.get("unit_texts", []):
            routine.unit_texts.create(
                unit=units_by_slug[text["unit"]],
                status=text.get("status", "not_started"),
                body=text.get("body", ""),
            )
        create_attachments(routine, item.get("attachments", []), files)
    return plan


def _review_fields(review, municipality, actors=None):
    """The review fields from a "review" object; missing ones get the defaults (12 months, reviewed today).

    The owner is a person by e-mail address, found among the people of the
    municipality; in another installation, where nobody has that address, the
    review has no named person.
    """
    owner = None
    if review.get("owner"):
        people = get_user_model().objects.filter(memberships__municipality=municipality)
        owner = people.filter(email__iexact=review["owner"]).first()
    fields = {
        "review_owner": owner,
        "review_interval_months": review.get("interval_months", DEFAULT_REVIEW_INTERVAL_MONTHS),
        "review_note": review.get("note", ""),
    }
    if review.get("reviewed_on"):
        fields["reviewed_on"] = parse_date(review["reviewed_on"])
    if actors is not None:
        fields["review_owner_actor"] = actors.get(review.get("owner_actor"))
    return fields
