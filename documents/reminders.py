"""The e-mails KIBS sends of its own accord, one batch each: weekly digest, deadlines, reviews, new versions.

Each batch finds who should hear about what, and hands every e-mail to
accounts.email.send_once, which writes it in the person's language, adds
the one-click unsubscribe and records it per person, kind and period, so a
batch run twice (or a task retried) sends nothing twice. People who switched
a kind off are left out. The batches run as tasks (documents/tasks.py),
never inside a web request; `manage.py send_reminders` queues them daily.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.email import absolute_url, build_email, languages, opted_out, send_once
from accounts.models import EmailKind
from routines.models import REVIEW_SOON_DAYS, Membership, Plan, Routine
from routines.school_year import current_school_year

from .home import UNIT_ROLES, advisor_block, in_window, is_deadline, unit_block

DIGEST_DAYS = 14


def _send_all(kind, wanted, subject, template):
    """wanted: [(user, period, context, link)]. Returns how many were sent now."""
    users = list({user.pk: user for user, *_rest in wanted}.values())
    off, language = opted_out(users, kind), languages(users)
    sent = 0
    for user, period, context, link in wanted:
        if user.pk in off:
            continue

        def build(user=user, context=context, link=link):
            return build_email(user, kind, language[user.pk], subject(context), template, context, link)

        sent += send_once(user, kind, period, build)
    return sent


def _memberships(roles):
    return Membership.objects.filter(role__in=roles, user__is_active=True).exclude(user__email="")


def _plans_in_force(municipality_ids, today):
    """{municipality id: its plan in force in the school year of `today`}."""
    plans = {}
    in_force = Plan.objects.filter(municipality__in=municipality_ids).in_force(current_school_year(today))
    for plan in in_force.select_related("municipality"):
        plans.setdefault(plan.municipality_id, plan)
    return plans


def _plans_of_the_year(municipality_ids, today):
    """{municipality id: its plan in force, else the plan of the year being prepared}: the advisors' work."""
    plans = {}
    of_the_year = Plan.objects.filter(
        municipality__in=municipality_ids, school_year=current_school_year(today)
    ).exclude(status=Plan.Status.ARCHIVED)
    for plan in of_the_year.order_by("status", "-pk"):  # "approved" sorts before "draft"
        plans.setdefault(plan.municipality_id, plan)
    return plans


# The weekly digest ---------------------------------------------------------


def weekly_digest(today):
    """Monday morning: the coming two weeks and what is open, for each unit and municipality of the person."""
    year, week, _weekday = today.isocalendar()
    period = f"{year}-W{week:02d}"
    last = today + datetime.timedelta(days=DIGEST_DAYS - 1)
    memberships = list(
        _memberships([*UNIT_ROLES, Membership.Role.ADVISOR]).select_related("user", "unit", "municipality")
    )
    municipality_ids = {m.municipality_id for m in memberships}
    plans, prepared = _plans_in_force(municipality_ids, today), _plans_of_the_year(municipality_ids, today)
    parts = defaultdict(list)
    for membership in memberships:
        plan = plans.get(membership.municipality_id)
        if membership.unit_id:
            block = unit_block(membership.unit, plan, today)
            coming = in_window(plan.progress_entries.concerning(membership.unit), today, last) if plan else []
            open_tasks = bool(block.unwritten or block.overdue_milestones or not block.confirmed)
            if coming or open_tasks:
                parts[membership.user].append({"unit_block": block, "coming": coming, "plan": plan})
        elif membership.role == Membership.Role.ADVISOR:
            block = advisor_block(membership.municipality, [], today)
            plan = prepared.get(membership.municipality_id)
            coming = in_window(list(plan.progress_entries.for_progress_list()), today, last) if plan else []
            if coming or block.units_behind or block.reviews:
                parts[membership.user].append({"advisor_block": block, "coming": coming, "plan": plan})
    wanted = [
        (user, period, {"parts": user_parts, "today": today, "last": last}, absolute_url(reverse("documents:home")))
        for user, user_parts in parts.items()
    ]
    return _send_all(
        EmailKind.DIGEST, wanted, lambda context: _("KIBS: the coming two weeks"), "documents/emails/digest"
    )


# Deadline reminders --------------------------------------------------------


