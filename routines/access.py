"""Who may see and change what. Every view starts with one of these helpers.

The rule, the same in routines.access, meetings.access and documents.access:

- 404 when the object is none of the user's business. Scoping happens inside
  the lookup (`Plan.objects.visible_to(user)…get(pk=…)`), never by fetching
  first and checking after, so another municipality's object is simply not
  found and nothing tells that it exists. A unit leader's business is their
  own unit: another unit's edit addresses are 404 for them too.
- 403 when the user sees the object but may only read it, or when it is
  frozen (an approved plan); `refuse` raises it with a reason, and with the
  plan when there is one, so the 403 page can say why and lead back.
"""

from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import (
    Actor,
    Duty,
    FocusArea,
    Membership,
    Milestone,
    MilestoneProgress,
    Municipality,
    Plan,
    Routine,
    RoutineAttachment,
    Section,
    SectionAttachment,
    Unit,
    UnitRoutineText,
)
from .plan_rights import plan_rights, with_rights


def refuse(plan=None, reason=""):
    """403: the user sees this but may not change it. The 403 page shows `reason` and links back to `plan`."""
    error = PermissionDenied(reason)
    error.plan = plan
    raise error


def get_visible_plans(user):
    """The plans the user may read: every plan of their municipalities, in any status."""
    return Plan.objects.visible_to(user)


def get_municipalities_for_new_plan(user):
    """The municipalities the user may start a plan in: 403 for anyone who is not an advisor."""
    municipalities = Municipality.objects.editable_by(user)
    if not municipalities.exists():
        refuse()
    return municipalities


# The roles that write formatted text somewhere: the plan, a unit's own part, a gathering.
WRITING_ROLES = (Membership.Role.ADVISOR, Membership.Role.UNIT_LEADER, Membership.Role.COORDINATOR)


def get_writer(user):
    """The user, when they write formatted text anywhere in KIBS; 403 for readers, employees and approvers."""
    if not user.is_superuser and not user.memberships.filter(role__in=WRITING_ROLES).exists():
        refuse()
    return user


def can_create_plan(user):
    return Municipality.objects.editable_by(user).exists()


def get_plan_for_user(user, pk):
    """A plan the user may read, or 404."""
    return get_object_or_404(Plan.objects.visible_to(user).select_related("municipality"), pk=pk)


def get_plan_with_rights(user, pk):
    """A plan the user may read, or 404; `plan.user_can_edit` says, from the same query, whether they edit it.

    The same answer as can_edit_plan(user, plan), one query fewer, for the read pages that ask both.
    """
    return get_object_or_404(with_rights(Plan.objects.visible_to(user).select_related("municipality"), user), pk=pk)


def get_plan_rights(user, pk):
    """The plan `pk` as far as its kept pages need it (id, municipality, status, review owner, language) with
    `user_can_edit`, if the user may read it, else 404: one query compiled once (routines/plan_rights.py).

    Not a plan to render: the page's render loads it with get_plan_with_rights.
    """
    found = plan_rights(user, pk)
    if found is None:
        raise Http404
    *fields, can_edit = found
    plan = Plan(**dict(zip(("pk", "municipality_id", "status", "review_owner_id", "language"), fields, strict=True)))
    plan.user_can_edit = can_edit
    return plan


def get_plan_for_editing(user, pk):
    """A draft plan the user may edit: 404 when invisible, 403 when read-only or no longer a draft."""
    plan = get_plan_as_advisor(user, pk)
    ensure_draft(plan)
    return plan


def get_plan_as_advisor(user, pk):
    """A plan of the user's municipality in any status: for approving, publishing, archiving."""
    plan = get_plan_for_user(user, pk)
    if not can_edit_plan(user, plan):
        refuse(plan)
    return plan


def ensure_draft(plan):
    """An approved or archived plan is frozen: its content is what was approved."""
    if plan.status != Plan.Status.DRAFT:
        refuse(
            plan,
            _(
                "This plan is approved or archived and can no longer be changed. To change an approved plan, start a new revision of it."
            ),
        )


def can_edit_plan(user, plan):
    return Municipality.objects.editable_by(user).filter(pk=plan.municipality_id).exists()


def get_municipality_for_user(user, pk):
    return get_object_or_404(Municipality.objects.visible_to(user), pk=pk)


def get_municipality_for_editing(user, pk):
    municipality = get_municipality_for_user(user, pk)
    if not can_edit_plan_of_municipality(user, municipality.pk):
        refuse()
    return municipality


def get_unit_for_user(user, pk):
    return get_object_or_404(Unit.objects.visible_to(user).select_related("municipality"), pk=pk)


