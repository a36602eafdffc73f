"""Formatted text: Markdown written by users, rendered to sanitised HTML.

Routine, section and entry texts accept CommonMark. Raw HTML in the source is
escaped by the parser, and the output is sanitised again with nh3, so no
script, event handler or javascript: link can be shown.

The pages do not render a text when they show it: each Markdown field has a
`FormattedHtmlField` beside it (`body` → `body_html`) that renders and
sanitises the source whenever the row is written, so a page reads stored,
safe HTML. The PDFs still render from the source (their headings and list
numbers differ, and they are rendered once per digest anyway).
"""

import re

import nh3
from django.db import models
from django.utils.safestring import mark_safe
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


MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des"
)
# "15. mai – frist" is a date, not item 15 of a numbered list: CommonMark reads any
# "1." to "999999999." at the start of a line (or after a bullet) as a list marker.
DATE_AT_LINE_START = re.compile(
    rf"^(\s*(?:[-*+]\s+)?\d{{1,2}})\.(?=\s*(?:(?:[–-]|og|til)\s*\d{{1,2}}\.\s*)?(?:{MONTHS})\b)",
    re.MULTILINE | re.IGNORECASE,
)
ORDERED_LIST_START = re.compile(r'<ol start="(\d+)">')


def protect_dates(text):
    """Escape the dot after a day number that starts a line before a month name, so it stays a date."""
    return DATE_AT_LINE_START.sub(r"\1\\.", text)


def render_markdown(text, top_heading=None, for_print=False):
    """Markdown source → sanitised HTML (a str; mark it safe only after this).

    `top_heading` (3–6) renumbers the text's headings so that its highest one
    becomes that level and none is skipped, whatever levels the writer used:
    the PDF puts a routine's text under an h3 and a unit's text under an h4,
    and a tagged PDF must not skip heading levels.

    `for_print` numbers a list that starts at 3 from 3 in the PDF too:
    WeasyPrint ignores `<ol start>`, but follows the list-item counter.
    Browsers follow `start`, and the pages' CSP allows no inline style.
    """
    if not text:
        return ""
    tokens = _markdown.parse(protect_dates(text))
    if top_heading:
        _renumber_headings(tokens, int(top_heading))
    else:
        for token in tokens:
            # The page owns h1 and h2; a heading inside a user's text starts at h3.
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    html = sanitise_html(_markdown.renderer.render(tokens, _markdown.options, {}))
    if for_print:
        # After sanitising, which would drop the style; the number is the parser's, not the writer's.
        html = ORDERED_LIST_START.sub(
            lambda match: f'<ol start="{match[1]}" style="counter-reset: list-item {int(match[1]) - 1}">', html
        )
    return html


def _renumber_headings(tokens, top):
    levels = sorted({int(token.tag[1]) for token in tokens if token.type == "heading_open"})
    new_level = {level: min(max(top, 3) + rank, 6) for rank, level in enumerate(levels)}
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{new_level[int(token.tag[1])]}"


class FormattedHtmlField(models.TextField):
    """The sanitised HTML of the Markdown field `source`, rendered from it whenever the row is written.

    Django asks a field for its value on every save and bulk_create
    (`pre_save`), so no write path can store HTML that did not come from the
    source through the sanitiser; only raw saves of deserialised rows skip
    that, and the backup restore renders those itself (`render_stored_html`).
    The value reads as safe HTML, so a template shows it as it is.
    """

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        html = mark_safe(render_markdown(getattr(model_instance, self.source)))  # sanitised by nh3
        setattr(model_instance, self.attname, html)
        return html

    def from_db_value(self, value, expression, connection):
        return mark_safe(value)  # written only by pre_save, through the sanitiser


def stored_html_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, FormattedHtmlField)]


def render_stored_html(obj):
    """Render every stored HTML field of `obj` from its source, as a save would."""
    for field in stored_html_fields(type(obj)):
        field.pre_save(obj, add=False)


def rerender_table(model, batch_size=500):
    """Render the stored HTML of every row again (data migrations: new fields, or new rendering rules)."""
    fields = stored_html_fields(model)
    batch = []
    for obj in model._default_manager.only("pk", *(field.source for field in fields)).iterator(batch_size):
        render_stored_html(obj)
        batch.append(obj)
        if len(batch) == batch_size:
            model._default_manager.bulk_update(batch, [field.name for field in fields])
            batch = []
    model._default_manager.bulk_update(batch, [field.name for field in fields])
