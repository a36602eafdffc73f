"""Start a plan three ways, change its settings, delete it."""

import re

import pytest
from django.urls import reverse

from routines.models import Membership, Municipality, Plan, Routine, Section, UnitRoutineText
from tests.support.factories import (
    make_actor,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_unit,
    make_unit_text,
)

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR


def new_plan(client, municipality, **fields):
    data = {
        "municipality": municipality.pk,
        "title": "KIBS handlingsplan",
        "subtitle": "",
        "school_year": 2024,
        "language": "nb",
        "start": "blank",
        **fields,
    }
    return client.post(reverse("documents:plan_create"), data)


@pytest.fixture
def advisor(client, municipality):
    user = make_member(ADVISOR, municipality)
    client.force_login(user)
    return user


def test_the_form_offers_the_advisors_municipality_only(client, municipality, advisor):
    make_municipality(name="Naboby kommune")
    response = client.get(reverse("documents:plan_create"))
    assert response.status_code == 200
    assert municipality.name in response.text
    assert "Naboby kommune" not in response.text
    assert response.text.count("<h1") == 1
    # The only municipality is chosen already, with no empty choice before it.
    options = re.findall(r"<option[^>]*>", response.text.split('name="municipality"')[1].split("</select>")[0])
    assert options == [f'<option value="{municipality.pk}" selected>']


def test_start_page_offers_a_new_plan_to_advisors_only(client, municipality, advisor):
    assert reverse("documents:plan_create") in client.get(reverse("documents:plan_list")).text
    client.force_login(make_member(Membership.Role.READER, municipality))
    assert reverse("documents:plan_create") not in client.get(reverse("documents:plan_list")).text
    assert client.get(reverse("documents:plan_create")).status_code == 403


def test_create_a_blank_plan(client, municipality, advisor):
    response = new_plan(client, municipality, subtitle="Handlingsplan 2024/2025")
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("documents:plan_detail", args=[plan.pk])
    assert (plan.municipality, plan.title, plan.subtitle, plan.school_year) == (
        municipality,
        "KIBS handlingsplan",
        "Handlingsplan 2024/2025",
        2024,
    )
    assert plan.status == Plan.Status.DRAFT
    assert not plan.sections.exists()


@pytest.mark.parametrize(
    "language, first_title, question_start",
    [("nb", "Eiers utviklingsgruppe", "Har vi en utviklingsgruppe"), ("nn", "Eigaren si utviklingsgruppe", "Har vi")],
)
def test_create_from_the_e16_template(client, municipality, advisor, language, first_title, question_start):
    new_plan(client, municipality, start="template", language=language)
    sections = list(Plan.objects.get().sections.all())
    assert len(sections) == 12
    assert sections[0].title == first_title
    assert sections[0].guiding_question.startswith(question_start)
    assert all(section.guiding_question and not section.body for section in sections)
    assert [section.position for section in sections] == list(range(12))


def test_create_as_a_copy_takes_every_part_along(client, municipality, advisor):
    source = make_plan(municipality, title="KIBS 2023/2024", school_year=2023, status=Plan.Status.APPROVED)
    actor = make_actor(source, name="PPD", duties=["Veileder", "Utreder"])
    make_section(source, title="Pedagogisk analyse", body="Vi bruker **analyse**.")
    make_milestone(source, number=1)
    routine = make_routine(source, scope=Routine.Scope.UNIT, responsible=actor, bti_levels=[0, 1])
    routine.milestones.add(source.milestones.get())
    make_unit_text(routine, make_unit(municipality), body="Vår egen rutine", status="done")

    response = new_plan(client, municipality, start="copy", copy_from=source.pk, title="KIBS 2024/2025")

    copy = Plan.objects.exclude(pk=source.pk).get()
    assert response.url == reverse("documents:plan_detail", args=[copy.pk])
    assert (copy.title, copy.school_year, copy.status) == ("KIBS 2024/2025", 2024, Plan.Status.DRAFT)
    copied_actor = copy.actors.get()
    assert [duty.text for duty in copied_actor.duties.all()] == ["Veileder", "Utreder"]
    assert copy.sections.get().body == "Vi bruker **analyse**."
    copied_routine = copy.routines.get()
    assert copied_routine.responsible == copied_actor
    assert copied_routine.bti_levels == [0, 1]
    assert [m.number for m in copied_routine.milestones.all()] == [1]
    assert copied_routine.unit_texts.get().body == "Vår egen rutine"
    assert source.routines.get().unit_texts.count() == 1  # the source is untouched


