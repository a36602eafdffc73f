"""What loading a whole plan prefetches (`Plan.objects.with_all_parts()`), and what is not a part.

A plan's parts live in two apps, and routines must not name meetings'
relations, so each app registers the prefetch lookups of its own parts here
from its AppConfig.ready(), as it registers their history (routines/history.py).

A part is a model with a path to Plan and a `version`; tests/test_plan_parts.py
checks that every part is in the history registry, the PDF digest and the
plan-file schema. A model that belongs to a plan but is a unit's record of
it rather than part of its text is registered here as a record instead.

Higher layers also listen here for changes: every save and delete of a
versioned row (`VersionedModel`) is announced to the listeners registered
with `register_change_listener`, which is how an edit reaches the PDF
renderer (documents/tasks.py) without routines knowing it.
"""

_lookups = []
_records = set()
_change_listeners = []


def register_prefetch(*lookups):
    """Prefetch these lookups (strings or Prefetch objects) whenever a whole plan is loaded."""
    _lookups.extend(lookups)


def prefetch_lookups():
    return list(_lookups)


def register_record(model):
    """`model` belongs to a plan but is not part of what it says: neither printed nor in the plan file."""
    _records.add(model)


def records():
    return set(_records)


def register_change_listener(listener):
    """Call `listener(instance)` after every save and before every delete of a versioned row.

    The listener runs inside the caller's transaction: work it starts must
    wait for the commit (`transaction.on_commit`).
    """
    _change_listeners.append(listener)


def announce_change(instance):
    for listener in _change_listeners:
        listener(instance)
