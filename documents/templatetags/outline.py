"""The plan's text in the outline templates, which the PDF and the pages share."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from routines.templatetags.formatting import printed

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_text(context, obj, field, top_heading, cell=False, block=False):
    """The Markdown text `obj.<field>` as HTML: rendered for print in the PDF, as stored on the pages.

    The PDF starts the text's headings at `top_heading`, so a tagged PDF
    never skips a level; the pages read the HTML stored when the text was
    saved (routines.formatting.FormattedHtmlField). In a table cell (`cell`)
    the PDF leaves out the <p> around a text of one paragraph: the cell
    holds the text itself, one box and one tag fewer per row. A text on its
    own (`block`) sits in <div class="text formatted-text"> on the pages,
    which style it; the PDF styles it by its elements and leaves the div out.
    """
    if context.get("for_print"):
        html = printed(getattr(obj, field), top_heading)
        return unwrap_paragraph(html) if cell else html
    html = getattr(obj, f"{field}_html")
    return format_html('<div class="text formatted-text">{}</div>', html) if block else html


def unwrap_paragraph(html):
    """`<p>text</p>` → `text` when it is the only block of the HTML; anything else as it is."""
    inner = html.strip()
    if inner.startswith("<p>") and inner.endswith("</p>"):
        inner = inner[3:-4]
        if "<p" not in inner and "</p>" not in inner and "<ul" not in inner and "<ol" not in inner:
            return mark_safe(inner)  # a part of sanitised HTML: the same tags, one element fewer
    return html
