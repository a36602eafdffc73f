"""Every page of an approved plan, as each role: no link or form on it answers 403.

An approved plan freezes the municipality's common text, so its pages must
not offer to change it; what they offer (a unit's own part, a read
confirmation, a revision) must work for the person it is offered to. The
pages are walked from the plan's overview and the unit's page, each kind of
page once, and each kind of link or form on them is followed once per role.
The demo is loaded once for the module and rolled back at its end.
"""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve, reverse

from documents.services import Decision, approve_plan
from routines.models import Membership
from tests.support.factories import make_member
from tests.support.units import load_demo

pytestmark = pytest.mark.django_db

# Only the apps' own pages: not the log-out or language forms, the admin, or files (PDF, calendars).
WALKED_APPS = {"routines", "meetings", "documents"}
NOT_FOLLOWED = {
    *("plan_pdf", "unit_pdf", "gathering_pdf", "routine_pdf", "routine_pdf_of_unit", "year_wheel_poster"),
    *("plan_feed", "unit_feed", "arena_feed"),
}


@pytest.fixture(scope="module")
def approved_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo = load_demo()
        decision = Decision("kommunestyret", "24/31", datetime.date(2024, 6, 12))
        demo.plan = approve_plan(demo.plan, demo.radgiver, decision)
        demo.users = {
            "advisor": demo.radgiver,
            "approver": make_member(Membership.Role.APPROVER, demo.municipality),
            "unit leader": demo.rektor,
            "employee": make_member(Membership.Role.EMPLOYEE, unit=demo.school),
            "reader": make_member(Membership.Role.READER, demo.municipality),
        }
        yield demo
        transaction.set_rollback(True)


class Targets(HTMLParser):
    """The links and forms of a page: (method, path, data)."""

    def __init__(self):
        super().__init__()
        self.found, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.found.append(("get", attrs["href"], {}))
        elif tag == "form":
            self._form = (attrs.get("method", "get").lower(), attrs.get("action") or "", {})
            self.found.append(self._form)
        elif tag in ("input", "button") and self._form and attrs.get("name"):
            self._form[2][attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def targets(html, page_path):
    parser = Targets()
    parser.feed(html)
    for method, url, data in parser.found:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("#"):
            continue
        path = parts.path or page_path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.namespace in WALKED_APPS and match.url_name not in NOT_FOLLOWED:
            query = f"?{parts.query}" if parts.query else ""
            yield method, path + query, data, match.url_name


def walk(client, start):
    """{(method, url name): (status, the page it was found on)} for every kind of link and form reached."""
    seen, pages, queue = {}, set(), list(start)
    while queue:
        page = queue.pop(0)
        response = client.get(page)
        assert response.status_code == 200, page
        for method, path, data, name in targets(response.text, page.split("?")[0]):
            if (method, name) in seen:
                continue
            with transaction.atomic():
                # A form's action is undone again: the walk reads, it changes nothing for the next link.
                followed = client.post(path, data) if method == "post" else client.get(path)
                transaction.set_rollback(True)
            seen[(method, name)] = (followed.status_code, page)
            is_page = method == "get" and followed.status_code == 200
            if is_page and "text/html" in followed.headers.get("Content-Type", "") and name not in pages:
                pages.add(name)
                queue.append(path)
    return seen


@pytest.mark.parametrize("role", ["advisor", "approver", "unit leader", "employee", "reader"])
def test_no_link_or_form_on_an_approved_plan_answers_403(client, approved_demo, role):
    client.force_login(approved_demo.users[role])
    plan, school = approved_demo.plan, approved_demo.school
    start = [
        reverse("documents:plan_detail", args=[plan.pk]),
        reverse("documents:unit_page", args=[plan.pk, school.pk]),
    ]
    seen = walk(client, start)
    refused = {key: page for key, (status, page) in seen.items() if status == 403}
    assert not refused, f"{role}: links or forms answering 403 (and where): {refused}"
    # The walk went through the plan's parts, not just its first page.
    assert {("get", "routine_list"), ("get", "progress_months"), ("get", "actor_list")} <= set(seen)


def test_the_approved_plan_says_so_with_its_decision_on_every_page(client, approved_demo):
    client.force_login(approved_demo.users["reader"])
    plan = approved_demo.plan
    for name in ("documents:plan_detail", "routines:routine_list", "meetings:progress_months"):
        text = client.get(reverse(name, args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
        assert "Godkjent 12.06.2024 av kommunestyret (sak 24/31)" in text
        assert reverse("documents:plan_start_revision", args=[plan.pk]) not in text


def test_advisors_are_offered_a_revision_and_no_edit_controls(client, approved_demo):
    client.force_login(approved_demo.users["advisor"])
    plan = approved_demo.plan
    text = client.get(reverse("routines:routine_list", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="nb").text
    assert reverse("documents:plan_start_revision", args=[plan.pk]) in text and "Start en revisjon" in text
    assert reverse("routines:routine_create", args=[plan.pk]) not in text
    routine = plan.routines.first()
    assert reverse("routines:routine_edit", args=[routine.pk]) not in text
