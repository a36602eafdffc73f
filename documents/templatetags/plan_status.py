"""Every page of a plan says where the plan stands: the banner, and the change summary's part names."""

from django import template

from documents.changes import part_label as label_of_part
from routines.access import can_edit_plan
from routines.models import Plan

register = template.Library()


@register.inclusion_tag("documents/includes/plan_banner.html", takes_context=True)
def plan_banner(context, plan):
    """Approved (with its decision), archived, or a draft revision; what an advisor or approver may do next.

    An approved or archived plan answers every edit of its common text with
    403, so the banner offers the way forward instead: a revision. A draft
    costs no query (the plan page says whether the user may approve it);
    the page's own `can_edit` saves asking again whether the user is an advisor.
    """
    request = context["request"]
    shown = {"plan": plan, "may_approve": context.get("may_approve", False)}
    if plan.status != Plan.Status.APPROVED:
        return shown
    is_advisor = context.get("can_edit")
    if is_advisor is None:
        is_advisor = can_edit_plan(request.user, plan)
    on_status_page = getattr(request.resolver_match, "url_name", "") == "plan_status"  # which offers it itself
    if is_advisor and not on_status_page:
        shown["offer_revision"] = True
        shown["draft_revision"] = plan.revisions.filter(status=Plan.Status.DRAFT).order_by("pk").first()
    return shown


@register.filter
def part_label(part):
    return label_of_part(part)
