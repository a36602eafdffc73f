"""Calendar feeds: RFC 5545 with icalendar, secret-token URLs, revocation."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.models import FeedToken
from routines.models import Membership
from tests.support.factories import make_arena, make_entry, make_member, make_municipality, make_unit
from tests.support.year_plan import KINDERGARTEN, make_year_plan

pytestmark = pytest.mark.django_db

ADVISOR, READER = Membership.Role.ADVISOR, Membership.Role.READER


@pytest.fixture
def year():
    return make_year_plan()


@pytest.fixture
def token(year):
    return FeedToken.regenerate(year.plan, None).token


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(entry):
    return f"entry-{entry.pk}@kibs"


def test_plan_feed_has_one_event_per_entry(client, year, token):
    _calendar, events = events_of(client.get(reverse("meetings:plan_feed", args=[token])))
    assert set(events) == {uid(entry) for entry in year.all}


def test_line_breaks_in_titles_and_texts_keep_the_feed_whole(client, year, token):
    year.plan.title = "Plan for\nskoleåret"
    year.plan.save()
    entry = year.all[0]
    entry.content, entry.place = "Møte\n\nmed foresatte", "Rom 1\nAulaen"
    entry.save()
    calendar, events = events_of(client.get(reverse("meetings:plan_feed", args=[token])))
    assert "\n" not in str(calendar["X-WR-CALNAME"]) and "Plan for skoleåret" in str(calendar["X-WR-CALNAME"])
    assert str(events[uid(entry)]["LOCATION"]) == "Rom 1\nAulaen"


def test_timed_entry_is_a_timed_event_in_oslo(client, year, token):
    calendar, events = events_of(client.get(reverse("meetings:plan_feed", args=[token])))
    event = events[uid(year.fagdag)]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.datetime(2023, 8, 14, 12, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Oslo" and start.utcoffset() == datetime.timedelta(hours=2)
    assert end.hour == 15 and end.minute == 30
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert str(event["LOCATION"]) == "Møysalen"
    assert str(event["SUMMARY"]) == "Halv fagdag for alle lærere"


def test_untimed_entry_is_all_day_and_periods_span_days_with_exclusive_end(client, year, token):
    _calendar, events = events_of(client.get(reverse("meetings:plan_feed", args=[token])))
    meeting = events[uid(year.skoleledermote)]
    assert meeting.decoded("DTSTART") == datetime.date(2023, 8, 28)
    assert meeting.decoded("DTEND") == datetime.date(2023, 8, 29)
    months = events[uid(year.bti_period)]  # September–November: the first of each month, not 91 days
    assert months.decoded("DTSTART") == datetime.date(2023, 9, 1)
    assert months.decoded("DTEND") == datetime.date(2023, 9, 2)
    assert months["RRULE"]["FREQ"] == ["MONTHLY"] and months["RRULE"]["COUNT"] == [3]
    two_days = events[uid(year.ledersamling)]
    assert two_days.decoded("DTEND") == datetime.date(2023, 9, 16)


def test_uids_are_stable_and_a_change_raises_the_sequence(client, year, token):
    url = reverse("meetings:plan_feed", args=[token])
    _calendar, first = events_of(client.get(url))
    year.fagdag.place = "Kulturhuset"
    year.fagdag.save()
    _calendar, second = events_of(client.get(url))
    assert set(first) == set(second)
    assert second[uid(year.fagdag)]["SEQUENCE"] == first[uid(year.fagdag)]["SEQUENCE"] + 1


def test_unit_feed_has_the_entries_of_the_units_kind(client, year, token):
    kindergarten = make_unit(year.plan.municipality, kind=KINDERGARTEN)
    _calendar, events = events_of(client.get(reverse("meetings:unit_feed", args=[token, kindergarten.pk])))
    expected = [
        year.fagdag,
        year.styrermote,
        year.bti_period,
        year.sut_meeting,
        year.bug_meeting,
        year.ledersamling,
        year.fau,
        year.juni,
    ]
    assert set(events) == {uid(entry) for entry in expected}


def test_arena_feed_has_the_arenas_meetings(client, year, token):
    _calendar, events = events_of(client.get(reverse("meetings:arena_feed", args=[token, year.sut.pk])))
    assert set(events) == {uid(year.sut_meeting)}


def test_unit_or_arena_of_another_municipality_is_404(client, year, token):
    assert client.get(reverse("meetings:unit_feed", args=[token, make_unit().pk])).status_code == 404
    assert client.get(reverse("meetings:arena_feed", args=[token, make_arena().pk])).status_code == 404


def test_wrong_token_is_404(client, year, token):
    assert client.get(reverse("meetings:plan_feed", args=["not-the-token"])).status_code == 404
    assert client.get(reverse("meetings:arena_feed", args=[token[:-1] + "x", year.sut.pk])).status_code == 404


def test_regenerating_revokes_the_old_links(client, year, token):
    client.force_login(make_member(ADVISOR, year.plan.municipality))
    response = client.post(reverse("meetings:regenerate_feed_token", args=[year.plan.pk]))
    assert response.status_code == 302
    new_token = FeedToken.objects.get(plan=year.plan).token
    assert new_token != token and len(new_token) >= 40
    client.logout()  # calendar programs have no session
    assert client.get(reverse("meetings:plan_feed", args=[token])).status_code == 404
    assert client.get(reverse("meetings:plan_feed", args=[new_token])).status_code == 200


def test_only_advisors_regenerate(client, year, token):
    url = reverse("meetings:regenerate_feed_token", args=[year.plan.pk])
    assert client.post(url).status_code == 302  # anonymous: to the login page
    client.force_login(make_member(READER, year.plan.municipality))
    assert client.post(url).status_code == 403
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(url).status_code == 404
    client.force_login(make_member(ADVISOR, year.plan.municipality))
    assert client.get(url).status_code == 405
    assert FeedToken.objects.get(plan=year.plan).token == token


def test_subscription_page_lists_the_links(client, year, token):
    unit = make_unit(year.plan.municipality, name="Sortland barneskole")
    client.force_login(make_member(READER, year.plan.municipality))
    response = client.get(reverse("meetings:feed_subscriptions", args=[year.plan.pk]))
    assert response.status_code == 200
    assert f"/meetings/feeds/{token}/plan.ics" in response.text
    assert f"/meetings/feeds/{token}/units/{unit.pk}.ics" in response.text
    assert f"/meetings/feeds/{token}/arenas/{year.sut.pk}.ics" in response.text
    assert "regenerate" not in response.text.lower() and "new-links" not in response.text


def test_subscription_page_before_links_exist(client, year):
    client.force_login(make_member(ADVISOR, year.plan.municipality))
    response = client.get(reverse("meetings:feed_subscriptions", args=[year.plan.pk]))
    assert response.status_code == 200
    assert "/meetings/feeds/" not in response.text
    assert reverse("meetings:regenerate_feed_token", args=[year.plan.pk]) in response.text


def test_subscription_page_needs_login_and_tenancy(client, year):
    url = reverse("meetings:feed_subscriptions", args=[year.plan.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("feed", ["plan", "unit", "arena"])
def test_feed_queries_do_not_grow_with_entries(client, year, token, feed, django_assert_max_num_queries):
    unit = make_unit(year.plan.municipality)
    args = {"plan": [token], "unit": [token, unit.pk], "arena": [token, year.sut.pk]}[feed]
    url = reverse(f"meetings:{feed}_feed", args=args)
    with django_assert_max_num_queries(8) as before:
        client.get(url)
    for day in range(40):
        entry = make_entry(
            year.plan, starts_on=datetime.date(2024, 2, 1) + datetime.timedelta(days=day), arena=year.sut
        )
        entry.target_groups.set([year.parents])
        entry.milestones.set([year.milestones[1]])
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) >= 40
