"""An arena's rhythm: the rule in words (nb, nn), its meetings on the month view, in the calendar feed as
one recurring event with a stable UID, in the plan file, and a clear error for a rule that lacks a date."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from meetings.models import Arena, FeedToken
from meetings.rhythm import meetings_of, rhythm_words
from tests.support.factories import make_arena

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    "fields, nb, nn",
    [
        (
            {"rhythm": "every_second_week", "rhythm_starts_on": D(2023, 8, 22), "rhythm_starts_at": datetime.time(12)},
            "annenhver tirsdag kl. 12.00",
            "annakvar tysdag kl. 12.00",
        ),
        (
            {"rhythm": "monthly", "rhythm_weekday": 1, "rhythm_week": 1},
            "første tirsdag i måneden",
            "første tysdag i månaden",
        ),
        (
            {"rhythm": "monthly", "rhythm_weekday": 4, "rhythm_week": 5},
            "siste fredag i måneden",
            "siste fredag i månaden",
        ),
        ({"rhythm": "per_term", "rhythm_times": 2}, "2 ganger i semesteret", "2 gonger i semesteret"),
        ({"rhythm": "as_needed"}, "etter behov", "etter behov"),
    ],
)
def test_the_rule_in_words(fields, nb, nn):
    arena = Arena(**fields)
    with translation.override("nb"):
        assert rhythm_words(arena) == nb
    with translation.override("nn"):
        assert rhythm_words(arena) == nn


def test_meetings_of_a_school_year():
    biweekly = Arena(rhythm="every_second_week", rhythm_starts_on=D(2023, 8, 22))
    days = meetings_of(biweekly, 2023)
    assert days[:3] == [D(2023, 8, 22), D(2023, 9, 5), D(2023, 9, 19)] and days[-1] <= D(2024, 6, 30)
    last_friday = Arena(rhythm="monthly", rhythm_weekday=4, rhythm_week=5)
    assert meetings_of(last_friday, 2023)[:2] == [D(2023, 8, 25), D(2023, 9, 29)]
    assert len(meetings_of(last_friday, 2023)) == 11  # August to June
    assert meetings_of(Arena(rhythm="per_term", rhythm_times=2), 2023) == []


@pytest.fixture
def sut(plan):
    return make_arena(
        plan,
        name="Skoleeiers utviklingsgruppe",
        rhythm="monthly",
        rhythm_weekday=1,
        rhythm_week=1,
        rhythm_starts_at=datetime.time(12),
        frequency="Gruppene møtes hver for seg og samlet.",
    )


def test_month_view_and_arena_list_show_the_meetings(client, reader, plan, sut):
    client.force_login(reader)
    page = client.get(reverse("meetings:progress_months", args=[plan.pk])).text
    assert "Faste møter" in page and "Tirsdag 5." in page  # the first Tuesday of September 2023
    arenas = client.get(reverse("meetings:arena_list", args=[plan.pk])).text
    assert "første tirsdag i måneden kl. 12.00 – Gruppene møtes hver for seg og samlet." in arenas


def test_calendar_feed_has_one_recurring_event_with_a_stable_uid(client, plan, sut):
    token = FeedToken.regenerate(plan, None).token
    body = client.get(reverse("meetings:arena_feed", args=[token, sut.pk])).content
    events = {str(event["UID"]): event for event in Calendar.from_ical(body).walk("VEVENT")}
    event = events[f"arena-{sut.pk}-rhythm@kibs"]
    assert event["RRULE"]["FREQ"] == ["MONTHLY"] and event["RRULE"]["BYDAY"] == ["1TU"]
    start = event.decoded("DTSTART")
    assert start.date() == D(2023, 8, 1) and start.hour == 12
    assert "første tirsdag i måneden" in str(event["DESCRIPTION"])


def test_arena_form_needs_the_first_date_of_a_weekly_rhythm(client, advisor, plan):
    client.force_login(advisor)
    url = reverse("meetings:arena_create", args=[plan.pk])
    response = client.post(
        url, {"name": "Onsdagstid", "category": "meeting", "scope": "municipality", "rhythm": "weekly"}
    )
    assert response.status_code == 400 and "Oppgi datoen for det første møtet" in response.text
    assert not Arena.objects.filter(name="Onsdagstid").exists()
    ok = client.post(
        url,
        {
            "name": "Onsdagstid",
            "category": "meeting",
            "scope": "municipality",
            "rhythm": "weekly",
            "rhythm_starts_on": "2023-08-23",
        },
    )
    assert ok.status_code == 302
    assert Arena.objects.get(name="Onsdagstid").rhythm_starts_on == D(2023, 8, 23)


def test_year_wheel_marks_the_meetings_and_lists_them_as_text(client, reader, plan, sut):
    client.force_login(reader)
    page = client.get(reverse("meetings:year_wheel", args=[plan.pk])).text
    assert page.count('class="arena-meeting"') == 11  # the first Tuesday of August to June
    assert "tirsdag 5. september 2023: Skoleeiers utviklingsgruppe" in page
    assert "Faste møter: Skoleeiers utviklingsgruppe (første tirsdag i måneden kl. 12.00" in page
