"""Who may see and plan regional gatherings. Like routines.access: scoped inside the lookup.

Coordinators of a region plan its gatherings; every member of a municipality
in the region reads them; everyone else gets 404. A member who may only read
gets 403 on change.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from routines.models import Municipality, Region

from .models import Gathering, coordinated_regions


def get_gathering_for_user(user, pk):
    return get_object_or_404(Gathering.objects.visible_to(user).select_related("region"), pk=pk)


def can_plan_gathering(user, gathering):
    return Gathering.objects.editable_by(user).filter(pk=gathering.pk).exists()


def get_gathering_for_planning(user, pk):
    gathering = get_gathering_for_user(user, pk)
    if not can_plan_gathering(user, gathering):
        raise PermissionDenied
    return gathering


def get_region_for_planning(user, pk):
    """A region the user coordinates: 403 for members of its municipalities, else 404."""
    region = get_object_or_404(Region, pk=pk)
    if Region.objects.filter(pk=pk, pk__in=coordinated_regions(user)).exists():
        return region
    if Municipality.objects.visible_to(user).filter(region=region).exists():
        raise PermissionDenied
    raise Http404


def get_part_for_planning(user, model, gathering_path, pk):
    """An agenda item, group work, step or group of a gathering the user plans (404 / 403 as above).

    `gathering_path` leads from the part to its gathering, e.g. "group_work__gathering".
    """
    visible = Gathering.objects.visible_to(user)
    part = get_object_or_404(
        model.objects.select_related(gathering_path).filter(**{f"{gathering_path}__in": visible}), pk=pk
    )
    if not can_plan_gathering(user, part.gathering):
        raise PermissionDenied
    return part
