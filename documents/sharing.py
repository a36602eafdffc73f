"""Learning from each other: the plans a user may read for comparison across the region."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from routines.models import Plan


def readable_plans(user):
    """The user's own plans (any status) and the approved plans shared in their region."""
    return Plan.objects.filter(
        Q(pk__in=Plan.objects.visible_to(user).values("pk"))
        | Q(pk__in=Plan.objects.shared_in_region_with(user).values("pk"))
    )


def get_readable_plan(user, pk):
    return get_object_or_404(readable_plans(user).with_all_parts(), pk=pk)
