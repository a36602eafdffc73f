"""Every page of a plan says where the plan stands: the banner, and the change summary's part names."""

from django import template

from documents.changes import part_label as label_of_part
from routines.access import can_approve, can_edit_plan
from routines.models import Plan

register = template.Library()


@register.inclusion_tag("documents/includes/plan_banner.html", takes_context=True)
def plan_banner(context, plan):
    """Approved (with its decision), archived, or a draft revision; what an advisor or approver may do next.

    An approved or archived plan answers every edit of its common text with
    403, so the banner offers the way forward instead: a revision.
    """
    request = context["request"]
    user = request.user
    is_advisor = can_edit_plan(user, plan)
    shown = {"plan": plan}
    on_status_page = getattr(request.resolver_match, "url_name", "") == "plan_status"  # which offers it itself
    if plan.status == Plan.Status.APPROVED and is_advisor and not on_status_page:
        shown["offer_revision"] = True
        shown["draft_revision"] = plan.revisions.filter(status=Plan.Status.DRAFT).order_by("pk").first()
    if plan.status == Plan.Status.DRAFT and not is_advisor:
        shown["may_approve"] = can_approve(user, plan)
    return shown


@register.filter
def part_label(part):
    return label_of_part(part)
