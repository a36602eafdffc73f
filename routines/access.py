"""Who may see and change what. Every view fetches through these helpers.

Scoping happens inside the lookup: another municipality's object is simply
not found (404); a visible object the user may only read is a 403 on change.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Membership, Municipality, Plan, Unit


def get_plan_for_user(user, pk):
    """A plan the user may read, or 404."""
    return get_object_or_404(Plan.objects.visible_to(user).select_related("municipality"), pk=pk)


def get_plan_for_editing(user, pk):
    """A plan the user may edit: 404 when invisible, 403 when read-only."""
    plan = get_plan_for_user(user, pk)
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def can_edit_plan(user, plan):
    return Municipality.objects.editable_by(user).filter(pk=plan.municipality_id).exists()


def get_unit_for_user(user, pk):
    return get_object_or_404(Unit.objects.visible_to(user).select_related("municipality"), pk=pk)


def can_edit_unit(user, unit):
    """Advisors of the municipality and the unit's own leader edit its texts."""
    if can_edit_plan_of_municipality(user, unit.municipality_id):
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.UNIT_LEADER, unit=unit).exists()


def can_edit_plan_of_municipality(user, municipality_id):
    return Municipality.objects.editable_by(user).filter(pk=municipality_id).exists()


# --- A unit's own part of a plan: its page, texts, milestone progress, read confirmation ---


def get_unit_and_plan_for_user(user, unit_pk, plan_pk=None):
    """A visible unit and a plan of its municipality (the current one without plan_pk), or 404."""
    unit = get_unit_for_user(user, unit_pk)
    plans = Plan.objects.filter(municipality=unit.municipality_id).select_related("municipality")
    if plan_pk is not None:
        return unit, get_object_or_404(plans, pk=plan_pk)
    plan = current_plan(plans)
    if plan is None:
        raise Http404
    return unit, plan


def current_plan(plans, today=None):
    """The plan of the current school year, else the latest before it; approved before draft.

    A school year starts on 1 August. Archived plans are never current.
    """
    today = today or timezone.localdate()
    school_year = today.year if today.month >= 8 else today.year - 1
    approved_first = Case(When(status=Plan.Status.APPROVED, then=Value(0)), default=Value(1))
    candidates = plans.exclude(status=Plan.Status.ARCHIVED)
    return (
        candidates.filter(school_year__lte=school_year).order_by("-school_year", approved_first, "title").first()
        # A municipality that has only planned ahead: the nearest coming year.
        or candidates.order_by("school_year", approved_first, "title").first()
    )


def get_unit_for_leader_editing(user, pk):
    """A unit whose own part the user may change: its leader, or an advisor of its municipality."""
    unit = get_unit_for_user(user, pk)
    if not can_edit_unit(user, unit):
        _refuse(user, unit)
    return unit


def get_unit_for_confirming(user, pk):
    """A unit whose leader the user is: only the leader confirms having read the plan."""
    unit = get_unit_for_user(user, pk)
    if not is_leader_of(user, unit):
        _refuse(user, unit)
    return unit


def _refuse(user, unit):
    """404 for the leader of another unit (its edit URLs are none of their business), 403 for other members."""
    if Membership.objects.filter(
        user=user, municipality=unit.municipality_id, role=Membership.Role.UNIT_LEADER
    ).exists():
        raise Http404
    raise PermissionDenied


def is_leader_of(user, unit):
    return Membership.objects.filter(user=user, role=Membership.Role.UNIT_LEADER, unit=unit).exists()


def units_led_by(user):
    """The units the user leads, with their municipality (a user may lead one per municipality)."""
    return Unit.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.UNIT_LEADER
    ).select_related("municipality")


def unit_page_rights(user, unit):
    """What the user may do on a unit's page, from their one membership in its municipality.

    Edit the unit's part: its leader and advisors. Confirm having read the
    plan: its leader. See every unit's progress: advisors.
    """
    if user.is_superuser:
        return {"can_edit": True, "can_confirm": False, "can_see_overview": True}
    membership = Membership.objects.filter(user=user, municipality=unit.municipality_id).first()
    advisor = membership is not None and membership.role == Membership.Role.ADVISOR
    leader = membership is not None and membership.role == Membership.Role.UNIT_LEADER and membership.unit_id == unit.pk
    return {"can_edit": advisor or leader, "can_confirm": leader, "can_see_overview": advisor}
