"""One way to write times and dates (ops/dates.py), and where it is used."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from ops import dates

NOON, HALF_THREE = datetime.time(12, 0), datetime.time(15, 30)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_norwegian_times_are_written_with_kl_and_dots(language):
    with translation.override(language):
        assert dates.clock_span(NOON, HALF_THREE) == "kl. 12.00–15.30"
        assert dates.clock_span(NOON) == "kl. 12.00"
        assert dates.clock_span(None) == ""


def test_english_times_keep_the_colon():
    with translation.override("en"):
        assert dates.clock_span(NOON, HALF_THREE) == "12:00–15:30"


def test_a_span_across_new_year_carries_both_years():
    with translation.override("nb"):
        assert dates.date_span(datetime.date(2026, 10, 28), datetime.date(2027, 4, 4)) == (
            "28. oktober 2026 – 4. april 2027"
        )
        # Under a heading naming the month and year, too.
        assert dates.date_span(datetime.date(2026, 10, 28), datetime.date(2027, 4, 4), year=False) == (
            "28. oktober 2026 – 4. april 2027"
        )


def test_a_span_within_one_year_writes_it_once():
    with translation.override("nn"):
        first, last = datetime.date(2026, 9, 1), datetime.date(2026, 11, 30)
        assert dates.date_span(first, last) == "1. september – 30. november 2026"
        assert dates.date_span(first, last, weekday=True) == "tysdag 1. september – måndag 30. november 2026"
        assert dates.date_span(first, last, year=False) == "1. september – 30. november"
        assert dates.date_span(first) == "1. september 2026"


def test_a_moment_is_written_in_local_time():
    with translation.override("nb"):
        assert dates.moment(datetime.datetime(2026, 12, 4, 14, 30, tzinfo=datetime.UTC)) == "4. desember 2026 kl. 15.30"


def test_the_template_filters_write_the_same():
    template = Template(
        "{% load dates %}{{ first|date_span_under_month:last }} {{ start|clock_span:end }} {{ first|day:'weekday' }}"
    )
    context = Context(
        {"first": datetime.date(2026, 12, 28), "last": datetime.date(2027, 1, 4), "start": NOON, "end": HALF_THREE}
    )
    with translation.override("nb"):
        assert template.render(context) == (
            "mandag 28. desember 2026 – mandag 4. januar 2027 kl. 12.00–15.30 mandag 28. desember 2026"
        )


@pytest.mark.django_db
def test_the_progress_plan_and_the_calendar_feed_write_times_and_spans_alike(client, plan, advisor):
    from django.urls import reverse

    from meetings.ical import description_of
    from tests.support.factories import make_entry

    make_entry(plan, starts_on=datetime.date(2023, 9, 4), starts_at=NOON, ends_at=HALF_THREE, content="Fagdag")
    period = make_entry(
        plan, starts_on=datetime.date(2023, 12, 18), ends_on=datetime.date(2024, 1, 9), content="Kartlegging"
    )
    client.force_login(advisor)
    page = client.get(reverse("meetings:progress_months", args=[plan.pk])).content.decode()
    assert "kl. 12.00–15.30" in page
    assert "mandag 18. desember 2023 – tirsdag 9. januar 2024" in page.lower()

    timed = plan.progress_entries.get(content="Fagdag")
    assert "Mandag 4. september 2023, kl. 12.00–15.30\n\nFagdag" in description_of(timed)
    assert "18. desember 2023 – tirsdag 9. januar 2024" in description_of(period)
