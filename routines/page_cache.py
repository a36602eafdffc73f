"""The read pages of a plan keep their expensive parts in the shared cache, under the plan's digest.

A part of a page (the year wheel, the month tables, the published plan) is
rendered once per content digest (routines/digest.py: one query whatever the
plan's size), language, day and what the reader's role changes in it, and
then read from the cache (`{% cache %}` in the template, with `fragment_key`
as its key, and a day, 86400 s, as its timeout: a key never goes stale, it
names the content; the timeout only lets the cache forget old versions). An
edit anywhere in the plan changes the digest, so every page
shows it at once; nothing is ever invalidated by hand.

The view leaves what only the cached part needs unevaluated (querysets, or
`lazy` for computed values), so a page served from the cache does not pay for
it. Never cache a part that holds a form with a CSRF token, or what one person
did (their confirmations, ticks, comments): those stay outside.
"""

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from routines.digest import content_digest


def fragment_key(plan, *variant):
    """The cache key of a part of a plan's page; `variant` is what the reader's role or the query changes."""
    # Today: what is past, overdue or this month changes at midnight without a save.
    parts = (content_digest(plan), get_language(), timezone.localdate().isoformat(), *variant)
    return ":".join(str(part) for part in parts)


def lazy(function, *args):
    """A value computed when a template first uses it, so a part read from the cache never computes it."""
    return SimpleLazyObject(lambda: function(*args))


def cached_html(plan, name, render, *variant):
    """The HTML `render()` makes (a template, autoescaped), from the shared cache under the plan's fragment key.

    For a part a view renders itself rather than a template's {% cache %} (the reading page's document,
    which the public page shows too).
    """
    key = f"page:{name}:{fragment_key(plan, *variant)}"
    return mark_safe(cache.get_or_set(key, render, 24 * 60 * 60))  # rendered by a template, so escaped there
