from django import template

from routines.formatting import render_markdown

register = template.Library()


@register.filter
def formatted(text, top_heading=None):
    """{{ routine.body|formatted }}, or |formatted:4 under an h3."""
    return render_markdown(text, top_heading)
