"""The read pages of a plan are kept whole in the cache while the plan is unchanged (routines/page_cache.py).

An unchanged plan's page costs its access and rights queries and ONE cache
read (the plan's stamp and the page together), the same for a small and a big
plan, and no digest query; an edit gives the plan a new stamp, so it shows at
once on every page, the frame included; the digest still checks a kept page
now and then, so a write that announced nothing shows too. What a role may do,
the language and the tenancy each have pages of their own; the person's name,
the CSRF token and a unit page's personal part are filled in for each request.
"""

import datetime
import re

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.services import approve_plan, publish_plan, withdraw_plan
from routines import page_cache
from routines.models import FocusArea, Membership, Routine
from tests.support.factories import (
    make_arena,
    make_entry,
    make_member,
    make_milestone,
    make_plan,
    make_routine,
    make_section,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR
PAGES = {
    "plan page": lambda plan: reverse("documents:plan_detail", args=[plan.pk]),
    "progress plan": lambda plan: reverse("meetings:progress_months", args=[plan.pk]),
    "year wheel": lambda plan: reverse("meetings:year_wheel", args=[plan.pk]),
    "public page": lambda plan: reverse("documents:public_plan", args=[plan.public_slug]),
    "reading page": lambda plan: reverse("documents:plan_read", args=[plan.pk]),
    "unit page": lambda plan: reverse(
        "documents:unit_page", args=[plan.pk, plan.municipality.units.order_by("pk").first().pk]
    ),
}


@pytest.fixture(autouse=True)
def shared_cache(settings):
    # As deployed (the tests' default is a private in-memory cache): a cache read is a query here.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kibs_cache"}}


def build_plan(size):
    """An approved, published plan with `size` of every part the pages show, and a unit."""
    plan = make_plan(intro="Planens *innledning*")
    make_unit(plan.municipality)
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


def test_an_unchanged_plan_costs_one_cache_read_and_no_digest_however_big(client):
    small, small_advisor = build_plan(2)
    big, big_advisor = build_plan(20)
    counts = {}
    for page, url_of in PAGES.items():
        for plan, advisor in ((small, small_advisor), (big, big_advisor)):
            client.force_login(advisor)
            miss = queries(client, url_of(plan))
            hit = queries(client, url_of(plan))
            assert digest_queries(hit) == [] and len(cache_reads(hit)) == 1, page
            assert len(hit) < len(miss), page
            counts.setdefault(page, []).append((len(miss), len(hit)))
    assert {page: sizes for page, sizes in counts.items() if sizes[0] != sizes[1]} == {}


def test_an_edit_shows_at_once_on_every_page(client):
    plan, advisor = build_plan(2)
    client.force_login(advisor)
    for url_of in PAGES.values():
        client.get(url_of(plan))
    entry = plan.progress_entries.first()
    entry.content = "Flyttet samling"
    entry.at_every_unit = True
    entry.save()
    for page, url_of in PAGES.items():
        assert "Flyttet samling" in client.get(url_of(plan)).text, page


def test_an_edit_of_the_plans_own_text_shows_at_once(client):
    plan, advisor = build_plan(1)
    client.force_login(advisor)
    client.get(PAGES["plan page"](plan))
    plan.intro = "Ny **innledning**"
    plan.save()
    assert "Ny <strong>innledning</strong>" in client.get(PAGES["plan page"](plan)).text


def test_moving_a_part_shows_at_once(client):
    plan = make_plan()
    first, second = make_routine(plan, title="Rutine først"), make_routine(plan, title="Rutine sist")
    client.force_login(make_member(ADVISOR, plan.municipality))
    url = PAGES["reading page"](plan)
    assert client.get(url).text.index("Rutine først") < client.get(url).text.index("Rutine sist")
    second.move(-1)
    page = client.get(url).text
    assert page.index("Rutine sist") < page.index("Rutine først")
    first.refresh_from_db()
    assert first.position == 1


def test_the_frame_shows_a_new_revision_at_once(client):
    plan, advisor = build_plan(1)
    client.force_login(advisor)
    url = PAGES["plan page"](plan)
    assert "Start a revision" in client.get(url).text or "Start en revisjon" in client.get(url).text
    client.post(reverse("documents:plan_start_revision", args=[plan.pk]))
    revision = plan.revisions.get()
    assert reverse("documents:plan_detail", args=[revision.pk]) in client.get(url).text


def test_a_write_that_announced_nothing_shows_once_the_digest_checks_the_page(client, monkeypatch):
    plan, advisor = build_plan(1)
    client.force_login(advisor)
    url = PAGES["reading page"](plan)
    client.get(url)
    Routine.objects.filter(plan=plan).update(title="Endret i stillhet", version=F("version") + 1)
    assert "Endret i stillhet" not in client.get(url).text  # kept until the next check
    monkeypatch.setattr(page_cache, "PAGE_CHECK_SECONDS", 0)
    assert "Endret i stillhet" in client.get(url).text


def test_an_advisors_page_never_reaches_a_reader(client):
    plan, advisor = build_plan(1)
    reader = make_member(Membership.Role.READER, plan.municipality)
    overview = reverse("documents:plan_overview", args=[plan.pk])
    for url_of in PAGES.values():
        client.force_login(advisor)
        assert overview in client.get(url_of(plan)).text or url_of is PAGES["public page"]
        client.force_login(reader)
        page = client.get(url_of(plan)).text
        assert overview not in page and "Start a revision" not in page


def test_another_municipality_gets_404_from_a_kept_page(client):
    plan, advisor = build_plan(1)
    other = make_member(ADVISOR, make_plan().municipality)
    for name, url_of in PAGES.items():
        if name == "public page":
            continue
        client.force_login(advisor)
        assert client.get(url_of(plan)).status_code == 200
        client.force_login(other)
        assert client.get(url_of(plan)).status_code == 404, name


def test_each_person_sees_their_own_name_and_token(client):
    plan, advisor = build_plan(1)
    other = make_user(first_name="Åse", last_name="<Andre>")
    Membership.objects.create(user=other, role=ADVISOR, municipality=plan.municipality)
    url = PAGES["plan page"](plan)
    client.force_login(advisor)
    first = client.get(url).text
    client.force_login(other)
    second = client.get(url).text
    assert "Åse &lt;Andre&gt;" in second and "Åse" not in first
    assert "\x00" not in first + second
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', second)
    assert tokens and "kibs" not in tokens[0]
    logout = reverse("logout")
    client.cookies.load({})  # the token works for this person's POST (the logout form of the kept page)
    assert client.post(logout, {"csrfmiddlewaretoken": tokens[0]}).status_code == 302


def test_each_language_gets_its_own_page_and_bokmal_never_reaches_nynorsk(client):
    plan, advisor = build_plan(1)
    client.force_login(advisor)
    url = PAGES["plan page"](plan)
    client.cookies["django_language"] = "nb"
    assert "Les hele planen" in client.get(url).text
    client.cookies["django_language"] = "nn"
    page = client.get(url).text
    assert "Les heile planen" in page and "Les hele planen" not in page


def test_the_public_page_is_in_the_plans_own_written_standard(client):
    plan, advisor = build_plan(1)
    client.cookies["django_language"] = "nb"
    assert "Innhald" not in client.get(PAGES["public page"](plan)).text
    plan.language = "nn"
    plan.save()
    client.cookies["django_language"] = "nb"
    response = client.get(PAGES["public page"](plan))
    assert response.headers["Content-Language"] == "nn"


def test_the_public_page_answers_304_to_its_etag(client):
    plan, _advisor = build_plan(1)
    url = PAGES["public page"](plan)
    client.get(url)
    response = client.get(url)
    etag = response.headers["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    plan.intro = "Endret"
    plan.save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_a_page_with_a_message_shows_it_once_and_is_not_kept_with_it(client):
    plan, advisor = build_plan(1)
    unit = plan.municipality.units.order_by("pk").first()
    client.force_login(advisor)
    url = PAGES["unit page"](plan)
    client.get(url)
    shown = client.post(reverse("documents:unit_comment", args=[plan.pk, unit.pk]), {"body": "Hei"}, follow=True)
    assert 'id="messages"' in shown.text
    assert 'id="messages"' not in client.get(url).text


def test_the_unit_pages_personal_part_is_each_persons_own(client):
    plan, advisor = build_plan(1)
    unit = plan.municipality.units.order_by("pk").first()
    leader = make_member(Membership.Role.UNIT_LEADER, unit=unit)
    url = PAGES["unit page"](plan)
    client.force_login(advisor)
    assert "Send the comment" in client.get(url).text or "Send kommentaren" in client.get(url).text
    client.force_login(leader)
    before = client.get(url).text
    assert "id_comment_body" not in before
    client.post(reverse("documents:read_confirm", args=[plan.pk, unit.pk]))
    after = client.get(url).text
    assert before != after and 'action="' + reverse("documents:read_confirm", args=[plan.pk, unit.pk]) not in after
    client.force_login(advisor)
    client.post(reverse("documents:unit_comment", args=[plan.pk, unit.pk]), {"body": "Husk fristen"})
    client.force_login(leader)
    assert "Husk fristen" in client.get(url).text


def test_a_filter_has_its_own_page_and_a_bad_one_is_still_refused(client):
    plan = make_plan()
    make_entry(plan, content="Oppstart")
    client.force_login(make_member(ADVISOR, plan.municipality))
    url = PAGES["progress plan"](plan)
    client.get(url)
    assert client.get(url, {"to_review": "on"}).text.count("Oppstart") < client.get(url).text.count("Oppstart")
    assert client.get(url, {"arena": "999999"}).status_code == 400


def test_a_change_to_the_school_calendar_shows_at_once(client):
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


def test_a_withdrawn_plans_public_page_is_gone_at_once(client):
    plan, advisor = build_plan(1)
    url = PAGES["public page"](plan)
    client.get(url)
    assert client.get(url).status_code == 200  # from the cache, without looking the address up
    withdraw_plan(plan, advisor)
    assert client.get(url).status_code == 404


def test_the_public_page_kept_for_the_public_is_the_same_for_anyone_logged_in_but_their_menu(client):
    plan, advisor = build_plan(1)
    url = PAGES["public page"](plan)
    public = client.get(url).text
    client.force_login(advisor)
    mine = client.get(url).text
    assert reverse("logout") in mine and reverse("logout") not in public