def get_unit_for_editing(user, pk):
    """A unit to rename or delete: that is the municipality's advisors' job."""
    unit = get_unit_for_user(user, pk)
    if not can_edit_plan_of_municipality(user, unit.municipality_id):
        refuse()
    return unit


def can_edit_unit(user, unit):
    """Advisors of the municipality and the unit's own leader edit its texts."""
    if can_edit_plan_of_municipality(user, unit.municipality_id):
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.UNIT_LEADER, unit=unit).exists()


def editable_unit_ids(user, municipality_id):
    """The units whose texts the user may edit: every unit for advisors, their own for unit leaders."""
    if can_edit_plan_of_municipality(user, municipality_id):
        return set(Unit.objects.filter(municipality=municipality_id).values_list("pk", flat=True))
    leader_of = Membership.objects.filter(
        user=user, role=Membership.Role.UNIT_LEADER, unit__municipality=municipality_id
    )
    return set(leader_of.values_list("unit", flat=True))


def can_edit_plan_of_municipality(user, municipality_id):
    return Municipality.objects.editable_by(user).filter(pk=municipality_id).exists()


def get_plan_part_for_user(user, queryset, pk, plan_path="plan"):
    """A part of a plan the user may read, with its plan and municipality loaded, or 404."""
    visible = queryset.filter(**{f"{plan_path}__in": Plan.objects.visible_to(user)})
    return get_object_or_404(visible.select_related(f"{plan_path}__municipality"), pk=pk)


def get_plan_part_for_editing(user, queryset, pk, plan_path="plan"):
    """A part of a draft plan the user may edit: 404 when invisible, 403 when read-only or frozen."""
    part = get_plan_part_for_user(user, queryset, pk, plan_path)
    plan = attrgetter(plan_path.replace("__", "."))(part)
    if not can_edit_plan(user, plan):
        refuse(plan)
    ensure_draft(plan)
    return part


def get_focus_area_for_editing(user, pk):
    return get_plan_part_for_editing(user, FocusArea.objects, pk)


def get_section_for_editing(user, pk):
    return get_plan_part_for_editing(user, Section.objects, pk)


def get_actor_for_editing(user, pk):
    return get_plan_part_for_editing(user, Actor.objects, pk)


def get_duty_for_editing(user, pk):
    return get_plan_part_for_editing(user, Duty.objects, pk, plan_path="actor__plan")


def get_milestone_for_editing(user, pk):
    return get_plan_part_for_editing(user, Milestone.objects, pk)


def get_routine_for_user(user, pk):
    related = ("responsible", "review_owner", "review_owner_actor", "reviewed_by")
    return get_plan_part_for_user(user, Routine.objects.select_related(*related), pk)


def get_routine_for_reading(user, pk):
    """A routine the user may read, with what its reading page and PDF show, or 404."""
    routines = Routine.objects.select_related("responsible").prefetch_related("legal_references", "milestones")
    return get_plan_part_for_user(user, routines, pk)


def get_routine_of_unit(user, routine_pk, unit_pk):
    """(routine, unit): a routine as it applies to a unit the user may read; 404 unless it concerns the unit."""
    unit = get_unit_for_user(user, unit_pk)
    routine = get_routine_for_reading(user, routine_pk)
    if routine.plan.municipality_id != unit.municipality_id or not routine.concerns(unit):
        raise Http404
    return routine, unit


def get_routine_for_editing(user, pk):
    return get_plan_part_for_editing(user, Routine.objects, pk)


def get_routine_attachment_for_user(user, pk):
    """A routine's link or file: whoever may read the plan may download it."""
    return get_plan_part_for_user(user, RoutineAttachment.objects.select_related("routine"), pk, "routine__plan")


def get_routine_attachment_for_editing(user, pk):
    return get_plan_part_for_editing(user, RoutineAttachment.objects.select_related("routine"), pk, "routine__plan")


def get_section_attachment_for_user(user, pk):
    return get_plan_part_for_user(user, SectionAttachment.objects.select_related("section"), pk, "section__plan")


def get_section_attachment_for_editing(user, pk):
    return get_plan_part_for_editing(user, SectionAttachment.objects.select_related("section"), pk, "section__plan")


def get_unit_text_for_editing(user, routine_pk, unit_pk):
    """A unit's own text for a routine, or its local supplement to a common one; new and unsaved if not written yet.

    The unit as get_unit_for_leader_editing answers it; then 404 unless the
    routine is of the unit's municipality and takes units' texts; 403 once
    the plan is archived. The unit's own part has its own lifecycle: an
    approved plan freezes the municipality's common text, never the units' work.
    """
    unit = get_unit_for_leader_editing(user, unit_pk)
    routine = get_routine_for_user(user, routine_pk)
    if routine.plan.municipality_id != unit.municipality_id or not routine.takes_unit_texts:
        raise Http404
    if not routine.concerns(unit):
        raise Http404  # a routine for other kinds of unit: nothing for this unit to write
    ensure_unit_part_open(routine.plan)
    # Looked up on every request: if someone wrote the first text meanwhile, saving is a conflict.
    text = UnitRoutineText.objects.filter(routine=routine, unit=unit).first()
    return text or UnitRoutineText(routine=routine, unit=unit)


