"""How an entry's time and kind read, in one place for the pages, the PDF, the wheel and iCal.

Whole months and terms read as the municipality wrote them ("I løpet av
september–november", "Mars", "Høsten"), never as the days they are stored
as. Each kind has a label and an icon of its own shape, so a kind is never
told by colour alone.
"""

import base64
import functools

from django.utils import dateformat
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from routines.school_year import AUTUMN, SPRING, WHOLE_YEAR

TERM_LABELS = {
    AUTUMN: gettext_lazy("The autumn term"),
    SPRING: gettext_lazy("The spring term"),
    WHOLE_YEAR: gettext_lazy("The whole school year"),
}

# The ink of the print stylesheet (static/css/print.css, html { color }).
PRINT_INK = "#1b1f24"
# 16×16 line drawings, each of its own shape: two people, a flag, an open book, a ticked box.
ICON_PATHS = {
    "meeting": "M5 6.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM11 6.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM1.5 13.5c0-2.5 1.5-4.5 "
    "3.5-4.5s3.5 2 3.5 4.5M7.5 13.5c0-2.5 1.5-4.5 3.5-4.5s3.5 2 3.5 4.5",
    "deadline": "M3.5 15V1.5M3.5 2h9l-2.5 3.5 2.5 3.5h-9",
    "course": "M8 4C6.5 2.8 4 2.5 1.5 3v10c2.5-.5 5-.2 6.5 1 1.5-1.2 4-1.5 6.5-1V3C12 2.5 9.5 2.8 8 4zM8 4v10",
    "task": "M2 2h12v12H2zM4.5 8l2.5 2.5 4.5-5",
}


def time_span(entry):
    """ "I løpet av september–november", "Mars", "Høsten"; empty for an entry given in days."""
    if entry.precision == "term":
        term = entry.term
        return str(TERM_LABELS[term]) if term else ""
    if entry.precision == "months":
        first = dateformat.format(entry.starts_on, "F")
        last = dateformat.format(entry.ends_on, "F")
        if (entry.starts_on.year, entry.starts_on.month) == (entry.ends_on.year, entry.ends_on.month):
            return capfirst(first)
        return _("During %(first)s–%(last)s") % {"first": first, "last": last}
    return ""


def kind_label(entry):
    return str(entry.get_kind_display())


def kind_icon(kind, size=16):
    """The kind's icon as inline SVG, hidden from screen readers: the label says it in words."""
    return format_html(
        '<svg class="kind-icon" width="{}" height="{}" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        '<path d="{}" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" '
        'stroke-linecap="round"/></svg>',
        size,
        size,
        ICON_PATHS[kind],
    )


def kind_badge(entry, for_print=False):
    """Icon and label, e.g. the flag and "Frist"."""
    if for_print:
        # The icon is the class's background (print_kind_icon_styles), not an element of its own.
        return format_html('<span class="entry-kind printed-kind kind-{}">{}</span>', entry.kind, kind_label(entry))
    return format_html(
        '<span class="entry-kind kind-{}">{}{}</span>', entry.kind, kind_icon(entry.kind), kind_label(entry)
    )


@functools.cache
def print_kind_icon_styles():
    """CSS giving each kind's printed badge its icon as a background image, for a PDF's <style>.

    WeasyPrint builds and tags an inline SVG anew wherever it stands (a plan
    ten times the demo has nearly 900 of them), but loads an image once per
    address; as a background it is drawn as an artifact, as aria-hidden
    leaves it out on the page: the label says the kind in words.
    """
    rules = []
    for kind, path in ICON_PATHS.items():
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
            f'<path d="{path}" fill="none" stroke="{PRINT_INK}" stroke-width="1.6" '
            'stroke-linejoin="round" stroke-linecap="round"/></svg>'
        )
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        rules.append(f'.printed-kind.kind-{kind} {{ background-image: url("{uri}"); }}')
    return "\n".join(rules)


def day_text(entry, day_format="l j. F Y"):
    """The day or days of an entry given in days, in the given date format."""
    text = capfirst(dateformat.format(entry.starts_on, day_format))
    if entry.is_period:
        text = f"{text} – {dateformat.format(entry.ends_on, day_format)}"
    return text


def when_text(entry, day_format="l j. F Y"):
    """The time of any entry in words: its months or term as written, else its day or days."""
    return time_span(entry) or day_text(entry, day_format)
