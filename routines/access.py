"""Who may see and change what. Every view fetches through these helpers.

Scoping happens inside the lookup: another municipality's object is simply
not found (404); a visible object the user may only read is a 403 on change.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Membership, Municipality, Plan, Unit


def get_plan_for_user(user, pk):
    """A plan the user may read, or 404."""
    return get_object_or_404(Plan.objects.visible_to(user).select_related("municipality"), pk=pk)


def get_plan_for_editing(user, pk):
    """A draft plan the user may edit: 404 when invisible, 403 when read-only or no longer a draft."""
    plan = get_plan_as_advisor(user, pk)
    ensure_draft(plan)
    return plan


def get_plan_as_advisor(user, pk):
    """A plan of the user's municipality in any status: for approving, publishing, archiving."""
    plan = get_plan_for_user(user, pk)
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def ensure_draft(plan):
    """An approved or archived plan is frozen: its content is what was approved."""
    if plan.status != Plan.Status.DRAFT:
        raise PermissionDenied(
            _("This plan is approved or archived and can no longer be changed. To change an approved plan, start a new revision of it.")
        )


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


def can_read_history(user, plan):
    """The history names who changed what: for the municipality's own writers, not readers or the region."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user,
        municipality=plan.municipality_id,
        role__in=[Membership.Role.ADVISOR, Membership.Role.UNIT_LEADER],
    ).exists()
