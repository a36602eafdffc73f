"""Log in N advisors of the national data set and write their sessions as JSON.

Logging in through Django's own login() (the test client's force_login) gives
real sessions in the database, with everything the middleware expects,
without the benchmark spending its time on password hashing.

    python benchmarks/sessions.py 50 sessions.json

(A file, not stdout: the application logs to stdout.)
"""

import json
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kibs.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from routines.models import Membership, Routine, UnitRoutineText  # noqa: E402


def pdf_url(plan):
    try:
        return reverse("documents:plan_pdf", args=[plan.pk])
    except NoReverseMatch:
        return None


def edit_url(plan):
    """Where the advisor edits a unit's own text of the plan (open on an approved plan): the load's editors."""
    text = (
        UnitRoutineText.objects.filter(routine__plan=plan, routine__scope=Routine.Scope.UNIT)
        .order_by("routine_id", "unit_id")
        .first()
    )
    return reverse("routines:routine_unit_text", args=[text.routine_id, text.unit_id]) if text else None


def main():
    count, path = int(sys.argv[1]), sys.argv[2]
    memberships = (
        Membership.objects.filter(role=Membership.Role.ADVISOR, user__username__startswith="advisor-")
        .select_related("user", "municipality")
        .order_by("municipality__slug")[:count]
    )
    sessions = []
    for membership in memberships:
        client = Client()
        client.force_login(membership.user)
        plan = membership.municipality.plans.get()
        sessions.append(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
                "municipality": membership.municipality.name,
                "municipality_slug": membership.municipality.slug,
                "plan_url": reverse("documents:plan_detail", args=[plan.pk]),
                "pdf_url": pdf_url(plan),
                "plan_id": plan.pk,
                "edit_url": edit_url(plan),
            }
        )
    with open(path, "w", encoding="utf-8") as file:
        json.dump(sessions, file, indent=1)


if __name__ == "__main__":
    main()
