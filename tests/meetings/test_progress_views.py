"""The progress plan month by month, its filters, and the year wheel."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from meetings.progress import EntryFilterForm, filtered_entries, months_of, plan_entries
from meetings.wheel import group_styles, render_year_wheel_svg
from routines.models import Membership
from tests.support.factories import make_entry, make_member, make_municipality, make_target_group, make_unit, make_user
from tests.support.year_plan import KINDERGARTEN, SCHOOL, make_year_plan

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def shown(plan, **query):
    form, entries = filtered_entries(plan, {key: str(value) for key, value in query.items()})
    assert not form.errors, form.errors
    return {entry.pk for entry in entries}


def pks(*entries):
    return {entry.pk for entry in entries}


@pytest.fixture
def year():
    return make_year_plan()


@pytest.fixture
def reader_client(client, year):
    client.force_login(make_member(Membership.Role.READER, year.plan.municipality))
    return client


def test_no_filter_shows_every_entry(year):
    assert shown(year.plan) == pks(*year.all)


def test_filter_by_target_group(year):
    assert shown(year.plan, target_group=year.sut_bug.pk) == pks(year.sut_meeting, year.bug_meeting)


def test_filter_by_arena(year):
    assert shown(year.plan, arena=year.sut.pk) == pks(year.sut_meeting)


def test_filter_by_milestone_counts_entries_serving_all_milestones(year):
    assert shown(year.plan, milestone=year.milestones[4].pk) == pks(
        year.fagdag,
        year.skoleledermote,
        year.styrermote,
        year.bti_period,
        year.sut_meeting,
        year.bug_meeting,
        year.skut_samling,
    )


def test_filter_by_unit_kind(year):
    # Every-unit periods concern all kinds unless narrowed (the national tests concern schools only);
    # SKUT is an arena in every school; a target group without kinds (Foresatte) concerns all.
    assert shown(year.plan, unit_kind=KINDERGARTEN) == pks(
        year.fagdag,
        year.styrermote,
        year.bti_period,
        year.sut_meeting,
        year.bug_meeting,
        year.ledersamling,
        year.fau,
        year.juni,
    )
    assert shown(year.plan, unit_kind="ppt") == pks(year.bti_period, year.fau)


def test_filter_by_unit_uses_the_units_kind(year):
    kindergarten = make_unit(year.plan.municipality, kind=KINDERGARTEN)
    assert shown(year.plan, unit=kindergarten.pk) == shown(year.plan, unit_kind=KINDERGARTEN)


def test_filters_combine(year):
    assert shown(year.plan, unit_kind=SCHOOL, target_group=year.kindergarten_leaders.pk) == pks(
        year.ledersamling, year.juni
    )
    assert shown(year.plan, arena=year.skut.pk, milestone=year.milestones[2].pk) == pks(year.skut_samling)
    assert shown(year.plan, arena=year.skut.pk, unit_kind=KINDERGARTEN) == set()


def test_another_plans_target_group_is_not_a_valid_filter(year):
    other = make_target_group()
    form = EntryFilterForm(year.plan, {"target_group": str(other.pk)})
    assert not form.is_valid()


def test_months_run_august_to_june_and_periods_appear_in_every_month_they_touch(year):
    months = months_of(year.plan, list(plan_entries(year.plan)))
    assert [month.first_day for month in months][0] == datetime.date(2023, 8, 1)
    assert [month.first_day for month in months][-1] == datetime.date(2024, 6, 1)
    assert len(months) == 11
    by_month = {month.first_day.month: [row.entry for row in month.rows] for month in months}
    assert year.bti_period in by_month[9] and year.bti_period in by_month[10] and year.bti_period in by_month[11]
    assert year.bti_period not in by_month[12]
    assert by_month[9] == [year.bti_period, year.sut_meeting, year.bug_meeting, year.ledersamling]
    assert by_month[10][:3] == [year.bti_period, year.np_period, year.skut_samling]
    october = next(month for month in months if month.first_day.month == 10)
    assert october.rows[0].continued and not october.rows[1].continued


def test_an_entry_in_july_adds_july(year):
    make_entry(year.plan, starts_on=datetime.date(2024, 7, 2))
    months = months_of(year.plan, list(plan_entries(year.plan)))
    assert months[-1].first_day == datetime.date(2024, 7, 1)


def test_month_view_shows_the_weekday_from_the_date(reader_client, year):
    response = reader_client.get(reverse("meetings:progress_months", args=[year.plan.pk]))
    assert response.status_code == 200
    text = response.text
    assert "Mandag 14." in text  # 14 August 2023
    # The seed typed «Tirs. 26.» for 26 October 2023; the date says Thursday.
    assert "Torsdag 26." in text
    assert "Torsdag 14. – fredag 15." in text  # a two-day gathering
    assert "Tirsdag 26." not in text
    assert "I løpet av september–november" in text
    assert text.count("<h1") == 1


def test_month_view_filter_is_in_the_url(reader_client, year):
    url = reverse("meetings:progress_months", args=[year.plan.pk])
    response = reader_client.get(url, {"target_group": year.sut_bug.pk})
    assert response.status_code == 200
    text = response.text
    assert "Barnehagenes utviklingsgruppe" in text  # the BUG meeting's arena
    assert "Skoleledermøte" not in text
    assert f'<option value="{year.sut_bug.pk}" selected>' in text
    assert f"?target_group={year.sut_bug.pk}" in text  # the wheel link keeps the filter


def test_month_view_selects_are_labelled(reader_client, year):
    text = reader_client.get(reverse("meetings:progress_months", args=[year.plan.pk])).text
    for name in ["target_group", "arena", "milestone", "unit_kind", "unit"]:
        assert re.search(rf'<label\s+for="id_{name}"', text), name


def test_month_view_bad_filter_is_400(reader_client, year):
    response = reader_client.get(reverse("meetings:progress_months", args=[year.plan.pk]), {"arena": "nonsense"})
    assert response.status_code == 400
    assert "Skoleledermøte" not in response.text


def test_month_view_needs_login(client, year):
    response = client.get(reverse("meetings:progress_months", args=[year.plan.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_month_view_of_another_municipality_is_404(client, year):
    client.force_login(make_member(Membership.Role.ADVISOR, make_municipality()))
    assert client.get(reverse("meetings:progress_months", args=[year.plan.pk])).status_code == 404
    client.force_login(make_user())
    assert client.get(reverse("meetings:year_wheel", args=[year.plan.pk])).status_code == 404


def marks(svg):
    root = ET.fromstring(svg)
    return root, [g for g in root.iter(f"{SVG}g") if "entry-mark" in g.get("class", "").split()]


def test_wheel_has_one_named_mark_per_entry_and_a_text_legend(year):
    svg = render_year_wheel_svg(year.plan)
    root, found = marks(svg)
    assert len(found) == len(year.all)
    assert {int(g.get("data-entry")) for g in found} == pks(*year.all)
    for g in found:
        title = g.find(f"{SVG}title")
        assert title is not None and title.text.strip()
    assert root.get("role") == "img"
    assert year.plan.title in root.find(f"{SVG}title").text
    legend = " ".join(text.text or "" for text in root.iter(f"{SVG}text"))
    for group in [year.staff, year.school_leaders, year.kindergarten_leaders, year.sut_bug, year.parents]:
        assert group.name in legend
    # Entries without a target group have their own ring, named in the legend too.
    assert len([g for g in found if "period" in g.get("class")]) == 3


def test_wheel_mark_names_the_date_kind_and_content(year):
    _root, found = marks(render_year_wheel_svg(year.plan))
    names = {int(g.get("data-entry")): g.find(f"{SVG}title").text for g in found}
    assert names[year.fagdag.pk].startswith("Mandag 14. august 2023: Kurs/samling: Halv fagdag for alle lærere")
    assert names[year.bti_period.pk].startswith("I løpet av september–november: Oppgave i perioden: BTI")
    assert "Kompetansetiltak for ansatte" in names[year.fagdag.pk]


def test_wheel_styles_never_rely_on_colour_alone():
    groups = [make_target_group() for _n in range(10)]
    styles = group_styles(groups).values()
    # Shape, dash and fill tell every group apart in black and white; the legend names them.
    assert len({(style.shape, style.dash, style.hollow) for style in styles}) == len(groups)


def test_wheel_page_has_the_wheel_and_its_text_alternative(reader_client, year):
    response = reader_client.get(reverse("meetings:year_wheel", args=[year.plan.pk]), {"target_group": year.sut_bug.pk})
    assert response.status_code == 200
    text = response.text
    assert text.count('class="entry-mark') == 2
    assert "year-wheel-text" in text and "progress-month" not in text  # what the wheel marks, not the whole list
    assert f"year-wheel.svg?target_group={year.sut_bug.pk}" in text


def test_wheel_marks_on_the_page_lead_to_their_entries_and_the_list_does_too(reader_client, year):
    text = reader_client.get(reverse("meetings:year_wheel", args=[year.plan.pk])).text
    months = reverse("meetings:progress_months", args=[year.plan.pk])
    svg = text[text.index("<svg") : text.index("</svg>") + 6]
    root = ET.fromstring(svg)
    links = [a for a in root.iter(f"{SVG}a") if "entry-mark" in a.get("class", "")]
    assert root.get("role") == "group" and len(links) == len(year.all)
    assert {a.get("href") for a in links} == {f"{months}#entry-{entry.pk}" for entry in year.all}
    assert all(a.get("aria-label") == a.find(f"{SVG}title").text for a in links)
    listed = text[text.index('class="year-wheel-text"') :]
    assert listed.count(f'href="{months}#entry-') >= len(year.all)
    # A downloaded wheel is a picture on its own, without links.
    download = reader_client.get(reverse("meetings:year_wheel_svg", args=[year.plan.pk])).content
    assert b"<a " not in download and ET.fromstring(download).get("role") == "img"


def test_wheel_page_bad_filter_is_400(reader_client, year):
    assert reader_client.get(reverse("meetings:year_wheel", args=[year.plan.pk]), {"milestone": "x"}).status_code == 400
    assert reader_client.get(reverse("meetings:year_wheel_svg", args=[year.plan.pk]), {"unit": "0"}).status_code == 400


def test_wheel_download(reader_client, year):
    response = reader_client.get(reverse("meetings:year_wheel_svg", args=[year.plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"].startswith("attachment;")
    assert len(marks(response.content)[1]) == len(year.all)


def test_wheel_download_needs_login_and_tenancy(client, year):
    url = reverse("meetings:year_wheel_svg", args=[year.plan.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_member(Membership.Role.ADVISOR, make_municipality()))
    assert client.get(url).status_code == 404


def test_plan_page_shows_the_wheel(reader_client, year):
    text = reader_client.get(reverse("documents:plan_detail", args=[year.plan.pk])).text
    assert text.count('class="entry-mark') == len(year.all)
    assert "<details>" in text


def test_wheel_escapes_the_plans_text(year):
    make_entry(year.plan, content='<script>alert("x")</script> & co')
    svg = render_year_wheel_svg(year.plan)
    assert "<script>" not in svg
    ET.fromstring(svg)  # still well-formed XML


def grow(year, count):
    for day in range(count):
        entry = make_entry(year.plan, starts_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=day))
        entry.target_groups.set([year.parents, year.staff])
        entry.milestones.set([year.milestones[1]])


@pytest.mark.parametrize(
    "name, query",
    [
        ("meetings:progress_months", {}),
        ("meetings:progress_months", {"unit_kind": SCHOOL}),
        ("meetings:year_wheel", {}),
        ("meetings:year_wheel_svg", {}),
        ("documents:plan_detail", {}),
    ],
)
def test_query_count_does_not_grow_with_entries(reader_client, year, django_assert_max_num_queries, name, query):
    url = reverse(name, args=[year.plan.pk])
    with django_assert_max_num_queries(15) as before:
        reader_client.get(url, query)
    grow(year, 40)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = reader_client.get(url, query)
    assert response.status_code == 200
