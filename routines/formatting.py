"""User-written formatted text (intro, section and routine bodies, unit texts,
progress-plan entries) is Markdown. This is the one place that turns it into
HTML, for the pages and the PDF alike.

Raw HTML in the text is not interpreted: people write "< 6 år" or paste from
Word, and nothing they type may become markup we did not choose. The Markdown
output is sanitised with nh3 as a second line of defence.
"""

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

# CommonMark plus tables and strikethrough. `breaks`: a single line break in
# the text is a line break on the page, as writers coming from Word expect.
_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(["table", "strikethrough"])

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "del", "sub", "sup",
    "ul", "ol", "li", "blockquote", "code", "pre", "hr", "a", "img",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Relative links and these schemes only; file:, data: and javascript: go.
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text, top_heading=None):
    """Safe HTML for a Markdown text.

    `top_heading` (2–6) renumbers the text's own headings so that the
    highest one becomes that level and none is skipped: a routine body under
    an h3 starts its headings at h4, which tagged PDFs and screen readers need.
    """
    if not text or not text.strip():
        return mark_safe("")
    tokens = _markdown.parse(text)
    if top_heading:
        _renumber_headings(tokens, int(top_heading))
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)


def _renumber_headings(tokens, top):
    levels = sorted({int(token.tag[1]) for token in tokens if token.type == "heading_open"})
    new_level = {level: min(top + index, 6) for index, level in enumerate(levels)}
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{new_level[int(token.tag[1])]}"
