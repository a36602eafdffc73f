"""A plan that covers several school years: its plan period, its yearly action plan, and years written once."""

import pytest
from django.urls import reverse
from django.utils import translation

from documents import pdf
from documents.planfile import PlanFileError, plan_from_dict, plan_to_dict
from documents.services import start_next_year, start_revision
from ops import dates
from routines.models import Membership, Plan
from tests.support.factories import make_member, make_plan
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("title", "period", "years"),
    [
        ("KIBS-plan", None, "2023/2024"),
        ("KIBS-plan 2023/2024", None, ""),
        ("Kompetanseplan", (2022, 2025), "2022–2025, action plan 2023/2024"),
        ("Kompetanseplan 2022–2025", (2022, 2025), "action plan 2023/2024"),
        ("Kompetanseplan 2022-2025", (2022, 2025), "action plan 2023/2024"),
        ("Kompetanseplan 2022 – 2025, handlingsplan 2023/2024", (2022, 2025), ""),
    ],
)
def test_the_years_after_a_title_are_never_written_twice(title, period, years):
    assert dates.plan_years(2023, period, title) == years


def test_in_norwegian():
    with translation.override("nb"):
        assert dates.plan_years(2024, (2023, 2027)) == "2023–2027, handlingsplan 2024/2025"
        assert dates.plan_years_described(2024, (2023, 2027)) == (
            "Planperiode 2023–2027 · Handlingsplan for skoleåret 2024/2025"
        )
        assert dates.plan_years_described(2024) == "Skoleår 2024/2025"


def test_a_plan_names_itself_with_its_period_and_action_plan():
    plan = make_plan(title="Kompetanseplan 2022–2025", school_year=2023, period_first_year=2022, period_last_year=2025)
    assert str(plan) == plan.full_title == "Kompetanseplan 2022–2025 action plan 2023/2024"
    assert plan.years_described == "Plan period 2022–2025 · Action plan for the school year 2023/2024"
    single = make_plan(title="KIBS", school_year=2023)
    assert (single.full_title, single.period, single.period_label) == ("KIBS 2023/2024", None, "")


def settings_url(plan):
    return reverse("documents:plan_edit", args=[plan.pk])


def test_an_advisor_sets_the_plan_period_and_every_page_shows_it(client, plan, advisor):
    client.force_login(advisor)
    data = form_data(client.get(settings_url(plan)), "title")
    data.update(title="Oppvekstplan", school_year="2024", period_first_year="2023", period_last_year="2027")
    assert client.post(settings_url(plan), data).status_code == 302
    plan.refresh_from_db()
    assert plan.period == (2023, 2027)
    page = client.get(reverse("documents:plan_detail", args=[plan.pk])).text
    assert "Plan period 2023–2027 · Action plan for the school year 2024/2025" in page
    assert "– 2023–2027, action plan 2024/2025 ·" in client.get(reverse("documents:plan_list")).text
    html = pdf.render_plan_html(pdf.load_plan(plan.pk))  # in the plan's own language
    assert "Planperiode 2023–2027 · Handlingsplan for skoleåret 2024/2025" in html
    assert "<title>Oppvekstplan 2023–2027, handlingsplan 2024/2025 –" in html


@pytest.mark.parametrize(
    ("period", "field", "message"),
    [
        (("2027", "2023"), "period_last_year", "The plan period ends before it begins."),
        (("2023", ""), "period_last_year", "Give both the first and the last year of the plan period."),
        (("", "2027"), "period_first_year", "Give both the first and the last year of the plan period."),
        (("2025", "2027"), "school_year", "must lie within the plan period 2025–2027"),
        (("2010", "2030"), "period_last_year", "at most 10 years"),
        (("２０２３", "2027"), "period_first_year", "Enter a whole number."),
    ],
)
def test_a_period_that_does_not_fit_is_explained_next_to_its_field(client, plan, advisor, period, field, message):
    client.force_login(advisor)
    data = form_data(client.get(settings_url(plan)), "title")
    data.update(title="Ny tittel", school_year="2024", period_first_year=period[0], period_last_year=period[1])
    response = client.post(settings_url(plan), data)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert 'value="Ny tittel"' in response.text
    plan.refresh_from_db()
    assert plan.period is None and plan.title != "Ny tittel"


def test_the_period_settings_are_for_the_municipalitys_advisors_only(client, plan, reader, outsider):
    client.force_login(reader)
    assert client.post(settings_url(plan), {"period_first_year": "2023", "period_last_year": "2027"}).status_code == 403
    client.force_login(outsider)
    assert client.post(settings_url(plan), {"period_first_year": "2023", "period_last_year": "2027"}).status_code == 404
    plan.refresh_from_db()
    assert plan.period is None


def test_the_plan_file_carries_the_period_and_refuses_one_that_does_not_fit(plan):
    Plan.objects.filter(pk=plan.pk).update(school_year=2024, period_first_year=2023, period_last_year=2027)
    plan.refresh_from_db()
    data = plan_to_dict(plan)
    assert data["period"] == {"first": 2023, "last": 2027}
    copy = plan_from_dict(plan.municipality, data, title="Kopi")
    assert (copy.period, copy.school_year) == ((2023, 2027), 2024)
    assert "period" not in plan_to_dict(make_plan(plan.municipality, title="Ettårig"))
    with pytest.raises(PlanFileError) as refused:
        plan_from_dict(plan.municipality, {**data, "school_year": 2030}, title="Utenfor")
    assert [problem.path for problem in refused.value.problems] == ["$.school_year"]
    with pytest.raises(PlanFileError) as refused:
        plan_from_dict(plan.municipality, {**data, "period": {"first": 2027, "last": 2023}}, title="Baklengs")
    assert [problem.path for problem in refused.value.problems] == ["$.period"]


def test_next_years_action_plan_keeps_the_period_until_it_ends(plan):
    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    Plan.objects.filter(pk=plan.pk).update(school_year=2025, period_first_year=2023, period_last_year=2026)
    plan.refresh_from_db()
    next_year = start_next_year(plan, advisor)
    assert (next_year.school_year, next_year.period) == (2026, (2023, 2026))
    after_the_period = start_next_year(next_year, advisor)
    assert (after_the_period.school_year, after_the_period.period) == (2027, None)


def test_a_revision_keeps_the_period(plan):
    from documents.services import approve_plan

    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    Plan.objects.filter(pk=plan.pk).update(period_first_year=2023, period_last_year=2026)
    plan.refresh_from_db()
    approve_plan(plan, advisor)
    assert start_revision(plan, advisor).period == (2023, 2026)
