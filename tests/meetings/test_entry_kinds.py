"""Kinds of entries and the precision of their time: every kind × precision on the month view, the
year wheel's text, the unit page and the parsed calendar feed, in Bokmål and Nynorsk; the form that
writes months and terms; month-wide items first, then the days in date order.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from icalendar import Calendar

from meetings.models import FeedToken, ProgressEntry
from meetings.progress import months_of, plan_entries
from tests.support.factories import make_entries_of_every_kind, make_entry, make_plan

pytestmark = pytest.mark.django_db

KINDS = {
    "nb": {"meeting": "Møte", "deadline": "Frist", "course": "Kurs/samling", "task": "Oppgave i perioden"},
    "nn": {"meeting": "Møte", "deadline": "Frist", "course": "Kurs/samling", "task": "Oppgåve i perioden"},
}
SPANS = {
    "nb": ["I løpet av september–november", "Mars", "Høsten", "Våren", "Hele skoleåret"],
    "nn": ["I løpet av september–november", "Mars", "Hausten", "Våren", "Heile skuleåret"],
}
WHOLE_MONTH = {"nb": "Hele måneden", "nn": "Heile månaden"}
D = datetime.date


@pytest.fixture
def kinds_plan(plan):
    make_entries_of_every_kind(plan)
    return plan


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_month_view_shows_every_kind_and_precision_as_written(client, advisor, kinds_plan, language):
    client.force_login(advisor)
    client.cookies["django_language"] = language
    url = reverse("meetings:progress_months", args=[kinds_plan.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    text = strip_tags(page.text)
    for label in KINDS[language].values():
        assert label in text
    for span in SPANS[language]:
        assert span in text
    assert WHOLE_MONTH[language] in text
    assert "1. september – " not in text.lower()  # months are never shown as days
    assert page.text.count('class="kind-icon"') >= 12  # every label has its icon


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_year_wheel_text_and_unit_page_show_kinds_and_spans(client, advisor, kinds_plan, unit, language):
    client.force_login(advisor)
    client.cookies["django_language"] = language
    wheel = strip_tags(client.get(reverse("meetings:year_wheel", args=[kinds_plan.pk])).text)
    for text in [*KINDS[language].values(), *SPANS[language]]:
        assert text in wheel


def test_month_wide_items_come_first_then_days_in_date_order(plan):
    late_gathering = make_entry(plan, kind="course", starts_on=D(2023, 9, 14), ends_on=D(2023, 9, 15))
    early_meeting = make_entry(plan, starts_on=D(2023, 9, 4))
    months_item = make_entry(plan, kind="task", precision="months", starts_on=D(2023, 9, 1), ends_on=D(2023, 10, 31))
    term_item = make_entry(plan, kind="task", precision="term", starts_on=D(2023, 8, 1), ends_on=D(2023, 12, 31))
    september = next(m for m in months_of(plan, list(plan_entries(plan))) if m.first_day == D(2023, 9, 1))
    assert [row.entry for row in september.month_wide_rows] == [term_item, months_item]
    assert [row.entry for row in september.day_rows] == [early_meeting, late_gathering]


def ical_events(client, plan):
    token = FeedToken.regenerate(plan, None).token
    response = client.get(reverse("meetings:plan_feed", args=[token]))
    assert response.status_code == 200
    return {str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_calendar_feed_gives_months_as_monthly_markers_and_deadlines_as_named_days(client, municipality, language):
    plan = make_plan(municipality, language=language)
    made = make_entries_of_every_kind(plan)
    events = ical_events(client, plan)
    for (kind, precision), entry in made.items():
        event = events[f"entry-{entry.pk}@kibs"]
        description = str(event["DESCRIPTION"])
        assert description.startswith(KINDS[language][kind])
        assert [str(c) for c in event["CATEGORIES"].cats] == [KINDS[language][kind]]
        if precision == "day":
            assert event.decoded("DTSTART") == D(2023, 9, 4) and "RRULE" not in event
        else:
            assert event.decoded("DTSTART") == entry.starts_on  # the first of the first month
            assert event.decoded("DTEND") == entry.starts_on + datetime.timedelta(days=1)
            assert event["RRULE"]["COUNT"] == [3 if precision == "months" else 5]
            assert str(event["TRANSP"]) == "TRANSPARENT"
            span = SPANS[language][0 if precision == "months" else 2]
            assert span in description
        if kind == "deadline":
            assert str(event["SUMMARY"]).startswith("Frist: ")


def post_entry(client, plan, **data):
    return client.post(reverse("meetings:entry_create", args=[plan.pk]), {"content": "Analyse", **data})


def test_form_writes_whole_months_and_terms_as_their_first_and_last_day(client, advisor, plan):
    client.force_login(advisor)
    response = post_entry(client, plan, kind="task", precision="months", first_month="2023-11", last_month="2024-03")
    assert response.status_code == 302
    entry = ProgressEntry.objects.get()
    assert (entry.starts_on, entry.ends_on, entry.kind) == (D(2023, 11, 1), D(2024, 3, 31), "task")
    response = post_entry(client, plan, kind="task", precision="term", term="spring", content="Vår")
    assert response.status_code == 302
    spring = ProgressEntry.objects.get(content="Vår")
    assert (spring.starts_on, spring.ends_on) == (D(2024, 1, 1), D(2024, 6, 30))
    edit = client.get(reverse("meetings:entry_edit", args=[spring.pk]))
    assert 'value="spring" selected' in edit.text or '<option value="spring" selected>' in edit.text


def test_form_refuses_months_without_a_first_month_or_in_the_wrong_order(client, advisor, plan):
    client.force_login(advisor)
    missing = post_entry(client, plan, precision="months")
    assert missing.status_code == 400 and "Velg første måned." in missing.text
    backwards = post_entry(client, plan, precision="months", first_month="2024-03", last_month="2023-11")
    assert backwards.status_code == 400 and "Siste måned kan ikke komme før den første." in backwards.text
    no_term = post_entry(client, plan, precision="term")
    assert no_term.status_code == 400 and "Velg semester." in no_term.text
    foreign_month = post_entry(client, plan, precision="months", first_month="2031-03")
    assert foreign_month.status_code == 400
    assert not ProgressEntry.objects.exists()


def test_a_reader_cannot_add_an_entry(client, reader, plan):
    client.force_login(reader)
    assert post_entry(client, plan, precision="months", first_month="2023-11").status_code == 403