def can_read_history(user, plan):
    """The history names who changed what: for the municipality's own writers, not readers or the region."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user,
        municipality=plan.municipality_id,
        role__in=[Membership.Role.ADVISOR, Membership.Role.APPROVER, Membership.Role.UNIT_LEADER],
    ).exists()


# --- A unit's own part of a plan: its page, texts, milestone progress, read confirmation ---


def get_unit_and_plan_for_user(user, unit_pk, plan_pk):
    """A visible unit and a plan of its municipality (with `user_can_edit`, see get_plan_with_rights), or 404."""
    unit = get_unit_for_user(user, unit_pk)
    plans = Plan.objects.filter(municipality=unit.municipality_id).select_related("municipality")
    return unit, get_object_or_404(with_rights(plans, user), pk=plan_pk)


def get_unit_and_plan_in_force(user, unit_pk):
    """A visible unit and its municipality's plan in force this school year (None when there is none yet).

    The plan has `user_can_edit`, as get_unit_and_plan_for_user's.
    """
    unit = get_unit_for_user(user, unit_pk)
    plan = unit.municipality.plan_in_force()
    if plan is not None:
        plan.user_can_edit = can_edit_plan(user, plan)
    return unit, plan


def _get_unit_for_change(user, pk):
    """A visible unit, except another unit of a municipality where the user leads one: 404 for that."""
    leads = Membership.objects.filter(user=user, role__in=Membership.UNIT_ROLES, unit__isnull=False)
    units = Unit.objects.visible_to(user).exclude(
        Q(municipality__in=leads.values("municipality")) & ~Q(pk__in=leads.values("unit"))
    )
    return get_object_or_404(units.select_related("municipality"), pk=pk)


def get_unit_for_leader_editing(user, pk):
    """A unit whose own part the user may change: its leader, or an advisor of its municipality."""
    unit = _get_unit_for_change(user, pk)
    if not can_edit_unit(user, unit):
        refuse()
    return unit


def get_unit_for_confirming(user, pk):
    """A unit the user leads or works in: its leader and employees confirm having read the plan."""
    unit = _get_unit_for_change(user, pk)
    if not is_member_of_unit(user, unit):
        refuse(reason=_("Only the unit's leader and employees confirm having read its plan."))
    return unit


def get_unit_and_plan_for_confirming(user, unit_pk, plan_pk):
    """The unit its leader or employee confirms having read a plan of its municipality for."""
    unit = get_unit_for_confirming(user, unit_pk)
    return unit, get_object_or_404(Plan.objects.filter(municipality=unit.municipality_id), pk=plan_pk)


def get_unit_and_plan_for_commenting(user, unit_pk, plan_pk):
    """A unit and a plan of its municipality that an advisor comments on: 403 for others, and once archived."""
    unit, plan = get_unit_and_plan_for_user(user, unit_pk, plan_pk)
    if not can_edit_plan_of_municipality(user, unit.municipality_id):
        refuse(plan, _("Only the municipality's advisors comment on a unit's part of the plan."))
    ensure_unit_part_open(plan)
    return unit, plan


def get_unit_for_managing_employees(user, pk):
    """A unit whose employees the user adds and removes: its leader, or an advisor of its municipality."""
    unit = _get_unit_for_change(user, pk)
    if not (is_leader_of(user, unit) or can_edit_plan_of_municipality(user, unit.municipality_id)):
        refuse(reason=_("Only the unit's leader and the municipality's advisors add and remove its employees."))
    return unit


def get_employee_membership(user, unit_pk, employee_pk):
    """An employee's role in a unit whose employees the user manages, to take it away; 404 for anyone else."""
    unit = get_unit_for_managing_employees(user, unit_pk)
    memberships = Membership.objects.filter(unit=unit, role=Membership.Role.EMPLOYEE).select_related("user", "unit")
    return get_object_or_404(memberships, user=employee_pk)


def get_milestone_progress_for_editing(user, unit_pk, milestone_pk):
    """The unit's progress towards a milestone of its municipality's plan, new and unsaved if not reported yet."""
    unit = get_unit_for_leader_editing(user, unit_pk)
    milestones = Milestone.objects.filter(plan__municipality=unit.municipality_id).select_related("plan__municipality")
    milestone = get_object_or_404(milestones, pk=milestone_pk)
    ensure_progress_open(milestone.plan)
    progress = MilestoneProgress.objects.filter(unit=unit, milestone=milestone).first()
    return progress or MilestoneProgress(unit=unit, milestone=milestone)


