"""Approval and publishing of a plan, the yearly revision, and the public page.

Every action is a POST by an advisor of the plan's municipality; approving
and archiving are confirmed on a page of their own first. The public page
needs no login and shows only a published, approved plan.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.changes import changes_since_approved
from documents.forms import ApprovalForm
from documents.services import (
    PlanActionError,
    approve_plan,
    archive_plan,
    publish_plan,
    start_next_year,
    start_revision,
    withdraw_plan,
)
from routines.access import can_edit_plan, get_plan_as_advisor, get_plan_for_approving
from routines.editing import posted
from routines.models import Plan


def _status_page(request, plan, error=None, status=200):
    public_path = reverse("documents:public_plan", args=[plan.public_slug]) if plan.published else ""
    context = {
        "plan": plan,
        "approved_by": plan.approved_by,
        "draft_revision": plan.revisions.filter(status=Plan.Status.DRAFT).order_by("pk").first(),
        "public_url": request.build_absolute_uri(public_path) if public_path else "",
        "error": error,
        # Advisors do everything here; an approver only approves.
        "can_edit": can_edit_plan(request.user, plan),
        "can_approve": True,
    }
    return render(request, "documents/history/plan_status.html", context, status=status)


@login_required
def plan_status(request, pk):
    """Where the plan stands and what an advisor (or an approver) can do with it as a whole."""
    plan = get_plan_for_approving(request.user, pk)
    return _status_page(request, plan)


def _confirmed_action(request, pk, action, template, done_message, extra=None):
    """GET asks to confirm, POST does it and goes back to the status page."""
    plan = get_plan_as_advisor(request.user, pk)
    context = {"plan": plan, "can_edit": True, **(extra or {})}
    if request.method == "POST":
        try:
            action(plan, request.user)
        except PlanActionError as error:
            return render(request, template, {**context, "error": str(error)}, status=409)
        messages.success(request, done_message)
        return redirect("documents:plan_status", pk=plan.pk)
    return render(request, template, context)


@login_required
def plan_approve(request, pk):
    """Asks for the decision (body, case reference, date), for a revision which changes must be read again,
    and a confirmation for entries copied from last year that nobody has checked."""
    plan = get_plan_for_approving(request.user, pk)
    changes = changes_since_approved(plan) if plan.status == Plan.Status.DRAFT else []
    form = ApprovalForm(posted(request), changes=changes)
    # Entries copied from last year that nobody has checked are listed and need their own confirmation.
    unreviewed = [entry for entry in plan.progress_entries.all() if entry.to_review]
    confirmed = request.POST.get("unreviewed_confirmed") == "yes"
    context = {
        "plan": plan,
        "form": form,
        "changes": changes,
        "unreviewed": unreviewed,
        "can_edit": can_edit_plan(request.user, plan),
        "can_approve": True,
    }
    if plan.status != Plan.Status.DRAFT:
        context["error"] = _("Only a draft can be approved.")
        return render(request, "documents/history/confirm_approve.html", context, status=409 if form.is_bound else 200)
    if form.is_bound and form.is_valid():
        try:
            approve_plan(plan, request.user, form.decision(), form.rereading_indexes(), unreviewed_confirmed=confirmed)
        except PlanActionError as error:
            context["error"] = str(error)
            return render(request, "documents/history/confirm_approve.html", context, status=409)
        messages.success(request, _("The plan is approved."))
        return redirect("documents:plan_status", pk=plan.pk)
    status = 400 if form.is_bound else 200
    return render(request, "documents/history/confirm_approve.html", context, status=status)


@login_required
def plan_archive(request, pk):
    return _confirmed_action(
        request, pk, archive_plan, "documents/history/confirm_archive.html", _("The plan is archived.")
    )


def _posted_action(request, pk, action, done_message):
    plan = get_plan_as_advisor(request.user, pk)
    try:
        action(plan, request.user)
    except PlanActionError as error:
        return _status_page(request, plan, error=str(error), status=409)
    messages.success(request, done_message)
    return redirect("documents:plan_status", pk=plan.pk)


@login_required
@require_POST
def plan_publish(request, pk):
    return _posted_action(request, pk, publish_plan, _("The plan is published. Anyone can read it at its address."))


@login_required
@require_POST
def plan_withdraw(request, pk):
    return _posted_action(request, pk, withdraw_plan, _("The plan is no longer published."))


def _started_plan(request, pk, start, done_message):
    """Start a new draft from this plan and go to it."""
    plan = get_plan_as_advisor(request.user, pk)
    try:
        new_plan = start(plan, request.user)
    except PlanActionError as error:
        return _status_page(request, plan, error=str(error), status=409)
    messages.success(request, done_message)
    moved = getattr(new_plan, "moved_off_days_off", 0)
    if moved:
        messages.warning(
            request,
            _(
                "Meetings that fell in a holiday of next year's school calendar, moved to the same weekday a week later: %(count)s. Check them."
            )
            % {"count": moved},
        )
    return redirect("documents:plan_detail", pk=new_plan.pk)


@login_required
@require_POST
def plan_start_revision(request, pk):
    return _started_plan(
        request,
        pk,
        start_revision,
        _("This is a new draft of the approved plan. Change it here; the approved version stays as it is."),
    )


@login_required
@require_POST
def plan_start_next_year(request, pk):
    return _started_plan(
        request,
        pk,
        start_next_year,
        _("This is next school year's plan, copied as a draft. Dates moved to the same week: review them."),
    )
