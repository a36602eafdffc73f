"""Calendar feeds of a plan, a unit and an arena, and the page to subscribe or revoke.

Feeds take no login (calendar programs cannot log in): the unguessable token in
the URL is the key. An advisor regenerates it to revoke every old link.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.access import feed_token_of, get_feed_arena, get_feed_plan, get_feed_unit
from meetings.ical import build_calendar
from meetings.models import FeedToken
from meetings.progress import plan_entries
from meetings.school_calendar import calendar_of
from routines.access import can_edit_plan, get_plan_as_advisor, get_plan_for_user


def _ics_response(plan, name, entries, arenas):
    # A feed is part of the plan's document: in its language, not the calendar program's.
    with translation.override(plan.language):
        body = build_calendar(name, entries, arenas, plan.school_year, calendar_of(plan))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kibs.ics"'
    # The token is a secret: keep feeds out of search engines and shared caches.
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, max-age=900"
    return response


def plan_feed(request, token):
    plan = get_feed_plan(token)
    return _ics_response(plan, plan.full_title, plan_entries(plan), list(plan.arenas.all()))


def unit_feed(request, token, unit_pk):
    plan, unit = get_feed_unit(token, unit_pk)
    entries = [entry for entry in plan_entries(plan) if unit.kind in entry.concerned_kinds()]
    return _ics_response(plan, f"{unit.name}: {plan.full_title}", entries, plan.arenas.concerning(unit))


def arena_feed(request, token, arena_pk):
    plan, arena = get_feed_arena(token, arena_pk)
    return _ics_response(
        plan,
        f"{arena.name}: {plan.full_title}",
        plan_entries(plan).filter(arena=arena),
        [arena],
    )


@login_required
def feed_subscriptions(request, pk):
    plan = get_plan_for_user(request.user, pk)
    feed_token = feed_token_of(plan)
    feeds = []
    if feed_token:

        def absolute(name, *args):
            return request.build_absolute_uri(reverse(f"meetings:{name}", args=[feed_token.token, *args]))

        feeds.append((_("The whole plan"), absolute("plan_feed")))
        feeds += [(unit.name, absolute("unit_feed", unit.pk)) for unit in plan.municipality.units.all()]
        feeds += [(arena.name, absolute("arena_feed", arena.pk)) for arena in plan.arenas.all()]
    context = {"plan": plan, "feed_token": feed_token, "feeds": feeds, "can_edit": can_edit_plan(request.user, plan)}
    return render(request, "meetings/feed_subscriptions.html", context)


@login_required
@require_POST
def regenerate_feed_token(request, pk):
    plan = get_plan_as_advisor(request.user, pk)
    FeedToken.regenerate(plan, request.user)
    messages.success(request, _("New calendar links made. The old links no longer work."))
    return redirect("meetings:feed_subscriptions", pk=plan.pk)
