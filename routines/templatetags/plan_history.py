from django import template

from routines.access import can_edit_plan, can_read_history

register = template.Library()


@register.inclusion_tag("routines/history/_nav_items.html", takes_context=True)
def history_nav_items(context, plan):
    """Links to the history (the municipality's writers) and to approval (its advisors)."""
    request = context["request"]
    show_history = can_read_history(request.user, plan)
    return {
        "plan": plan,
        "url_name": request.resolver_match.url_name if request.resolver_match else "",
        "show_history": show_history,
        # Every advisor may read the history, so nobody else needs the second query.
        "show_status": show_history and can_edit_plan(request.user, plan),
    }
