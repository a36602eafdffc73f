"""What loading a whole plan prefetches (`Plan.objects.with_all_parts()`).

A plan's parts live in two apps, and routines must not name meetings'
relations, so each app registers the prefetch lookups of its own parts here
from its AppConfig.ready(), as it registers their history (routines/history.py).
"""

_lookups = []


def register_prefetch(*lookups):
    """Prefetch these lookups (strings or Prefetch objects) whenever a whole plan is loaded."""
    _lookups.extend(lookups)


def prefetch_lookups():
    return list(_lookups)
