import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from documents import pdf as plan_pdf_rendering
from documents.forms import PlanCreateForm
from documents.pdf_cache import plan_digest_and_size, plan_pdf_name, render_plan, renders_in_background
from documents.services import PlanActionError
from documents.tasks import render_plan_pdf
from meetings.support_system import support_system
from ops.pdf import pdf_response
from ops.tasks import enqueue_once
from routines.access import (
    can_approve,
    can_create_plan,
    can_review,
    get_municipalities_for_new_plan,
    get_plan_for_editing,
    get_plan_for_reviewing,
    get_plan_for_user,
    get_plan_rights,
    get_plan_with_rights,
    get_visible_plans,
)
from routines.editing import confirm_delete, posted, save_together_unless_conflict
from routines.forms import PlanSettingsForm, ReviewForm, VisionForm
from routines.models import Plan
from routines.page_cache import cached_page, fragment_key, lazy
from routines.views.reviews import review_page


@login_required
@require_safe
def plan_list(request):
    plans = get_visible_plans(request.user).for_plan_list()
    context = {"plans": plans, "can_create": can_create_plan(request.user)}
    return render(request, "documents/plan_list.html", context)


@login_required
def plan_create(request):
    municipalities = get_municipalities_for_new_plan(request.user)
    copyable = get_visible_plans(request.user)
    form = PlanCreateForm(posted(request), municipalities=municipalities, copyable=copyable)
    if form.is_bound and form.is_valid():
        try:
            plan = form.save()
        except PlanActionError as error:
            # A copy goes through the plan file rules; nothing is created when it cannot be made.
            form.add_error("copy_from", str(error))
        else:
            messages.success(request, _("The plan «%(plan)s» is created.") % {"plan": plan})
            return redirect("documents:plan_detail", plan.pk)
    return render(request, "documents/plan_create.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
def plan_edit(request, pk):
    plan = get_plan_for_editing(request.user, pk)
    form = PlanSettingsForm(posted(request), instance=plan)
    vision_form = VisionForm(posted(request), instance=plan.municipality)
    if form.is_bound and all([form.is_valid(), vision_form.is_valid()]):
        # The vision and the approval setting are shared with the municipality's other plans: they
        # are saved, and checked for conflicts, only when what was posted differs from what is stored.
        vision_changed = bool(set(vision_form.changed_data) - {"seen_version"})

        def save():
            form.save()
            if vision_changed:
                vision_form.save()

        if save_together_unless_conflict([form, vision_form] if vision_changed else [form], save):
            messages.success(request, _("The plan's settings are saved."))
            return redirect("documents:plan_detail", plan.pk)
    conflict = form.conflict or vision_form.conflict
    context = {"plan": plan, "form": form, "vision_form": vision_form}
    return render(
        request, "documents/plan_settings.html", context, status=409 if conflict else 400 if form.is_bound else 200
    )


@login_required
def plan_delete(request, pk):
    plan = get_plan_for_editing(request.user, pk)
    return confirm_delete(
        request,
        plan,
        {"plan": plan, "cancel_url": reverse("documents:plan_detail", args=[plan.pk])},
        success_url=reverse("documents:plan_list"),
        success_message=_("The plan «%(plan)s» is deleted.") % {"plan": plan},
    )


@login_required
@require_safe
def plan_detail(request, pk):
    seen = get_plan_rights(request.user, pk)
    can_edit = seen.user_can_edit
    may_review = can_review(request.user, seen, seen, can_edit)
    # An approver (who does not edit) is led from here to the approval page.
    may_approve = seen.status == Plan.Status.DRAFT and not can_edit and can_approve(request.user, seen)

    def page(placeholders):
        plan = get_plan_with_rights(request.user, pk)
        context = {
            "plan": plan,
            "can_edit": can_edit,
            "may_approve": may_approve,
            "can_review": may_review,
            "focus_areas": plan.focus_areas.all(),
            "milestones": plan.milestones.all(),
            # A callable: the template calls it inside its cached part only (blocktranslate needs a number).
            "to_review_count": plan.progress_entries.filter(to_review=True).count,
            "support_system": lazy(support_system, plan),
            # Only a revision's approval stores changes.
            "changes": plan.changes.all() if plan.revision_of_id else [],
            # Everything but the frame is one cached part: what it shows differs only by these rights.
            "fragment_key": lazy(fragment_key, plan, can_edit, may_review),
        }
        return render(request, "documents/plan_detail.html", {**context, **placeholders})

    # The whole page differs only by these rights (its frame too: the menu and the banner follow them).
    return cached_page(request, seen, "plan", page, can_edit, may_review, may_approve)


@login_required
@require_safe
def plan_pdf(request, pk):
    """The plan as PDF: stored by content, ETag/304; 503 while it is rendered elsewhere or in the background."""
    plan = get_plan_for_user(request.user, pk)
    return plan_pdf_response(request, plan, reverse("documents:plan_detail", args=[plan.pk]))


def plan_pdf_response(request, plan, back_url):
    """The plan's stored PDF, or its rendering: for the plan's readers and, when published, for anyone."""
    busy = {"plan": plan, "back_url": back_url, "back_label": _("Back to the plan")}
    digest, size = plan_digest_and_size(plan)
    render_later = None
    if renders_in_background(size):
        # Too large to render while someone waits: a worker does it (documents/tasks.py).
        render_later = functools.partial(enqueue_once, render_plan_pdf, plan.pk, digest)
    return pdf_response(
        request,
        plan_pdf_name(plan),
        digest,
        lambda: render_plan(plan),
        plan_pdf_rendering.pdf_filename(plan),
        busy,
        render_later,
    )


@login_required
def plan_review(request, pk):
    """The plan as a whole is reviewed, like each routine: by its advisors or its named owner."""
    plan = get_plan_for_reviewing(request.user, pk)
    form = ReviewForm(posted(request), instance=plan)
    return review_page(request, form, plan, plan, reverse("documents:plan_detail", args=[plan.pk]))
