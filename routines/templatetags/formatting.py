from django import template
from django.utils.safestring import mark_safe

from routines.formatting import render_markdown

register = template.Library()


@register.filter
def formatted(text):
    """Render a user's Markdown text as sanitised HTML."""
    return mark_safe(render_markdown(text))  # sanitised by nh3 in render_markdown
