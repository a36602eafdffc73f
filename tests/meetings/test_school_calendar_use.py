"""The school calendar at work: fixed meetings run on school days only (month view, year wheel, unit page,
calendar feed with EXDATEs), and an entry or deadline on a day without school is marked and warned of."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Arena, FeedToken, ProgressEntry
from meetings.rhythm import meetings_of, rhythm_days
from meetings.school_calendar import calendar_of
from tests.support.factories import make_arena, make_entry, make_member, make_school_calendar, make_unit

pytestmark = pytest.mark.django_db
D = datetime.date
AUTUMN_BREAK = ("autumn", D(2023, 10, 2), D(2023, 10, 6))
WINTER_BREAK = ("winter", D(2024, 2, 26), D(2024, 3, 1))


@pytest.fixture
def calendar(plan):
    make_school_calendar(plan.municipality, 2023, breaks=[AUTUMN_BREAK, WINTER_BREAK])
    return calendar_of(plan)


@pytest.fixture
def tuesdays(plan):
    """Every Tuesday at 14.00 from 15 August: before school starts, in the autumn break, all year."""
    return make_arena(
        plan,
        name="SKUT",
        rhythm="weekly",
        rhythm_starts_on=D(2023, 8, 15),
        rhythm_starts_at=datetime.time(14),
    )


def test_fixed_meetings_run_from_the_first_to_the_last_school_day_and_skip_days_off(calendar, tuesdays):
    days = meetings_of(tuesdays, 2023, calendar)
    assert days[0] == D(2023, 8, 22)  # the first Tuesday on or after the first school day (21 August)
    assert days[-1] == D(2024, 6, 18)  # the last school day is Friday 21 June
    assert D(2023, 10, 3) not in days and D(2024, 2, 27) not in days
    assert D(2023, 10, 3) in rhythm_days(tuesdays, 2023, calendar)
    assert meetings_of(tuesdays, 2023)[0] == D(2023, 8, 15)  # without a calendar: from the first meeting
    monthly = Arena(rhythm="monthly", rhythm_weekday=0, rhythm_week=1)  # the first Monday of the month
    assert D(2023, 10, 2) not in meetings_of(monthly, 2023, calendar)
    assert D(2023, 8, 7) not in meetings_of(monthly, 2023, calendar)  # before school starts


def test_the_feed_leaves_the_days_off_out_as_exdates_and_ends_on_the_last_school_day(client, plan, calendar, tuesdays):
    token = FeedToken.regenerate(plan, None).token
    feed = Calendar.from_ical(client.get(reverse("meetings:plan_feed", args=[token])).content)
    [event] = [event for event in feed.walk("VEVENT") if str(event["uid"]) == f"arena-{tuesdays.pk}-rhythm@kibs"]
    excluded = {value.dt.date() for exdate in event.get("exdate", []) for value in exdate.dts}
    assert excluded == {D(2023, 10, 3), D(2024, 2, 27)}
    assert event["dtstart"].dt.date() == D(2023, 8, 22)
    assert event["rrule"]["UNTIL"][0].date() == D(2024, 6, 21)


def test_the_month_view_lists_the_days_off_and_marks_an_entry_in_a_holiday(client, reader, plan, calendar, tuesdays):
    make_entry(plan, starts_on=D(2024, 2, 27), content="Foreldremøte", kind="meeting")
    make_entry(plan, starts_on=D(2024, 2, 20), content="Ledermøte", kind="meeting")
    client.force_login(reader)
    page = client.get(reverse("meetings:progress_months", args=[plan.pk])).text
    february = page[page.index("Februar 2024") : page.index("Mars 2024")]
    assert "Vinterferie" in february and "Skolefrie dager" in february
    assert february.count("Ingen skole: Vinterferie") == 1
    assert "Tirsdag 27." not in february.split("Faste møter")[1].split("</tbody>")[0]  # SKUT skips the break
    assert "første skoledag er 21. august 2023" in page.replace("\n", " ")
    october = page[page.index("Oktober 2023") : page.index("November 2023")]
    assert "Høstferie" in october and "Tirsdag 3." not in october


def test_the_whole_school_year_reads_as_its_school_days(client, reader, plan, calendar):
    make_entry(
        plan, kind="task", precision="term", starts_on=D(2023, 8, 1), ends_on=D(2024, 6, 30), content="Lærende møter"
    )
    client.force_login(reader)
    page = client.get(reverse("meetings:progress_months", args=[plan.pk])).text
    assert "Skoledagene 21. august 2023 – 21. juni 2024" in page


def test_without_a_calendar_the_page_says_so_and_links_to_entering_it(client, advisor, plan):
    client.force_login(advisor)
    page = client.get(reverse("meetings:progress_months", args=[plan.pk])).text
    assert "Ingen skolerute er lagt inn for 2023/2024" in page
    assert reverse("meetings:school_calendar_list", args=[plan.municipality_id]) in page


@pytest.mark.parametrize(
    "kind, day, warning",
    [
        ("deadline", "2023-10-04", "Fristen faller på en dag uten skole: Høstferie."),
        ("meeting", "2024-02-29", "Oppføringen faller på en dag uten skole: Vinterferie."),
        ("meeting", "2023-08-17", "Oppføringen faller på en dag uten skole: Før første skoledag."),
        ("meeting", "2023-10-10", None),
    ],
)
def test_saving_an_entry_on_a_day_without_school_warns_and_saves(client, advisor, plan, calendar, kind, day, warning):
    client.force_login(advisor)
    data = {"kind": kind, "precision": "day", "starts_on": day, "content": "Frist for innmelding"}
    response = client.post(reverse("meetings:entry_create", args=[plan.pk]), data)
    assert response.status_code == 302
    assert ProgressEntry.objects.filter(plan=plan, starts_on=day).exists()
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert [text for text in shown if "uten skole" in text] == ([f"{warning} Sjekk datoen."] if warning else [])


def test_the_unit_page_shows_the_next_fixed_meetings_after_the_holiday(client, plan, calendar, tuesdays):
    unit = make_unit(plan.municipality)
    plan.status = plan.Status.APPROVED
    plan.save()
    client.force_login(make_member("unit_leader", unit=unit))
    with time_machine.travel(datetime.datetime(2023, 9, 27, 9, tzinfo=datetime.UTC), tick=False):
        page = client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).text
    listed = page[page.index("Neste faste møter") :].split("</ul>")[0]
    assert "tirsdag 3. oktober" not in listed  # the autumn break
    assert "tirsdag 26. september" not in listed  # yesterday
    assert listed.index("tirsdag 10. oktober 2023") < listed.index("tirsdag 17. oktober 2023")
    assert "kl. 14.00: SKUT" in listed


def test_next_years_plan_moves_a_meeting_off_next_years_holiday_and_says_so(client, advisor, plan, calendar):
    # The first Tuesday of October 2023; in 2024 the first Tuesday (1 October) is in the autumn break.
    make_entry(plan, kind="meeting", starts_on=D(2023, 10, 3), content="Skoleledermøte")
    make_entry(plan, kind="deadline", starts_on=D(2023, 10, 2), content="Frist for kartlegging")
    make_school_calendar(plan.municipality, 2024, breaks=[("autumn", D(2024, 9, 30), D(2024, 10, 4))])
    client.force_login(advisor)
    response = client.post(reverse("documents:plan_start_next_year", args=[plan.pk]))
    assert response.status_code == 302
    copied = {entry.content: entry.starts_on for entry in ProgressEntry.objects.filter(plan__school_year=2024)}
    assert copied == {"Skoleledermøte": D(2024, 10, 8), "Frist for kartlegging": D(2024, 10, 2)}  # a deadline stays
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("flyttet til samme ukedag en uke senere: 1" in text for text in shown)
