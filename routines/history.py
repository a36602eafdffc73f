"""The history of a plan: which historical records belong to it, the timeline, and word diffs.

Every part of a plan keeps its history (django-simple-history). The parts live
in two apps, and routines must not import meetings, so each app registers its
own parts here from its AppConfig.ready(). The timeline then asks this
registry and never needs to know which app a part comes from; a new part
shows up in the history by registering it.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, CharField, Exists, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast, Left
from django.http import Http404
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .recording import source_label

LABEL_LENGTH = 120


@dataclass(frozen=True)
class Part:
    """One kind of part of a plan whose history is kept.

    `parent` names the foreign key to what the part belongs to: "plan" for
    parts of the plan itself, "actor" for duties, "routine" for legal
    references and unit texts, None for the plan. `label` is the field (it
    may follow a relation) that names a version in the timeline.
    """

    model: type
    parent: str | None
    label: str

    @property
    def key(self):
        return self.model._meta.model_name

    @property
    def history_model(self):
        return self.model.history.model

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    @property
    def parent_model(self):
        if self.parent is None:
            return None
        return self.model._meta.get_field(self.parent).related_model


_parts = {}


def register(model, parent, label):
    """Make a model's history part of its plan's history."""
    part = Part(model, parent, label)
    _parts[part.key] = part


def parts():
    return list(_parts.values())


def get_part(key):
    try:
        return _parts[key]
    except KeyError:
        raise Http404 from None


def children_of(part):
    """The parts that belong to `part` and go with it when it is deleted (duties of an actor …)."""
    return [child for child in _parts.values() if child.parent_model is part.model and child.parent != "plan"]


def records_of_plan(part, plan_id):
    """Every historical record of `part` that belongs to the plan, deleted objects included.

    Duties, legal references and unit texts reach the plan through their
    parent's history, so they are found even when the parent is deleted.
    """
    records = part.history_model.objects.all()
    if part.parent is None:
        return records.filter(id=plan_id)
    if part.parent == "plan":
        return records.filter(plan_id=plan_id)
    parent = get_part(part.parent_model._meta.model_name)
    return records.filter(**{f"{part.parent}_id__in": records_of_plan(parent, plan_id).values("id")})


def with_labels(part, records):
    """Records with `label_text`, the name of the version, read in the query (parents may be gone)."""
    return records.annotate(label_text=Left(Cast(part.label, output_field=TextField()), LABEL_LENGTH))


# The timeline ----------------------------------------------------------------

TIMELINE_FIELDS = [
    "part_key",
    "history_id",
    "id",
    "history_date",
    "history_type",
    "history_user_id",
    "history_change_reason",
    "label_text",
    "exists_now",
    "parent_exists",
]


def timeline(plan, part_key=None, user_id=None):
    """All changes to the plan and its parts, newest first, as one query.

    The historical tables are combined with UNION ALL, so a page of the
    timeline costs one query whatever it shows and however many kinds of
    part it mixes. Each row says whether the object and what it belongs to
    still exist, so deleted objects can be offered for restoring without
    another query (a duty of a deleted actor comes back with the actor).
    """
    selected = [get_part(part_key)] if part_key else parts()
    queries = []
    for part in selected:
        records = records_of_plan(part, plan.pk)
        if user_id is not None:
            records = records.filter(history_user_id=user_id)
        queries.append(
            with_labels(part, records)
            .annotate(
                part_key=Value(part.key, output_field=CharField()),
                exists_now=Exists(part.model.objects.filter(pk=OuterRef("id"))),
                parent_exists=_parent_exists(part),
            )
            .values(*TIMELINE_FIELDS)
            .order_by()  # the historical models' default order is not allowed inside a UNION
        )
    combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    return combined.order_by("-history_date", "-history_id")


def _parent_exists(part):
    if part.parent in (None, "plan"):
        # The plan exists: its history is being shown.
        return Value(True, output_field=BooleanField())
    return Exists(part.parent_model.objects.filter(pk=OuterRef(f"{part.parent}_id")))


def last_editor_id(plan, leaving_out=()):
    """The id of the person who last changed the plan's parts (not the parts keyed in `leaving_out`), or None."""
    queries = [
        records_of_plan(part, plan.pk)
        .filter(history_user_id__isnull=False)
        .values("history_user_id", "history_date")
        .order_by()
        for part in parts()
        if part.key not in leaving_out
    ]
    combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    latest = combined.order_by("-history_date").first()
    return latest["history_user_id"] if latest else None