def is_leader_of(user, unit):
    return Membership.objects.filter(user=user, role=Membership.Role.UNIT_LEADER, unit=unit).exists()


def is_employee_of(user, unit):
    return Membership.objects.filter(user=user, role=Membership.Role.EMPLOYEE, unit=unit).exists()


def is_member_of_unit(user, unit):
    """Its leader or one of its employees: the people the unit's page is written for."""
    return Membership.objects.filter(user=user, role__in=Membership.UNIT_ROLES, unit=unit).exists()


def units_led_by(user):
    """The units the user leads, with their municipality (a user may lead one per municipality)."""
    return Unit.objects.filter(memberships__user=user, memberships__role=Membership.Role.UNIT_LEADER).select_related(
        "municipality"
    )


def units_of(user):
    """The units the user leads or works in, with their municipality (one per municipality)."""
    return Unit.objects.filter(memberships__user=user, memberships__role__in=Membership.UNIT_ROLES).select_related(
        "municipality"
    )


def ensure_progress_open(plan):
    """Units report milestone progress on a draft or approved plan; an archived plan's record is closed."""
    if plan.status == Plan.Status.ARCHIVED:
        refuse(plan, _("This plan is archived: its milestone progress can no longer be changed."))


def ensure_unit_part_open(plan):
    """A unit writes its own part of a draft or approved plan; an archived plan is kept as it was."""
    if plan.status == Plan.Status.ARCHIVED:
        refuse(plan, _("This plan is archived: the units' own texts in it can no longer be changed."))


# --- Approving: advisors, and approvers who approve without editing ---


def can_approve(user, plan):
    """Advisors and approvers of the plan's municipality."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user,
        municipality=plan.municipality_id,
        role__in=[Membership.Role.ADVISOR, Membership.Role.APPROVER],
    ).exists()


def get_plan_for_approving(user, pk):
    """A plan the user may approve, in any status (the approval page says what can be done): 403 for others."""
    plan = get_plan_for_user(user, pk)
    if not can_approve(user, plan):
        refuse(plan, _("Only the municipality's advisors and approvers approve its plans."))
    return plan


def unit_page_rights(user, unit, plan):
    """What the user may do on a unit's page, from their one membership in its municipality.

    Write the unit's texts and report milestone progress, on a draft or an
    approved plan (the unit's part lives on until the plan is archived): its
    leader and advisors. Comment on the unit's part: advisors. Confirm having
    read an approved plan: its leader and employees. Manage its employees:
    its leader. See every unit's progress: advisors.
    """
    if user.is_superuser:
        advisor, leader, employee = True, False, False
    else:
        membership = Membership.objects.filter(user=user, municipality=unit.municipality_id).first()
        role = membership.role if membership else None
        own_unit = membership is not None and membership.unit_id == unit.pk
        advisor = role == Membership.Role.ADVISOR
        leader = role == Membership.Role.UNIT_LEADER and own_unit
        employee = role == Membership.Role.EMPLOYEE and own_unit
    open_for_units = plan.status != Plan.Status.ARCHIVED
    return {
        "can_edit_texts": (advisor or leader) and open_for_units,
        "can_edit_progress": (advisor or leader) and open_for_units,
        "can_comment": advisor and open_for_units,
        "can_confirm": (leader or employee) and plan.status == Plan.Status.APPROVED,
        "can_manage_employees": leader or advisor,
        "can_see_overview": advisor,
        "is_employee": employee,
    }


# --- Reviews of the plan and its routines ---


def can_review(user, plan, reviewed, can_edit=None):
    """The plan's advisors, or the named owner of the review, while the plan is not archived.

    `can_edit`: what can_edit_plan(user, plan) answered, when the caller has asked already.
    """
    if plan.status == Plan.Status.ARCHIVED:
        return False
    if reviewed.review_owner_id == user.pk:
        return True
    return can_edit_plan(user, plan) if can_edit is None else can_edit


def _ensure_reviewable(user, plan, reviewed):
    if plan.status == Plan.Status.ARCHIVED:
        refuse(plan, _("This plan is archived: its routines are reviewed in the plan that followed it."))
    if not can_review(user, plan, reviewed):
        refuse(plan)


def get_routine_for_reviewing(user, pk):
    """A routine the user may mark reviewed: also in an approved plan, as a review records, it does not edit."""
    routine = get_plan_part_for_user(user, Routine.objects, pk)
    _ensure_reviewable(user, routine.plan, routine)
    return routine


def get_plan_for_reviewing(user, pk):
    plan = get_plan_for_user(user, pk)
    _ensure_reviewable(user, plan, plan)
    return plan
