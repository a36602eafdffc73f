"""A unit's page of a plan: what the plan asks of the unit, and the unit's own part.

Anyone who may read the municipality's plans reads a unit's page. The
unit's leader and the municipality's advisors edit the unit's texts and
milestone progress; only the unit's leader confirms having read the plan.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.unit_forms import AdvisorCommentForm, MilestoneProgressForm
from documents.unit_obligations import current_confirmations, employee_count, my_reading, unit_obligations
from documents.unit_pdf import UNIT_CSS, render_unit_html, unit_pdf_name
from ops.pdf import html_pdf_response
from routines.access import (
    get_milestone_progress_for_editing,
    get_unit_and_plan_for_commenting,
    get_unit_and_plan_for_confirming,
    get_unit_and_plan_for_user,
    get_unit_and_plan_in_force,
    is_employee_of,
    unit_page_rights,
)
from routines.editing import handle_form, posted
from routines.models import Plan
from routines.page_cache import cached_page
from routines.school_year import current_school_year, school_year_label


def unit_page_url(plan, unit, anchor=""):
    url = reverse("documents:unit_page", args=[plan.pk, unit.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
def unit_page_current(request, unit_pk):
    """The unit's page of the plan in force, at an address that stays the same each year.

    Before the year's plan is approved it says so, and leads to the drafts
    and to the latest approved plan.
    """
    unit, plan = get_unit_and_plan_in_force(request.user, unit_pk)
    if plan is not None:
        return _unit_page(request, plan, unit)
    context = {
        "unit": unit,
        "school_year_label": school_year_label(current_school_year()),
        "plans": unit.municipality.plans.exclude(status=Plan.Status.ARCHIVED).order_by("-school_year", "title"),
    }
    return render(request, "documents/unit/no_plan_in_force.html", context)


@login_required
def unit_page(request, plan_pk, unit_pk):
    unit, plan = get_unit_and_plan_for_user(request.user, unit_pk, plan_pk)
    return _unit_page(request, plan, unit)


def _unit_page(request, plan, unit):
    """What the plan asks of the unit, kept whole in the cache per unit and rights; the person's own part live."""
    # The menu and the banner follow whether the person edits the plan.
    rights = {**unit_page_rights(request.user, unit, plan), "can_edit": plan.user_can_edit}

    def page(placeholders):
        context = unit_obligations(
            plan, unit, show_past=request.GET.get("entries") == "past", kind=request.GET.get("kind", "")
        )
        return render(request, "documents/unit/unit_page.html", {**context, **rights, **placeholders})

    def personal():
        context = {"plan": plan, "unit": unit, **rights}
        context["confirmation"] = current_confirmations(plan).filter(unit=unit).select_related("user").first()
        if rights["can_confirm"]:
            context.update(my_reading(request.user, plan, unit))
        if rights["can_manage_employees"] and plan.status == Plan.Status.APPROVED:
            # Counted against an approved version only: a draft asks nobody to confirm.
            context["employees"] = employee_count(plan, unit)
        context["comments"] = plan.advisor_comments.filter(unit=unit).select_related("author", "routine")
        return render_to_string("documents/unit/_personal.html", context, request)

    variant = (unit.pk, *sorted(rights.items()))
    return cached_page(request, plan, "unit", page, *variant, live={"personal": personal})


@login_required
def unit_pdf(request, plan_pk, unit_pk):
    """«Our unit's obligations» for the school year, as a PDF to print or send on."""
    unit, plan = get_unit_and_plan_for_user(request.user, unit_pk, plan_pk)
    busy = {"plan": plan, "back_url": unit_page_url(plan, unit), "back_label": _("Back to the unit's page")}
    return html_pdf_response(
        request,
        unit_pdf_name(plan, unit),
        render_unit_html(plan, unit),
        f"{unit.slug}-{plan.school_year}.pdf",
        busy,
        UNIT_CSS,
    )


def unit_text_edit_moved(request, unit_pk, routine_pk):
    """The unit's text is written in routines:routine_unit_text now; old links and bookmarks land there."""
    return redirect("routines:routine_unit_text", routine_pk=routine_pk, unit_pk=unit_pk, permanent=True)


@login_required
def milestone_progress_edit(request, unit_pk, milestone_pk):
    progress = get_milestone_progress_for_editing(request.user, unit_pk, milestone_pk)
    unit, milestone = progress.unit, progress.milestone
    form = MilestoneProgressForm(request.POST or None, instance=progress)

    def save():
        form.instance.updated_by = request.user
        form.save()

    context = {
        "plan": milestone.plan,
        "unit": unit,
        "milestone": milestone,
        "cancel_url": unit_page_url(milestone.plan, unit, f"milestone-{milestone.pk}"),
    }
    return handle_form(
        request,
        form,
        "documents/unit/milestone_progress_form.html",
        context,
        success_url=context["cancel_url"],
        success_message=_("The unit's progress is saved."),
        save=save,
    )


@login_required
@require_POST
def read_confirm(request, plan_pk, unit_pk):
    """The unit's leader (for the unit) or one of its employees (for themselves) confirms having read the plan."""
    unit, plan = get_unit_and_plan_for_confirming(request.user, unit_pk, plan_pk)
    if plan.status != Plan.Status.APPROVED:
        messages.error(request, _("Only an approved plan is confirmed as read."))
    else:
        plan.read_confirmations.get_or_create(
            unit=unit,
            user=request.user,
            approved_at=plan.approved_at,
            defaults={"by_employee": is_employee_of(request.user, unit)},
        )
        messages.success(request, _("Thank you: you have confirmed that you have read the plan."))
    return redirect(unit_page_url(plan, unit, "read-confirmation"))


@login_required
def unit_comment(request, plan_pk, unit_pk):
    """An advisor's comment on the unit's own part of the plan, shown to the unit on its page."""
    unit, plan = get_unit_and_plan_for_commenting(request.user, unit_pk, plan_pk)
    form = AdvisorCommentForm(posted(request))
    if form.is_bound and form.is_valid():
        form.instance.plan, form.instance.unit, form.instance.author = plan, unit, request.user
        form.save()
        messages.success(request, _("The comment is sent: the unit sees it on its page."))
        return redirect(unit_page_url(plan, unit, "comments"))
    context = {"plan": plan, "unit": unit, "form": form, "cancel_url": unit_page_url(plan, unit, "comments")}
    return render(request, "documents/unit/comment_form.html", context, status=400 if form.is_bound else 200)
