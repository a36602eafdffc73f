"""The school calendar (skolerute): entered by the municipality's advisors, read by its members."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import SchoolBreak, SchoolCalendar
from tests.support.factories import make_municipality, make_school_calendar

pytestmark = pytest.mark.django_db
D = datetime.date


def edit_url(municipality, year=2023):
    return reverse("meetings:school_calendar_edit", args=[municipality.pk, year])


def form_data(calendar=None, breaks=(), **changes):
    """The form as posted: the frame, and the days off as rows (kind, name, from, to)."""
    data = {
        "first_day": "2023-08-21",
        "last_day": "2024-06-21",
        "note": "Vedtatt i hovedutvalget",
        "seen_version": calendar.version if calendar else "",
        "breaks-TOTAL_FORMS": str(len(breaks)),
        "breaks-INITIAL_FORMS": "0",
        "breaks-MIN_NUM_FORMS": "0",
        "breaks-MAX_NUM_FORMS": "1000",
    }
    for index, (kind, name, first, last) in enumerate(breaks):
        data |= {
            f"breaks-{index}-kind": kind,
            f"breaks-{index}-name": name,
            f"breaks-{index}-starts_on": first,
            f"breaks-{index}-ends_on": last,
        }
    return data | changes


WINTER = ("winter", "", "2024-02-26", "2024-03-01")
PLANNING = ("planning", "", "2023-11-17", "")


def test_an_advisor_enters_the_school_calendar_with_its_days_off(client, advisor, municipality):
    client.force_login(advisor)
    assert client.get(edit_url(municipality)).status_code == 200
    response = client.post(edit_url(municipality), form_data(breaks=[WINTER, PLANNING]))
    assert response.status_code == 302
    calendar = SchoolCalendar.objects.get(municipality=municipality, school_year=2023)
    assert (calendar.first_day, calendar.last_day) == (D(2023, 8, 21), D(2024, 6, 21))
    assert [(b.kind, b.starts_on, b.ends_on) for b in calendar.breaks.all()] == [
        ("planning", D(2023, 11, 17), None),
        ("winter", D(2024, 2, 26), D(2024, 3, 1)),
    ]
    page = client.get(response.url).content.decode()
    assert "Vinterferie" in page and "Planleggingsdag" in page
    assert "fredag 17. november 2023" in page


def test_days_outside_the_school_year_or_backwards_are_errors_next_to_the_field(client, advisor, municipality):
    client.force_login(advisor)
    response = client.post(
        edit_url(municipality),
        form_data(last_day="2025-06-20", breaks=[("easter", "", "2024-04-01", "2024-03-25"), WINTER, WINTER]),
    )
    assert response.status_code == 400
    form, breaks = response.context["form"], response.context["formset"]
    assert "last_day" in form.errors
    assert "ends_on" in breaks.forms[0].errors
    assert "starts_on" in breaks.forms[2].errors  # the same days twice
    assert "2025-06-20" in response.content.decode()  # what was typed is kept
    assert not SchoolCalendar.objects.exists()


def test_a_garbled_date_is_a_form_error_not_a_500(client, advisor, municipality):
    client.force_login(advisor)
    response = client.post(edit_url(municipality), form_data(first_day="21.08.2023x", breaks=[("bogus", "", "x", "")]))
    assert response.status_code == 400
    assert "first_day" in response.context["form"].errors
    assert {"kind", "starts_on"} <= set(response.context["formset"].forms[0].errors)


def test_saving_from_an_old_version_is_a_conflict(client, advisor, municipality):
    calendar = make_school_calendar(municipality)
    seen = calendar.version
    calendar.note = "Endret av en annen"
    calendar.save()
    client.force_login(advisor)
    response = client.post(edit_url(municipality), form_data(calendar, seen_version=seen))
    assert response.status_code == 409
    calendar.refresh_from_db()
    assert calendar.note == "Endret av en annen"


def test_editing_changes_and_removes_days_off(client, advisor, municipality):
    calendar = make_school_calendar(municipality, breaks=[("winter", D(2024, 2, 26), D(2024, 3, 1))])
    kept = calendar.breaks.get()
    data = form_data(calendar, breaks=[("winter", "Vinterferie uke 9", "2024-02-26", "2024-03-01")])
    data |= {"breaks-INITIAL_FORMS": "1", "breaks-0-id": kept.pk, "breaks-0-DELETE": "on"}
    client.force_login(advisor)
    assert client.post(edit_url(municipality), data).status_code == 302
    assert not SchoolBreak.objects.exists()


def test_members_read_it_and_only_advisors_see_the_edit_links(client, reader, advisor, municipality):
    make_school_calendar(municipality, breaks=[("autumn", D(2023, 10, 2), D(2023, 10, 6))])
    url = reverse("meetings:school_calendar_list", args=[municipality.pk])
    client.force_login(reader)
    page = client.get(url).content.decode()
    assert "Høstferie" in page and "2023/2024" in page
    assert edit_url(municipality) not in page
    client.force_login(advisor)
    assert edit_url(municipality) in client.get(url).content.decode()


def test_a_reader_may_not_edit_and_another_municipality_finds_nothing(client, reader, outsider, municipality):
    make_school_calendar(municipality)
    client.force_login(reader)
    assert client.get(edit_url(municipality)).status_code == 403
    assert client.post(edit_url(municipality), form_data()).status_code == 403
    client.force_login(outsider)
    assert client.get(edit_url(municipality)).status_code == 404
    assert client.get(reverse("meetings:school_calendar_list", args=[municipality.pk])).status_code == 404
    delete = reverse("meetings:school_calendar_delete", args=[municipality.pk, 2023])
    assert client.post(delete).status_code == 404
    assert SchoolCalendar.objects.filter(municipality=municipality).exists()


def test_a_year_out_of_range_or_without_a_calendar_to_delete_is_not_found(client, advisor, municipality):
    client.force_login(advisor)
    assert client.get(edit_url(municipality, 1850)).status_code == 404
    assert client.get(reverse("meetings:school_calendar_delete", args=[municipality.pk, 2023])).status_code == 404


def test_an_advisor_deletes_a_calendar_after_confirming(client, advisor, municipality):
    make_school_calendar(municipality, breaks=[("winter", D(2024, 2, 26), D(2024, 3, 1))])
    delete = reverse("meetings:school_calendar_delete", args=[municipality.pk, 2023])
    client.force_login(advisor)
    assert client.get(delete).status_code == 200
    assert SchoolCalendar.objects.exists()
    assert client.post(delete).status_code == 302
    assert not SchoolCalendar.objects.exists() and not SchoolBreak.objects.exists()


def test_school_days_leave_out_weekends_and_days_off():
    calendar = make_school_calendar(
        make_municipality(),
        first_day=D(2023, 8, 21),
        last_day=D(2023, 9, 1),
        breaks=[("planning", D(2023, 8, 25), None), ("other", D(2023, 8, 26), D(2023, 8, 28))],
    )
    calendar = SchoolCalendar.objects.of_year(calendar.municipality_id, 2023)
    assert calendar.school_days() == [D(2023, 8, d) for d in (21, 22, 23, 24, 29, 30, 31)] + [D(2023, 9, 1)]
    assert calendar.no_school_on(D(2023, 8, 25)) == "Planleggingsdag"
    assert calendar.no_school_on(D(2023, 8, 18)) == "Før første skoledag"
    assert calendar.no_school_on(D(2023, 8, 26)) == ""  # a Saturday: no school anyway
    assert calendar.no_school_on(D(2023, 8, 30)) == ""