def test_a_copy_into_another_municipality_leaves_the_units_texts_behind(client, municipality):
    other = make_municipality()
    source = make_plan(other, title="Naboens plan")
    routine = make_routine(source, scope=Routine.Scope.UNIT)
    make_unit_text(routine, make_unit(other), body="Naboskolens tekst")
    user = make_member(ADVISOR, municipality)
    make_member(Membership.Role.READER, other, user=user)
    client.force_login(user)

    new_plan(client, municipality, start="copy", copy_from=source.pk)

    copy = Plan.objects.get(municipality=municipality)
    assert copy.routines.get().title == routine.title
    assert not UnitRoutineText.objects.filter(routine__plan=copy).exists()


def test_a_plan_breaking_the_plan_file_rules_is_refused_at_the_field(client, municipality, advisor):
    source = make_plan(municipality)
    # Stored before the check on identity numbers existed; the plan file refuses it.
    make_section(source, title="Gammel tekst", body="Eleven 15076500565")
    response = new_plan(client, municipality, start="copy", copy_from=source.pk, title="Kopien")
    assert response.status_code == 400
    assert 'id="error_1_id_copy_from"' in response.text and "fødselsnummer" in response.text
    assert Plan.objects.count() == 1


def test_a_plan_the_user_cannot_see_cannot_be_copied(client, municipality, advisor):
    hidden = make_plan(title="Hemmelig plan")
    response = new_plan(client, municipality, start="copy", copy_from=hidden.pk)
    assert response.status_code == 400
    assert "Hemmelig plan" not in response.text
    assert Plan.objects.count() == 1


def test_copy_without_choosing_a_plan_is_refused_at_the_field(client, municipality, advisor):
    response = new_plan(client, municipality, start="copy", title="Min nye plan")
    assert response.status_code == 400
    assert 'id="error_1_id_copy_from"' in response.text
    assert 'value="Min nye plan"' in response.text
    assert not Plan.objects.exists()


def test_bad_input_is_refused_with_errors_at_the_fields(client, municipality, advisor):
    response = new_plan(client, municipality, title="", school_year=1999, subtitle="Skrevet tekst")
    assert response.status_code == 400
    assert 'id="error_1_id_title"' in response.text
    assert 'id="error_1_id_school_year"' in response.text
    assert 'value="Skrevet tekst"' in response.text
    assert not Plan.objects.exists()


def test_an_advisor_cannot_create_a_plan_in_another_municipality(client, municipality, advisor):
    response = new_plan(client, make_municipality())
    assert response.status_code == 400
    assert 'id="error_1_id_municipality"' in response.text
    assert not Plan.objects.exists()


