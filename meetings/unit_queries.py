"""What of a plan's meetings concerns one unit: its arenas and its progress-plan entries.

The routines app reaches these through Plan's related managers
(`plan.arenas.concerning(unit)`, `plan.progress_entries.concerning(unit)`),
since routines never imports meetings.

Which kinds of unit an arena or entry concerns is, for now, derived from the
arena alone: an arena found in every unit of one kind (SKUT in every school)
concerns that kind, everything else concerns every kind. Entries can also be
limited to municipal or to private units (`ProgressEntry.unit_owner`).
"""

from django.db import models


def _arena_concerns(arena, unit):
    return arena.scope != arena.Scope.EVERY_UNIT or arena.unit_kind in ("", unit.kind)


def _entry_concerns(entry, unit):
    if entry.unit_owner and entry.unit_owner != unit.owner:
        return False
    return entry.arena is None or _arena_concerns(entry.arena, unit)


class ArenaQuerySet(models.QuerySet):
    def concerning(self, unit):
        """The arenas the unit takes part in, as a list in the plan's order: one query."""
        return [arena for arena in self if _arena_concerns(arena, unit)]


class ProgressEntryQuerySet(models.QuerySet):
    def concerning(self, unit):
        """The unit's entries as a list in date order, with arena, target groups and milestones: three queries."""
        entries = self.select_related("arena").prefetch_related("target_groups", "milestones")
        return [entry for entry in entries if _entry_concerns(entry, unit)]
