"""Abstract bases: rows that count their saves, and ordered parts of a plan."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from routines import plan_parts

BTI_LEVELS = (0, 1, 2, 3)


class VersionedModel(models.Model):
    """A row that knows how many times it has been saved.

    Forms carry the version they started from; a save from an older version
    is a conflict, so two people editing the same thing never silently
    overwrite each other.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)
        plan_parts.announce_change(self)

    def delete(self, *args, **kwargs):
        # Before: the listeners may need the row's parents, which a delete can take along.
        plan_parts.announce_change(self)
        return super().delete(*args, **kwargs)


class PlanPart(VersionedModel):
    """An ordered part of a plan (or of an actor or routine, see parent_field)."""

    parent_field = "plan"

    # None until saved: save() then places a new part last among its siblings.
    position = models.PositiveIntegerField(_("position"), default=None, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def save(self, *args, **kwargs):
        if self.position is None:
            last = self.siblings().aggregate(last=models.Max("position"))["last"]
            self.position = 0 if last is None else last + 1
        super().save(*args, **kwargs)

    def siblings(self):
        parent_id = getattr(self, f"{self.parent_field}_id")
        return type(self).objects.filter(**{f"{self.parent_field}_id": parent_id})

    def move(self, step):
        """Move up (step -1) or down (+1) among its siblings; positions become 0..n-1."""
        with transaction.atomic():
            ordered = list(self.siblings().select_for_update().order_by("position", "pk"))
            index = next(i for i, sibling in enumerate(ordered) if sibling.pk == self.pk)
            target = index + step
            if not 0 <= target < len(ordered):
                return False
            ordered[index], ordered[target] = ordered[target], ordered[index]
            moved = []
            for position, sibling in enumerate(ordered):
                if sibling.position != position:
                    # A new version: the plan's digest (its PDF, its pages) sees the new order.
                    sibling.position, sibling.version = position, sibling.version + 1
                    moved.append(sibling)
            type(self).objects.bulk_update(moved, ["position", "version"])
            self.position, self.version = target, next(s.version for s in ordered if s.pk == self.pk)
            for sibling in moved:
                plan_parts.announce_change(sibling)
        return True
