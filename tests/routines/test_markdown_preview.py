"""The live preview of a Markdown field: the server's own sanitised rendering, for people who write."""

import json
import re

import pytest
from django.urls import reverse

from routines.models import Membership
from routines.views.formatting import PREVIEW_MAX_LENGTH
from tests.support.factories import make_member, make_plan, make_region, make_routine, make_unit, make_user

pytestmark = pytest.mark.django_db
URL = reverse("routines:markdown_preview")


@pytest.fixture
def plan():
    return make_plan()


def test_an_advisor_sees_the_text_as_the_page_will_show_it(client, plan):
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    response = client.post(URL, {"text": "**Fet** og *kursiv*\n\n- ett\n- to\n\n[Udir](https://www.udir.no)"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.text
    assert "<strong>Fet</strong>" in html and "<em>kursiv</em>" in html
    assert "<li>ett</li>" in html
    assert '<a href="https://www.udir.no" rel="noopener noreferrer">Udir</a>' in html


def test_the_preview_is_sanitised_like_the_saved_text(client, plan):
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    html = client.post(
        URL, {"text": '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="a()">'}
    ).text
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html


@pytest.mark.parametrize("role", [Membership.Role.UNIT_LEADER, Membership.Role.COORDINATOR])
def test_unit_leaders_and_coordinators_write_too(client, plan, role):
    if role == Membership.Role.UNIT_LEADER:
        user = make_member(role, unit=make_unit(plan.municipality))
    else:
        user = make_member(role, municipality=None, region=make_region())
    client.force_login(user)
    assert client.post(URL, {"text": "*ja*"}).text == "<p><em>ja</em></p>\n"


@pytest.mark.parametrize("data", [{}, {"text": "x" * (PREVIEW_MAX_LENGTH + 1)}])
def test_no_text_or_too_much_is_refused(client, plan, data):
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    assert client.post(URL, data).status_code == 400


def test_the_preview_is_asked_for_with_post_only(client, plan):
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    assert client.get(URL, {"text": "*x*"}).status_code == 405


@pytest.mark.parametrize("role", [Membership.Role.READER, Membership.Role.APPROVER])
def test_people_who_write_nothing_get_no_preview(client, plan, role):
    client.force_login(make_member(role, plan.municipality))
    assert client.post(URL, {"text": "*x*"}).status_code == 403


def test_people_without_a_role_get_no_preview(client):
    client.force_login(make_user())
    assert client.post(URL, {"text": "*x*"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(URL, {"text": "*x*"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_preview_needs_the_csrf_token(plan):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    assert client.post(URL, {"text": "*x*"}).status_code == 403


def test_markdown_fields_carry_the_toolbar_and_preview_settings_in_the_interface_language(client, plan):
    routine = make_routine(plan)
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    client.cookies["django_language"] = "nn"
    page = client.get(reverse("routines:routine_edit", args=[routine.pk])).text
    textareas = re.findall(r"<textarea[^>]*>", page)
    settings = [re.search(r'data-markdown="([^"]*)"', area) for area in textareas]
    body = next(json.loads(found[1].replace("&quot;", '"')) for found in settings if found)
    assert body["preview_url"] == URL
    assert (body["bold"], body["bullets"], body["link"]) == ("Feit", "Punktliste", "Lenkje")
    assert 'name="body"' in next(area for area in textareas if "data-markdown" in area)
