"""Restoring a part of a plan from its history: an earlier version, or a deleted part with its children.

Restoring is itself a change like any other: the object gets a new historical
record with the restoring person and a change reason, so the history shows
who brought what back and from when.
"""

import datetime

from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .history import children_of, m2m_fields, parts

# A deletion removes the children first, then the parent, in one transaction
# within a fraction of a second; deletion records this close to the parent's,
# by the same person, belong to the same deletion.
SAME_DELETION = datetime.timedelta(seconds=5)

# Fields of the plan an earlier version never brings back: where the plan
# belongs, and its status (approval is never undone by restoring a text).
NEVER_RESTORED_ON_PLAN = {"municipality", "status"}


class RestoreError(Exception):
    """Restoring is not possible as asked; the message says why, for the user."""


def restore(part, record, user, seen_version=None):
    """Make the object look like the historical `record` again, and return it.

    An existing object is overwritten only when its version is still
    `seen_version`, the version the person saw; a deleted object is created
    again with its children from the same deletion, and what pointed to it
    when it was deleted points to it again.
    """
    reason = _("Restored the version of %(date)s") % {
        "date": formats.date_format(timezone.localtime(record.history_date), "SHORT_DATETIME_FORMAT")
    }
    try:
        with transaction.atomic():
            current = part.model.objects.select_for_update().filter(pk=record.id).first()
            if current is None:
                return _recreate(part, record, user, reason)
            if seen_version is None or current.version != seen_version:
                raise RestoreError(
                    _("Someone changed or restored this since you opened the page. Look at it again and decide.")
                )
            return _overwrite(part, current, record, user, reason)
    except IntegrityError:
        raise RestoreError(
            _(
                "It cannot be restored as it was: something in the plan now clashes with it, for example "
                "a number or a name that is used again. Change that first, then restore."
            )
        ) from None


def _save(obj, user, reason, **kwargs):
    obj._history_user = user
    obj._change_reason = reason[:100]
    obj.save(**kwargs)


def _restorable(part):
    hidden = {"id", "version", "position", part.parent}
    if part.parent is None:
        hidden |= NEVER_RESTORED_ON_PLAN
    return [field for field in part.model._meta.concrete_fields if field.editable and field.name not in hidden]


def _copy_fields(part, obj, record):
    for field in _restorable(part):
        value = getattr(record, field.attname)
        if field.is_relation and value is not None and field.null:
            # A linked part deleted since then (e.g. the responsible actor) is left empty, as its deletion did.
            if not field.related_model._default_manager.filter(pk=value).exists():
                value = None
        setattr(obj, field.attname, value)


def _overwrite(part, current, record, user, reason):
    _copy_fields(part, current, record)
    _set_links_quietly(part, current, record)
    _save(current, user, reason)
    return current


def _file_gone(part, record):
    """A link or file whose stored file left the storage after its deletion (routines/stored_files.py)."""
    for field in part.model._meta.concrete_fields:
        if isinstance(field, models.FileField):
            name = getattr(record, field.attname)
            if name and not field.storage.exists(name):
                return True
    return False


def _recreate(part, record, user, reason):
    if _file_gone(part, record):
        raise RestoreError(_("Its file was removed from the storage when it was deleted: add the file again."))
    deletion = part.history_model.objects.filter(id=record.id).latest()
    if part.parent not in (None, "plan"):
        parent_id = getattr(record, f"{part.parent}_id")
        if not part.parent_model._default_manager.filter(pk=parent_id).exists():
            raise RestoreError(
                _("First restore the %(parent)s it belongs to; it comes back with it.")
                % {"parent": part.parent_model._meta.verbose_name}
            )
    obj = part.model(pk=record.id)
    setattr(obj, f"{part.parent}_id", getattr(record, f"{part.parent}_id"))
    _copy_fields(part, obj, record)
    # Moving parts is not recorded (it renumbers siblings in bulk), but a
    # deletion records the row as it was: its position is the true one.
    if hasattr(obj, "position"):
        obj.position = deletion.position
    # The version goes on from the deleted one, so forms opened before the deletion see a conflict.
    obj.version = deletion.version + 1
    _save(obj, user, reason, force_insert=True)
    if m2m_fields(part):
        _set_links_quietly(part, obj, record)
        _save(obj, user, reason)
    for child in children_of(part):
        for child_record in _deleted_with(child, deletion):
            # A part comes back without the files its deletion removed; the rest of it comes back.
            if not _file_gone(child, child_record):
                _recreate(child, child_record, user, reason)
    _link_again(part, obj, user, reason)
    return obj


def _set_links_quietly(part, obj, record):
    """Set the many-to-many links (milestones, target groups) as the record had them.

    History is skipped while the links change, so the save that follows
    records the object and its links as one version. A deletion record has
    no links left (they go first), so the version before it has them.
    """
    source = record if record.history_type != "-" else record.prev_record
    obj.skip_history_when_saving = True
    try:
        for field in m2m_fields(part):
            target_field = f"{field.m2m_reverse_field_name()}_id"
            ids = [getattr(row, target_field) for row in getattr(source, field.name).all()] if source else []
            targets = field.related_model._default_manager.filter(pk__in=ids, plan_id=obj.plan_id)
            getattr(obj, field.name).set(targets)
    finally:
        del obj.skip_history_when_saving


def _deleted_with(child, deletion):
    """The child records (e.g. an actor's duties) deleted by the same deletion, in their order."""
    records = child.history_model.objects.filter(
        **{f"{child.parent}_id": deletion.id},
        history_type="-",
        history_user_id=deletion.history_user_id,
        history_date__range=(deletion.history_date - SAME_DELETION, deletion.history_date),
    ).exclude(id__in=child.model._default_manager.values("pk"))
    order = ["position", "id"] if hasattr(child.model, "position") else ["id"]
    latest_by_id = {}
    for record in records.order_by("history_date"):
        latest_by_id[record.id] = record
    return sorted(latest_by_id.values(), key=lambda record: [getattr(record, name) for name in order])


def _link_again(part, obj, user, reason):
    """Give back the links the deletion took without a trace.

    Deleting an actor empties «responsible» of its routines, deleting a
    milestone removes it from routines and entries; the database does that
    without saving those objects, so their last recorded version still holds
    the link. Where it does and the link is still empty, it is restored.
    """
    for other in parts():
        history = other.history_model.objects
        for field in other.model._meta.concrete_fields:
            if field.related_model is part.model and field.remote_field.on_delete is models.SET_NULL:
                candidates = other.model._default_manager.filter(
                    **{f"{field.name}__isnull": True},
                    pk__in=history.filter(**{field.attname: obj.pk}).values("id"),
                )
                for candidate in candidates:
                    if getattr(history.filter(id=candidate.pk).latest(), field.attname) == obj.pk:
                        setattr(candidate, field.attname, obj.pk)
                        _save(candidate, user, reason)
        for field in m2m_fields(other):
            if field.related_model is not part.model:
                continue
            target_field = f"{field.m2m_reverse_field_name()}_id"
            candidates = other.model._default_manager.filter(plan_id=obj.plan_id).exclude(**{field.name: obj})
            for candidate in candidates:
                latest = history.filter(id=candidate.pk).latest()
                if getattr(latest, field.name).filter(**{target_field: obj.pk}).exists():
                    candidate._history_user = user
                    candidate._change_reason = reason[:100]
                    getattr(candidate, field.name).add(obj)
