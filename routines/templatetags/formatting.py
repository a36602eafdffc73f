from django import template
from django.utils.safestring import mark_safe

from routines.formatting import render_markdown

register = template.Library()


@register.filter
def formatted(text, top_heading=None):
    """Render a user's Markdown text as sanitised HTML.

    {{ routine.body|formatted:4 }} starts the text's own headings at h4.
    """
    return mark_safe(render_markdown(text, top_heading))  # sanitised by nh3 in render_markdown


@register.filter
def printed(text, top_heading=None):
    """`formatted` for the PDFs: a numbered list starting at 3 also prints from 3 (see render_markdown)."""
    return mark_safe(render_markdown(text, top_heading, for_print=True))  # sanitised by nh3 in render_markdown
