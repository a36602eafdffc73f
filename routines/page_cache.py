"""The read pages of a plan come from the shared cache: whole (`cached_page`), and their expensive parts.

Whole pages: see `cached_page` below (kept compressed in the database cache, as they are in Redis). Parts:

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

import collections
import contextvars
import hashlib
import secrets
import threading
import time
import zlib

from django.contrib import messages
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from routines.digest import content_digest


def fragment_key(plan, *variant):
    """The cache key of a part of a plan's page; `variant` is what the reader's role or the query changes."""
    # Today: what is past, overdue or this month changes at midnight without a save.
    # A whole page being rendered has read the digest already (cached_page).
    rendering = _rendering.get()
    digest = rendering[1] if rendering and rendering[0] == plan.pk else content_digest(plan)
    parts = (digest, get_language(), timezone.localdate().isoformat(), *variant)
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


# Whole pages ---------------------------------------------------------------------------------------------------
#
# A read page of a plan is kept whole (its frame too) per plan, language, day, address and what the reader's role
# changes in it, so an unchanged plan's page costs its access check and ONE cache read (get_many of the plan's
# stamp and the page). What is one person's (their name, the CSRF token of the forms, a unit page's
# confirmations and comments) is left as a placeholder in the stored bytes and filled in on every request.
#
# The plan's stamp is a random token in the cache that every announced change of the plan replaces (now and
# again after the commit: `plans_changed`, called by documents for every save and delete of a versioned row of
# the plan); a stored page names the stamp it was made under, so an edit shows at once on every page. The digest
# stays the judge: a stored page is checked against the plan's digest (one query) when it is older than
# PAGE_CHECK_SECONDS, so even a write that announced nothing (a queryset update) shows within that time.

PAGE_CHECK_SECONDS = 60
# (plan id, digest) of the page cached_page is rendering.
_rendering = contextvars.ContextVar("kibs_page_rendering", default=None)
PAGE_TIMEOUT = 24 * 60 * 60
# This process's copies of the pages it served lately, newest last, and their bodies' bytes at most.
LOCAL_COPY_BYTES = 32 * 1024 * 1024
_local_copies = collections.OrderedDict()
_local_lock = threading.Lock()
# PostgreSQL text never holds a NUL, so nothing a person wrote can look like a placeholder.
CSRF_PLACEHOLDER = "\x00kibs:csrf\x00"
PERSON_PLACEHOLDER = "\x00kibs:person\x00"


def live_placeholder(name):
    """Where the live part `name` (cached_page's `live`) goes in the stored page."""
    return f"\x00kibs:live:{name}\x00"


def _stamp_key(plan_pk):
    return f"plan-stamp:{plan_pk}"


def plans_changed(plan_ids):
    """Give each plan a new stamp: none of their stored pages is shown again."""
    if plan_ids:
        cache.set_many({_stamp_key(pk): secrets.token_hex(8) for pk in plan_ids}, PAGE_TIMEOUT * 7)


def _new_stamp(plan_pk):
    """A stamp for a plan that has none (never set, or forgotten by the cache): a new one, never one used before."""
    stamp = secrets.token_hex(8)
    if not cache.add(_stamp_key(plan_pk), stamp, PAGE_TIMEOUT * 7):
        stamp = cache.get(_stamp_key(plan_pk), stamp)
    return stamp


def cached_page(request, plan, name, render, *variant, live=None):
    """The page `render(placeholders)` makes (an HttpResponse), kept whole in the shared cache while the plan is unchanged.

    `render` gets the placeholders to put into the template's context (the CSRF token, the person's name) and
    renders the page as anyone with the same `variant` (what their role may do and see on it) sees it.
    `live` maps a name to a function returning HTML made for this request alone; the template puts
    `live_placeholder(name)` where it goes. A page with messages to show, or answering anything but 200, is
    rendered as usual and not kept.
    """
    live = live or {}
    if len(messages.get_messages(request)):
        return _fill(request, render(_placeholders(live)), live)
    key = _page_key(request, plan.pk, name, variant)
    stamp, entry = _kept(plan.pk, key)
    stamp = stamp or _new_stamp(plan.pk)
    if entry is not None and entry["stamp"] == stamp:
        if _checked_lately(entry):
            return _serve(request, entry, live)
        if content_digest(plan) == entry["digest"]:
            entry = {**entry, "checked": time.time()}
            _keep(key, entry)
            return _serve(request, entry, live)
    digest, checked = content_digest(plan), time.time()  # before rendering: what it shows is at least this new
    token = _rendering.set((plan.pk, digest))  # for the page's parts (fragment_key)
    try:
        response = render(_placeholders(live))
    finally:
        _rendering.reset(token)
    if response.status_code == 200 and not response.streaming:
        body = response.content
        entry = {
            "stamp": stamp,
            "digest": digest,
            "checked": checked,
            "headers": list(response.items()),
            # Compressed in the database's cache table, which would keep it base64-encoded: a third of the
            # bytes to read. Redis keeps bytes as they are, and decompressing costs more than reading them.
            "zipped": _in_database(),
            "body": zlib.compress(body, 6) if _in_database() else body,
            "etag": None if b"\x00kibs:" in body else f'"{hashlib.sha256(body).hexdigest()[:32]}"',
        }
        _keep(key, entry)
    return _fill(request, response, live)


def kept_page(request, plan_pk, name, *variant, live=None):
    """The page cached_page kept for this request, if its plan's stamp is unchanged and it was checked lately; else None.

    For a view that can find the page before it loads the plan (the public page, by its address): None sends
    it the usual way, through its access call and cached_page, which checks the digest and renders.
    """
    if len(messages.get_messages(request)):
        return None
    key = _page_key(request, plan_pk, name, variant)
    stamp, entry = _kept(plan_pk, key)
    if entry is None or entry["stamp"] != stamp or not _checked_lately(entry):
        return None
    return _serve(request, entry, live or {})


def _kept(plan_pk, key):
    """(the plan's stamp, the page kept under `key`) from the shared cache, in ONE read; either may be None.

    The page comes from this process's copy when the copy is of the plan's current stamp and was checked lately:
    then the read is the stamp alone, a few bytes instead of the page's 100–250 KB. An edit on any host renews
    the stamp in the shared cache, so no copy of the old page is served anywhere after it.
    """
    copy = _local_copies.get(key)
    if copy is not None:
        stamp = cache.get(_stamp_key(plan_pk))
        if stamp == copy["stamp"] and _checked_lately(copy):
            return stamp, copy
        entry = cache.get(key)  # another host may have checked or rendered it since
    else:
        found = cache.get_many([_stamp_key(plan_pk), key])
        stamp, entry = found.get(_stamp_key(plan_pk)), found.get(key)
    if entry is not None and entry["stamp"] == stamp and _checked_lately(entry):
        _copy_locally(key, entry)
    return stamp, entry


def _keep(key, entry):
    """Keep `entry` in the shared cache, and a copy here."""
    cache.set(key, entry, PAGE_TIMEOUT)
    _copy_locally(key, entry)


def _copy_locally(key, entry):
    if entry["zipped"]:
        entry = {**entry, "body": zlib.decompress(entry["body"]), "zipped": False}
    with _local_lock:
        _local_copies.pop(key, None)
        _local_copies[key] = entry
        size = sum(len(copy["body"]) for copy in _local_copies.values())
        while size > LOCAL_COPY_BYTES and len(_local_copies) > 1:
            size -= len(_local_copies.popitem(last=False)[1]["body"])


def _checked_lately(entry):
    return time.time() - entry["checked"] < PAGE_CHECK_SECONDS


def _in_database():
    return isinstance(caches["default"], DatabaseCache)


def _page_key(request, plan_pk, name, variant):
    # No user yet before the authentication middleware (documents.middleware.public_page_middleware): no login.
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    session = getattr(request, "session", {})
    parts = (
        get_language(),
        timezone.localdate().isoformat(),
        request.get_full_path(),
        authenticated,
        bool(session.get("identity_provider_login")) if authenticated else False,
        *variant,
    )
    return f"page:{name}:{plan_pk}:{hashlib.sha256(repr(parts).encode()).hexdigest()[:32]}"


def _placeholders(live):
    return {"csrf_token": CSRF_PLACEHOLDER, "person_placeholder": PERSON_PLACEHOLDER} | {
        f"live_{name}": mark_safe(live_placeholder(name)) for name in live
    }


def _serve(request, entry, live):
    if entry["etag"] and entry["etag"] in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = entry["etag"]
        # The page's own language (the public page is in the plan's), not the visitor's.
        for header, value in entry["headers"]:
            if header == "Content-Language":
                response[header] = value
        return response
    response = HttpResponse(zlib.decompress(entry["body"]) if entry["zipped"] else entry["body"])
    for header, value in entry["headers"]:
        response[header] = value
    if entry["etag"]:
        response["ETag"] = entry["etag"]
    return _fill(request, response, live)


def _fill(request, response, live):
    """The placeholders of `response` replaced by this request's own values."""
    body = response.content
    if b"\x00kibs:" not in body:
        return response
    if CSRF_PLACEHOLDER.encode() in body:
        body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    if PERSON_PLACEHOLDER.encode() in body:
        user = request.user
        body = body.replace(PERSON_PLACEHOLDER.encode(), escape(user.get_full_name() or user.get_username()).encode())
    for name, make in live.items():
        body = body.replace(live_placeholder(name).encode(), str(make()).encode())
    response.content = body
    return response
