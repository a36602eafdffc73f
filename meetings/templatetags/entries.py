"""An entry's kind (icon and label) and its time as written, for every page that shows entries."""

from django import template

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
def entry_kind(entry):
    return when.kind_badge(entry)


@register.simple_tag
def kind_icon(kind):
    return when.kind_icon(kind)


@register.filter
def rhythm(arena):
    """The arena's rhythm in words and its note: «annenhver tirsdag kl. 12.00 – Gruppene møtes …»."""
    return rhythm_with_note(arena)
