"""What a revision changed in the municipality's common text, part by part.

Both versions are read through the plan file (planfile.plan_to_dict), the
same rendering copies and exports use, so every part the file carries is
compared and a part added later is compared too. The units' own texts are
left out: they are the units' part, with a life of their own.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from documents.planfile import plan_to_dict
from routines.history import word_diff
from routines.models import PlanChange

# The parts, in the plan's reading order, with what a reader calls them.
PART_LABELS = {
    "plan": _("Introduction"),
    "focus_areas": _("Focus areas"),
    "sections": _("Sections"),
    "actors": _("Team around the child"),
    "milestones": _("Milestones"),
    "routines": _("Routines"),
    "target_groups": _("Target groups"),
    "arenas": _("Meeting arenas"),
    "progress_entries": _("Progress plan"),
}
# What names an item of a part, the first one it has; progress entries by date and content.
_NAMING_FIELDS = ("title", "name", "number", "citation")
# Not the municipality's common text: the units' own texts, the review (when and by whom a part
# was last looked at is housekeeping, not what a reader must read again), and the file's keys,
# which only tie references inside one file and shift when a part is added before them.
_LEFT_OUT = {"unit_texts", "review", "key"}
# Settings rather than writing: choices, numbers and flags.
_SETTINGS = {
    "scope",
    "kind",
    "precision",
    "category",
    "unit_kind",
    "unit_kinds",
    "bti_levels",
    "milestones",
    "rhythm",
    # An attached file is compared by its checksum, but read by its title and name.
    "sha256",
    "size",
    # A section's place in the outline: its level and the plan's part it shows («actors», «milestones»).
    "level",
    "part",
}
# Fields that refer to another part by its key, and the part whose names they are compared by.
_REFERENCES = {
    "routines": {"responsible": "actors"},
    "arenas": {"escalates_to": "arenas"},
    "progress_entries": {"arena": "arenas", "target_groups": "target_groups"},
}
_PLAN_TEXT_FIELDS = ("title", "subtitle", "intro")


@dataclass
class Change:
    part: str
    title: str
    kind: str
    old_text: str = ""
    new_text: str = ""

    @property
    def kind_label(self):
        return PlanChange.Kind(self.kind).label

    @property
    def diff(self):
        return word_diff(self.old_text, self.new_text)


def part_label(part):
    return PART_LABELS.get(part, _("Other parts"))


def _name(part, item):
    if not isinstance(item, dict):
        return str(item)
    if part == "progress_entries":
        return f"{item.get('starts_on', '')} {item.get('content', '')}".strip()
    for field in _NAMING_FIELDS:
        if item.get(field) not in (None, ""):
            return str(item[field])
    return ""


def _text(value):
    """A part's written fields as lines of text: what the word-level difference is drawn from.

    Choices, numbers and settings are left out: as raw file values ("common", "4 0") they
    read as noise, and a change to them still shows the item as changed.
    """
    if isinstance(value, dict):
        lines = [_text(inner) for key, inner in value.items() if key not in _LEFT_OUT | _SETTINGS]
        return "\n".join(line for line in lines if line)
    if isinstance(value, list):
        return ", ".join(_text(inner) for inner in value if _text(inner))
    if isinstance(value, bool) or value is None:
        return ""
    return str(value)


def _keyed(part, items):
    """{(name, occurrence): item}: two items of the same name are matched in order."""
    keyed, seen = {}, {}
    for item in items:
        name = _name(part, item)
        seen[name] = seen.get(name, 0) + 1
        keyed[(name, seen[name])] = item
    return keyed


def _compare_items(part, old_items, new_items):
    old, new = _keyed(part, old_items), _keyed(part, new_items)
    for key, item in new.items():
        if key not in old:
            yield Change(part, key[0], PlanChange.Kind.ADDED, new_text=_text(item))
        elif _without_units(old[key]) != _without_units(item):
            yield Change(part, key[0], PlanChange.Kind.CHANGED, *_changed_texts(old[key], item))
    for key, item in old.items():
        if key not in new:
            yield Change(part, key[0], PlanChange.Kind.REMOVED, old_text=_text(item))


def _changed_texts(old, new):
    """The old and new text of only the fields that changed, so a reader is not shown the whole routine again."""
    if not isinstance(new, dict) or not isinstance(old, dict):
        return _text(old), _text(new)
    changed = [field for field in new if field not in _LEFT_OUT and old.get(field) != new[field]]
    return _text({field: old.get(field) for field in changed}), _text({field: new[field] for field in changed})


def _without_units(item):
    """What the municipality wrote of an item, flags and settings included, without the units' own texts."""
    if not isinstance(item, dict):
        return item
    return {key: value for key, value in item.items() if key not in _LEFT_OUT}


def _by_name(data):
    """The plan file with every reference to a part given by that part's name instead of its key."""
    names = {
        item["key"]: item["name"]
        for part in ("actors", "arenas", "target_groups")
        for item in data.get(part) or []
        if "key" in item
    }

    def name_of(reference):
        if isinstance(reference, list):
            return [names.get(key, key) for key in reference]
        return names.get(reference, reference)

    for part, fields in _REFERENCES.items():
        data[part] = [
            {**item, **{field: name_of(item.get(field)) for field in fields if field in item}}
            for item in data.get(part) or []
        ]
    return data


def compare_plans(old_plan, new_plan):
    """The changes from `old_plan` to `new_plan`, part by part in the plan's order."""
    old, new = _by_name(plan_to_dict(old_plan)), _by_name(plan_to_dict(new_plan))
    changes = []
    old_intro = "\n".join(str(old.get(field) or "") for field in _PLAN_TEXT_FIELDS)
    new_intro = "\n".join(str(new.get(field) or "") for field in _PLAN_TEXT_FIELDS)
    if old_intro != new_intro:
        changes.append(Change("plan", str(new.get("title", "")), PlanChange.Kind.CHANGED, old_intro, new_intro))
    parts = [key for key in PART_LABELS if isinstance(new.get(key), list)]
    parts += [key for key, value in new.items() if isinstance(value, list) and key not in PART_LABELS]
    for part in parts:
        changes.extend(_compare_items(part, old.get(part) or [], new.get(part) or []))
    return changes


def compare_by_part(old_plan, new_plan):
    """The differences between two plans aligned part by part, in the plan's order: [(part, label, changes)].

    Every part of the plan is listed, those without differences too, so two
    plans read side by side part for part.
    """
    grouped = {}
    for change in compare_plans(old_plan, new_plan):
        grouped.setdefault(change.part, []).append(change)
    parts = list(PART_LABELS) + [part for part in grouped if part not in PART_LABELS]
    return [(part, part_label(part), grouped.get(part, [])) for part in parts]


def changes_since_approved(plan):
    """A draft revision's changes against the approved version it revises; none for a first plan."""
    if plan.revision_of is None:
        return []
    return compare_plans(plan.revision_of, plan)


def store_changes(plan, changes, rereading):
    """Keep the change summary with the approved version; `rereading` holds the indexes that must be read again."""
    PlanChange.objects.bulk_create(
        PlanChange(
            plan=plan,
            position=index,
            part=change.part,
            title=change.title[:300],
            kind=change.kind,
            old_text=change.old_text,
            new_text=change.new_text,
            requires_rereading=index in rereading,
        )
        for index, change in enumerate(changes)
    )