def people(plan):
    """Everyone who changed something in the plan, in one query."""
    changed_by = Q()
    for part in parts():
        changed_by |= Q(pk__in=records_of_plan(part, plan.pk).values("history_user_id"))
    return list(get_user_model().objects.filter(changed_by).order_by("first_name", "last_name", "username"))


def timeline_rows(rows, users_by_id):
    """Timeline rows ready for the page: part, who and what happened."""
    for row in rows:
        part = get_part(row["part_key"])
        user = users_by_id.get(row["history_user_id"])
        reason = row["history_change_reason"]
        yield {
            **row,
            "part": part,
            "user": user,
            "who": changed_by(user, reason),
            "reason": shown_reason(reason),
            "action": ACTIONS[row["history_type"]](),
        }


def by_day_and_person(rows):
    """The timeline as it reads best: one group for each run of changes by one person on one day."""
    groups = []
    for row in rows:
        day = timezone.localdate(row["history_date"])
        if groups and groups[-1]["day"] == day and groups[-1]["who"] == row["who"]:
            groups[-1]["rows"].append(row)
        else:
            groups.append({"day": day, "who": row["who"], "rows": [row]})
    return groups


def changed_by(user, change_reason):
    """Who made a change: the person, else the command that made it (the demo, an import)."""
    if user is not None:
        return user.get_full_name() or user.username
    return source_label(change_reason) or _("unknown person")


def shown_reason(change_reason):
    """The reason given for a change, but not the mark a command leaves (that is shown as who)."""
    return None if source_label(change_reason) else change_reason


ACTIONS = {
    "+": lambda: _("Created"),
    "~": lambda: _("Changed"),
    "-": lambda: _("Deleted"),
}


# Differences between versions -------------------------------------------------

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old, new):
    """HTML showing the words removed from `old` and added in `new`.

    <del> and <ins> carry the meaning and are styled with more than colour
    (struck through, underlined); screen readers do not announce them, so
    each also starts with visually hidden text saying what it is.
    """
    old_words = _TOKENS.findall(old or "")
    new_words = _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    removed, added = _("removed:"), _("added:")
    html = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            html.append(escape("".join(old_words[old_start:old_end])))
            continue
        if operation in ("delete", "replace"):
            text = escape("".join(old_words[old_start:old_end]))
            html.append(f'<del><span class="visually-hidden">{removed} </span>{text}</del>')
        if operation in ("insert", "replace"):
            text = escape("".join(new_words[new_start:new_end]))
            html.append(f'<ins><span class="visually-hidden">{added} </span>{text}</ins>')
    return mark_safe("".join(html))  # every piece of user text above is escaped


def fields_shown(part):
    """The fields people wrote, in form order: not ids, counters, positions or the parent link."""
    hidden = {"id", "version", "position", part.parent}
    return [field for field in part.model._meta.concrete_fields if field.editable and field.name not in hidden]


def m2m_fields(part):
    return list(getattr(part.history_model, "_history_m2m_fields", []))


def compare(part, record, older):
    """Field by field: the version `record` against the `older` one (None for the first)."""
    rows = []
    for field in fields_shown(part):
        new_value, old_value = _readable(field, record), _readable(field, older) if older else None
        rows.append(_compared(field.verbose_name, old_value, new_value, older, is_text=_is_text(field)))
    for field in m2m_fields(part):
        new_value, old_value = _linked_names(field, record), _linked_names(field, older) if older else None
        rows.append(_compared(field.verbose_name, old_value, new_value, older, is_text=False))
    return rows


def _compared(label, old_value, new_value, older, is_text):
    changed = older is not None and old_value != new_value
    return {
        "label": label,
        "old": old_value,
        "new": new_value,
        "changed": changed,
        "diff": word_diff(old_value, new_value) if changed and is_text else None,
    }


def _is_text(field):
    return isinstance(field, (CharField, TextField)) and not field.choices


def _readable(field, record):
    """A field's value of a historical record as people read it."""
    if field.choices:
        return str(getattr(record, f"get_{field.name}_display")())
    if field.is_relation:
        related_id = getattr(record, field.attname)
        if related_id is None:
            return ""
        related = field.related_model._default_manager.filter(pk=related_id).first()
        return str(related) if related else _("(deleted)")
    value = getattr(record, field.attname)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _linked_names(field, record):
    """The names of what a historical record linked to, e.g. its milestones, deleted ones marked."""
    target = field.related_model
    through_field = field.m2m_reverse_field_name()
    ids = [getattr(row, f"{through_field}_id") for row in getattr(record, field.name).all()]
    existing = {obj.pk: str(obj) for obj in target._default_manager.filter(pk__in=ids)}
    return ", ".join(sorted(existing.get(pk, _("(deleted)")) for pk in ids))