def test_create_needs_login(client):
    response = client.get(reverse("documents:plan_create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Settings


def settings_data(plan, **fields):
    return {
        "title": plan.title,
        "subtitle": plan.subtitle,
        "school_year": plan.school_year,
        "language": plan.language,
        "intro": plan.intro,
        "review_interval_months": plan.review_interval_months,
        "seen_version": plan.version,
        "municipality-vision": plan.municipality.vision,
        "municipality-seen_version": plan.municipality.version,
        **fields,
    }


def test_edit_settings_and_the_vision(client, municipality, advisor):
    plan = make_plan(municipality)
    url = reverse("documents:plan_edit", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        settings_data(
            plan,
            title="Ny tittel",
            status="approved",
            intro="Om **planen**",
            **{"municipality-vision": "Alle barn", "municipality-four_eyes_approval": "on"},
        ),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    # The status is not a setting: approving asks for the decision.
    assert (plan.title, plan.status, plan.intro) == ("Ny tittel", "draft", "Om **planen**")
    assert Municipality.objects.get().vision == "Alle barn"
    assert Municipality.objects.get().four_eyes_approval
    page = client.get(reverse("documents:plan_detail", args=[plan.pk])).text
    assert "Alle barn" in page and "<strong>planen</strong>" in page


def test_bad_settings_are_refused_at_the_field(client, municipality, advisor):
    plan = make_plan(municipality, title="Gammel tittel")
    response = client.post(
        reverse("documents:plan_edit", args=[plan.pk]), settings_data(plan, title="", intro="Min skrevne tekst")
    )
    assert response.status_code == 400
    assert 'id="error_1_id_title"' in response.text
    assert "Min skrevne tekst" in response.text
    plan.refresh_from_db()
    assert plan.title == "Gammel tittel"


def test_two_saves_of_the_settings_from_the_same_version(client, municipality, advisor):
    plan = make_plan(municipality, title="Start")
    url = reverse("documents:plan_edit", args=[plan.pk])
    first = settings_data(plan, title="Første lagring")
    second = settings_data(plan, title="Andre lagring")
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    assert "Første lagring" in response.text and "Andre lagring" in response.text
    plan.refresh_from_db()
    assert plan.title == "Første lagring"


def test_a_stale_vision_does_not_overwrite_a_newer_one(client, municipality, advisor):
    municipality.vision = "Gammel visjon"
    municipality.save()
    plan = make_plan(municipality)
    other_plan = make_plan(municipality)
    stale = settings_data(plan, **{"municipality-vision": "Min visjon"})
    fresh = settings_data(other_plan, **{"municipality-vision": "Kollegaens visjon"})
    assert client.post(reverse("documents:plan_edit", args=[other_plan.pk]), fresh).status_code == 302
    response = client.post(reverse("documents:plan_edit", args=[plan.pk]), stale)
    assert response.status_code == 409
    assert "Kollegaens visjon" in response.text and "Min visjon" in response.text
    assert Municipality.objects.get().vision == "Kollegaens visjon"


def test_a_vision_changed_meanwhile_is_not_touched_when_the_posted_text_is_the_stored_one(
    client, municipality, advisor
):
    plan = make_plan(municipality)
    form = settings_data(plan, title="Ny tittel", **{"municipality-vision": "Felles visjon"})
    municipality.vision = "Felles visjon"
    municipality.save()
    assert client.post(reverse("documents:plan_edit", args=[plan.pk]), form).status_code == 302
    assert Municipality.objects.get().version == municipality.version


def test_an_untouched_but_stale_vision_is_a_conflict_rather_than_an_overwrite(client, municipality, advisor):
    plan = make_plan(municipality)
    form = settings_data(plan, title="Ny tittel")
    municipality.vision = "Satt av en kollega"
    municipality.save()
    response = client.post(reverse("documents:plan_edit", args=[plan.pk]), form)
    assert response.status_code == 409
    assert "Satt av en kollega" in response.text
    assert Municipality.objects.get().vision == "Satt av en kollega"


def test_a_unit_leader_cannot_edit_settings(client, municipality):
    plan = make_plan(municipality)
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(municipality)))
    assert client.post(reverse("documents:plan_edit", args=[plan.pk]), settings_data(plan)).status_code == 403


# Delete


def test_delete_asks_first_and_says_what_goes_with_it(client, municipality, advisor):
    plan = make_plan(municipality)
    make_actor(plan, duties=["a", "b"])
    make_section(plan)
    url = reverse("documents:plan_delete", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert sorted(count for _name, count in page.context["related"]) == [1, 1, 2]  # actor, section, duties
    assert Plan.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("documents:plan_list")
    assert not Plan.objects.exists()
    assert not Section.objects.exists()
