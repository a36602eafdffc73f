"""Names that identify a part within its plan (actors, arenas, target groups).

Routines name their responsible actor and progress entries their arena, so two
parts of one kind with the same name could not be told apart by a reader either.
Old data and old plan files may still hold such twins; they are told apart with
a number, «Rektor (2)», rather than refused, so nothing is lost.
"""

from django.db.models import Count


def numbered(name, taken, max_length):
    """`name`, or «name (2)», «name (3)» … : the first that is not in `taken`, within max_length."""
    if name not in taken:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: max_length - len(suffix)].rstrip() + suffix
        if candidate not in taken:
            return candidate
        number += 1


def renamed_twins(names, max_length):
    """For names in order, the names to use: the first of a kind keeps its name, later twins get a number.

    Returns the new names, in the same order as `names`.
    """
    taken = set(names)
    seen = set()
    result = []
    for name in names:
        if name in seen:
            name = numbered(name, taken, max_length)
            taken.add(name)
        seen.add(name)
        result.append(name)
    return result


def rename_twins(model, what):
    """The data migration's step: number the twins of every plan, print each renaming (model from `apps`)."""
    max_length = model._meta.get_field("name").max_length
    twins = model.objects.values("plan_id", "name").annotate(count=Count("pk")).filter(count__gt=1)
    for plan_id in sorted({row["plan_id"] for row in twins}):
        parts = list(model.objects.filter(plan_id=plan_id).order_by("position", "pk"))
        for part, name in zip(parts, renamed_twins([part.name for part in parts], max_length), strict=True):
            if name != part.name:
                print(f"\n  Plan {plan_id}: {what} {part.pk} «{part.name}» is now «{name}»", end="")
                part.name = name
                part.save(update_fields=["name"])
