"""Formatted text: Markdown written by users, rendered to sanitised HTML.

Routine, section and entry texts accept CommonMark. Raw HTML in the source is
escaped by the parser, and the output is sanitised again with nh3, so no
script, event handler or javascript: link can be shown.
"""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}


def sanitise_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def render_markdown(text, top_heading=None):
    """Markdown source → sanitised HTML (a str; mark it safe only after this).

    `top_heading` (3–6) renumbers the text's headings so that its highest one
    becomes that level and none is skipped, whatever levels the writer used:
    the PDF puts a routine's text under an h3 and a unit's text under an h4,
    and a tagged PDF must not skip heading levels.
    """
    if not text:
        return ""
    tokens = _markdown.parse(text)
    if top_heading:
        _renumber_headings(tokens, int(top_heading))
    else:
        for token in tokens:
            # The page owns h1 and h2; a heading inside a user's text starts at h3.
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    return sanitise_html(_markdown.renderer.render(tokens, _markdown.options, {}))


def _renumber_headings(tokens, top):
    levels = sorted({int(token.tag[1]) for token in tokens if token.type == "heading_open"})
    new_level = {level: min(max(top, 3) + rank, 6) for rank, level in enumerate(levels)}
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{new_level[int(token.tag[1])]}"
