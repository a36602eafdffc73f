from django import template
from django.utils.safestring import mark_safe

from routines.formatting import render_markdown

register = template.Library()


@register.filter
def printed(text, top_heading=None):
    """A user's Markdown text as sanitised HTML for the PDFs, its headings starting at `top_heading`.

    {{ routine.body|printed:4 }} starts the text's own headings at h4, and a
    numbered list starting at 3 also prints from 3 (see render_markdown).
    The pages read the HTML stored when the text was saved (FormattedHtmlField).
    """
    return mark_safe(render_markdown(text, top_heading, for_print=True))  # sanitised by nh3 in render_markdown