def deadline_reminders(today):
    """Each deadline that concerns a person's unit, DEADLINE_REMINDER_DAYS before it (once, caught up if missed)."""
    horizon = today + datetime.timedelta(days=settings.DEADLINE_REMINDER_DAYS)
    memberships = list(_memberships(UNIT_ROLES).filter(unit__isnull=False).select_related("user", "unit"))
    plans = _plans_in_force({m.municipality_id for m in memberships}, today)
    wanted = []
    for membership in memberships:
        plan = plans.get(membership.municipality_id)
        if plan is None:
            continue
        unit = membership.unit
        for entry in plan.progress_entries.concerning(unit):
            if is_deadline(entry) and today <= entry.starts_on <= horizon:
                link = absolute_url(reverse("documents:unit_page", args=[plan.pk, unit.pk]) + "#entries")
                context = {"entry": entry, "unit": unit, "plan": plan, "days": (entry.starts_on - today).days}
                wanted.append((membership.user, f"entry-{entry.pk}-{entry.starts_on}", context, link))
    return _send_all(
        EmailKind.DEADLINE,
        wanted,
        lambda context: _("KIBS: deadline %(date)s") % {"date": context["entry"].starts_on.strftime("%d.%m.%Y")},
        "documents/emails/deadline",
    )


# Review reminders ----------------------------------------------------------


def review_reminders(today):
    """To the owner of each routine and plan whose review comes within 30 days, and again once it has passed.

    The owner is the named person; where there is none, the municipality's advisors.
    """
    soon = today + datetime.timedelta(days=REVIEW_SOON_DAYS)
    live = Plan.objects.exclude(status=Plan.Status.ARCHIVED)
    due = [
        *live.filter(next_review_on__lte=soon).select_related("review_owner", "municipality"),
        *Routine.objects.filter(plan__in=live, next_review_on__lte=soon).select_related(
            "review_owner", "plan__municipality"
        ),
    ]
    advisors = defaultdict(list)
    for membership in _memberships([Membership.Role.ADVISOR]).select_related("user"):
        advisors[membership.municipality_id].append(membership.user)
    wanted = []
    for reviewed in due:
        is_plan = isinstance(reviewed, Plan)
        plan = reviewed if is_plan else reviewed.plan
        state = reviewed.review_state(today)
        owner = reviewed.review_owner
        people = [owner] if owner and owner.is_active and owner.email else advisors[plan.municipality_id]
        url = (
            reverse("documents:plan_detail", args=[plan.pk])
            if is_plan
            else reverse("routines:routine_detail", args=[reviewed.pk])
        )
        context = {"reviewed": reviewed, "is_plan": is_plan, "plan": plan, "overdue": state == "overdue"}
        period = f"{'plan' if is_plan else 'routine'}-{reviewed.pk}-{reviewed.next_review_on}-{state}"
        wanted += [(person, period, context, absolute_url(url)) for person in people]
    return _send_all(
        EmailKind.REVIEW,
        wanted,
        lambda context: _("KIBS: review overdue") if context["overdue"] else _("KIBS: review due soon"),
        "documents/emails/review",
    )


# A new version to read -----------------------------------------------------


def new_version_notices(plan):
    """To the people of every unit of the municipality, when a revision with changes to read again is approved.

    A revision whose changes need no re-reading keeps everyone's confirmations, so nobody is asked.
    """
    if plan.status != Plan.Status.APPROVED or plan.revision_of_id is None:
        return 0
    if not plan.changes.filter(requires_rereading=True).exists():
        return 0
    memberships = (
        _memberships(UNIT_ROLES).filter(unit__municipality=plan.municipality_id).select_related("user", "unit")
    )
    period = f"plan-{plan.pk}-{plan.approved_at:%Y%m%dT%H%M%S}"
    wanted = [
        (
            membership.user,
            period,
            {"plan": plan, "unit": membership.unit},
            absolute_url(reverse("documents:unit_page", args=[plan.pk, membership.unit_id]) + "#read-confirmation"),
        )
        for membership in memberships
    ]
    return _send_all(
        EmailKind.NEW_VERSION,
        wanted,
        lambda context: _("KIBS: a new version of the plan"),
        "documents/emails/new_version",
    )
