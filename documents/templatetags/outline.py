"""The plan's text in the outline templates, which the PDF and the pages share."""

from django import template

from routines.templatetags.formatting import printed

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_text(context, obj, field, top_heading):
    """The Markdown text `obj.<field>` as HTML: rendered for print in the PDF, as stored on the pages.

    The PDF starts the text's headings at `top_heading`, so a tagged PDF
    never skips a level; the pages read the HTML stored when the text was
    saved (routines.formatting.FormattedHtmlField).
    """
    if context.get("for_print"):
        return printed(getattr(obj, field), top_heading)
    return getattr(obj, f"{field}_html")
