"""The read pages of a plan are served from the cache under the plan's digest.

An unchanged plan costs the page's frame, one digest query and one cache
read, the same for a small and a big plan; an edit changes the digest, so it
shows at once; what a role may do, and the language, have parts of their own.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.services import approve_plan, publish_plan
from routines.digest import content_digest
from routines.models import FocusArea, Membership
from tests.support.factories import (
    make_arena,
    make_entry,
    make_member,
    make_milestone,
    make_plan,
    make_routine,
    make_section,
    make_unit,
)

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR
PAGES = {
    "plan page": lambda plan: reverse("documents:plan_detail", args=[plan.pk]),
    "progress plan": lambda plan: reverse("meetings:progress_months", args=[plan.pk]),
    "year wheel": lambda plan: reverse("meetings:year_wheel", args=[plan.pk]),
    "public page": lambda plan: reverse("documents:public_plan", args=[plan.public_slug]),
    "reading page": lambda plan: reverse("documents:plan_read", args=[plan.pk]),
}


@pytest.fixture(autouse=True)
def shared_cache(settings):
    # As deployed (the tests' default is a private in-memory cache): a cache read is a query here.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kibs_cache"}}


def build_plan(size):
    """An approved, published plan with `size` of every part the pages show."""
    plan = make_plan(intro="Planens *innledning*")
    advisor = make_member(ADVISOR, plan.municipality)
    for n in range(size):
        make_routine(plan, body=f"Rutinetekst {n}")
        make_section(plan, body=f"Kapittel {n}")
        make_entry(plan, content=f"Samling {n}", starts_on=datetime.date(2023, 9 + n % 4, 1 + n % 28))
        make_arena(plan, purpose=f"Formål {n}", bti_levels=[n % 4])
        make_milestone(plan)
        FocusArea.objects.create(plan=plan, name=f"Fokus {n}", goals="Mål")
    approve_plan(plan, advisor)
    publish_plan(plan, advisor)
    plan.refresh_from_db()
    return plan, advisor


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def cache_reads(sqls):
    return [sql for sql in sqls if "kibs_cache" in sql and sql.lstrip().upper().startswith("SELECT")]


def digest_queries(sqls):
    return [sql for sql in sqls if "UNION ALL" in sql]


def test_an_unchanged_plan_costs_one_digest_query_and_one_cache_read_however_big(client):
    small, small_advisor = build_plan(2)
    big, big_advisor = build_plan(20)
    counts = {}
    for page, url_of in PAGES.items():
        for plan, advisor in ((small, small_advisor), (big, big_advisor)):
            client.force_login(advisor)
            miss = queries(client, url_of(plan))
            hit = queries(client, url_of(plan))
            assert len(digest_queries(hit)) == 1 and len(cache_reads(hit)) == 1, page
            assert len(hit) < len(miss), page
            counts.setdefault(page, []).append((len(miss), len(hit)))
    assert {page: sizes for page, sizes in counts.items() if sizes[0] != sizes[1]} == {}


def test_an_edit_shows_at_once_on_every_page(client):
    plan, advisor = build_plan(2)
    client.force_login(advisor)
    for url_of in PAGES.values():
        client.get(url_of(plan))
    before = content_digest(plan)
    entry = plan.progress_entries.first()
    entry.content = "Flyttet samling"
    entry.save()
    plan.refresh_from_db()
    assert content_digest(plan) != before
    for page, url_of in PAGES.items():
        assert "Flyttet samling" in client.get(url_of(plan)).text, page


def test_an_edit_of_the_plans_own_text_shows_at_once(client):
    plan, advisor = build_plan(1)
    client.force_login(advisor)
    client.get(PAGES["plan page"](plan))
    plan.intro = "Ny **innledning**"
    plan.save()
    assert "Ny <strong>innledning</strong>" in client.get(PAGES["plan page"](plan)).text


def test_each_role_gets_the_part_made_for_what_it_may_do(client):
    plan = make_plan()
    make_entry(plan, content="Oppstart")
    advisor = make_member(ADVISOR, plan.municipality)
    leader = make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality))
    url = PAGES["progress plan"](plan)
    edit = reverse("meetings:entry_edit", args=[plan.progress_entries.get().pk])
    client.force_login(advisor)
    assert edit in client.get(url).text
    client.force_login(leader)
    page = client.get(url).text
    assert "Oppstart" in page and edit not in page


def test_each_language_gets_its_own_part(client):
    plan = make_plan()
    make_entry(plan, content="Oppstart")
    client.force_login(make_member(ADVISOR, plan.municipality))
    url = PAGES["progress plan"](plan)
    client.cookies["django_language"] = "nb"
    assert "Ingenting planlagt denne måneden." in client.get(url).text
    client.cookies["django_language"] = "en"
    page = client.get(url).text
    assert "Nothing planned this month." in page and "Ingenting planlagt" not in page


def test_a_filter_has_its_own_part_and_a_bad_one_is_still_refused(client):
    plan = make_plan()
    make_entry(plan, content="Oppstart")
    client.force_login(make_member(ADVISOR, plan.municipality))
    url = PAGES["progress plan"](plan)
    client.get(url)
    assert client.get(url, {"to_review": "on"}).text.count("Oppstart") < client.get(url).text.count("Oppstart")
    assert client.get(url, {"arena": "999999"}).status_code == 400


def test_a_change_to_the_school_calendar_shows_at_once(client):
    """The calendar is the municipality's, outside the plan's digest: the month view's key names its version."""
    from meetings.models import SchoolBreak, SchoolCalendar

    plan = make_plan()
    make_entry(plan, content="Oppstart")
    calendar = SchoolCalendar.objects.create(
        municipality=plan.municipality,
        school_year=2023,
        first_day=datetime.date(2023, 8, 21),
        last_day=datetime.date(2024, 6, 21),
    )
    client.force_login(make_member(ADVISOR, plan.municipality))
    url = PAGES["progress plan"](plan)
    assert "Planleggingsdag i oktober" not in client.get(url).text
    SchoolBreak.objects.create(
        calendar=calendar, kind="other", name="Planleggingsdag i oktober", starts_on=datetime.date(2023, 10, 2)
    )
    assert "Planleggingsdag i oktober" in client.get(url).text
