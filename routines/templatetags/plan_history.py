from django import template

from routines.access import can_read_history

register = template.Library()


@register.inclusion_tag("routines/history/_nav_items.html", takes_context=True)
def history_nav_items(context, plan):
    """The link to the history, for the municipality's writers."""
    request = context["request"]
    return {
        "plan": plan,
        "url_name": request.resolver_match.url_name if request.resolver_match else "",
        "show_history": can_read_history(request.user, plan),
    }
