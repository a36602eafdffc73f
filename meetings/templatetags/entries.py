"""An entry's kind (icon and label) and its time as written, for every page that shows entries."""

from django import template
from django.utils.safestring import mark_safe

from meetings import when
from meetings.rhythm import rhythm_with_note

register = template.Library()


@register.filter
def time_span(entry):
    """ "I løpet av september–november", "Mars", "Høsten"; empty for an entry given in days."""
    return when.time_span(entry)


@register.filter
def when_text(entry, day_format="l j. F Y"):
    return when.when_text(entry, day_format)


@register.simple_tag
def entry_kind(entry, for_print=False):
    return when.kind_badge(entry, for_print)


@register.simple_tag
def print_kind_icon_styles():
    """The printed badges' icons, for a PDF's <style> (base64 data URIs: nothing to escape)."""
    return mark_safe(when.print_kind_icon_styles())  # built from the fixed ICON_PATHS only


@register.simple_tag
def kind_icon(kind):
    return when.kind_icon(kind)


@register.filter
def rhythm(arena):
    """The arena's rhythm in words and its note: «annenhver tirsdag kl. 12.00 – Gruppene møtes …»."""
    return rhythm_with_note(arena)
