"""Sections: the plan's own texts, each maybe the answer to a guiding question."""

import pytest
from django.urls import reverse

from routines.models import Membership, Section
from tests.support.factories import make_member, make_section, make_unit
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(client, plan):
    user = make_member(Membership.Role.ADVISOR, plan.municipality)
    client.force_login(user)
    return user


def titles(plan):
    return list(plan.sections.values_list("title", flat=True))


def test_add_a_section(client, plan, advisor):
    url = reverse("routines:section_create", args=[plan.pk])
    data = form_data(client.get(url), "title")
    data.update({"title": "Pedagogisk analyse", "body": "Vi bruker *analyse*."})
    assert client.post(url, data).status_code == 302
    section = Section.objects.get()
    assert (section.plan, section.title, section.body) == (plan, "Pedagogisk analyse", "Vi bruker *analyse*.")


def test_the_guiding_question_is_shown_above_the_text_while_answering(client, plan, advisor):
    section = make_section(plan, title="Tidsramme", guiding_question="Hvor lang tid setter vi av?")
    page = client.get(reverse("routines:section_edit", args=[section.pk])).text
    question = page.index('id="guiding-question"')
    assert "Hvor lang tid setter vi av?" in page[question:]
    assert question < page.index('name="body"')
    assert 'aria-describedby="guiding-question"' in page


def test_answer_a_guiding_question(client, plan, advisor):
    section = make_section(plan, title="Tidsramme", guiding_question="Hvor lang tid?")
    url = reverse("routines:section_edit", args=[section.pk])
    data = form_data(client.get(url), "body")
    data["body"] = "Ett skoleår, med **samlinger** hver måned."
    assert client.post(url, data).status_code == 302
    section.refresh_from_db()
    assert section.body == "Ett skoleår, med **samlinger** hver måned."
    assert section.guiding_question == "Hvor lang tid?"
    page = client.get(reverse("routines:section_list", args=[plan.pk])).text
    assert "<strong>samlinger</strong>" in page and "Hvor lang tid?" in page


def test_reorder_sections(client, plan, advisor):
    for title in ("A", "B", "C"):
        make_section(plan, title=title)
    c = plan.sections.get(title="C")
    client.post(reverse("routines:section_move", args=[c.pk]), {"direction": "up"})
    assert titles(plan) == ["A", "C", "B"]
    client.post(reverse("routines:section_move", args=[c.pk]), {"direction": "up"})
    assert titles(plan) == ["C", "A", "B"]


def test_bad_input_is_refused_at_the_field(client, plan, advisor):
    section = make_section(plan, title="Gammel", body="Gammel tekst")
    url = reverse("routines:section_edit", args=[section.pk])
    data = form_data(client.get(url), "title")
    data.update({"title": "", "body": "Min nye tekst som ikke må gå tapt"})
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'id="error_1_id_title"' in response.text
    assert "Min nye tekst som ikke må gå tapt" in response.text
    section.refresh_from_db()
    assert (section.title, section.body) == ("Gammel", "Gammel tekst")


def test_two_saves_from_the_same_version_the_second_is_refused(client, plan, advisor):
    section = make_section(plan, title="Tidsramme", body="Start")
    url = reverse("routines:section_edit", args=[section.pk])
    page = client.get(url)
    first, second = form_data(page, "body"), form_data(page, "body")
    first["body"] = "Kollegaens tekst"
    second["body"] = "Min tekst"
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    assert "Kollegaens tekst" in response.text and "Min tekst" in response.text
    section.refresh_from_db()
    assert section.body == "Kollegaens tekst"


def test_delete_a_section(client, plan, advisor):
    section = make_section(plan)
    url = reverse("routines:section_delete", args=[section.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Section.objects.exists()


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[lenke](javascript:alert(1))"]
)
def test_stored_script_is_rendered_inert(client, plan, advisor, text):
    make_section(plan, title="<script>alert('tittel')</script>", body=text, guiding_question=text)
    page = client.get(reverse("routines:section_list", args=[plan.pk])).text
    assert "<script>alert" not in page
    assert "<img" not in page
    assert 'href="javascript:' not in page


def test_a_unit_leader_cannot_edit_sections(client, plan):
    section = make_section(plan, body="Fast tekst")
    client.force_login(make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality)))
    assert client.get(reverse("routines:section_list", args=[plan.pk])).status_code == 200
    assert client.post(reverse("routines:section_edit", args=[section.pk]), {"title": "X"}).status_code == 403
    assert client.post(reverse("routines:section_move", args=[section.pk]), {"direction": "up"}).status_code == 403
    section.refresh_from_db()
    assert section.body == "Fast tekst"


def test_place_a_part_of_the_plan_under_a_chapter(client, plan, advisor):
    section = make_section(plan, title="Milepæler og aktører i fokus")
    url = reverse("routines:section_edit", args=[section.pk])
    data = form_data(client.get(url), "body")
    data.update(level="2", part="milestones")
    assert client.post(url, data).status_code == 302
    section.refresh_from_db()
    assert (section.level, section.part) == (2, "milestones")


def test_a_part_has_one_place_in_the_plan(client, plan, advisor):
    make_section(plan, title="Milepæler", part="milestones")
    other = make_section(plan, title="Mål", body="Våre mål.")
    url = reverse("routines:section_edit", args=[other.pk])
    data = form_data(client.get(url), "body")
    data.update(part="milestones", body="Nye mål.")
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Denne delen vises allerede i «Milepæler»." in response.text
    assert "Nye mål." in response.text  # nothing typed is lost
    other.refresh_from_db()
    assert (other.part, other.body) == ("", "Våre mål.")


def test_an_unknown_level_or_part_is_an_error_next_to_the_field(client, plan, advisor):
    section = make_section(plan, title="Mål")
    url = reverse("routines:section_edit", args=[section.pk])
    data = form_data(client.get(url), "body")
    data.update(level="7", part="<script>")
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.text.count("is-invalid") >= 2
