"""The profile page: a person writes their own first and last name, shown wherever KIBS names them."""

import pytest
from django.urls import reverse

from routines.models import Membership
from tests.support.factories import make_member

pytestmark = pytest.mark.django_db


def test_a_person_names_themselves_and_the_menu_shows_the_name(client, advisor):
    client.force_login(advisor)
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200
    assert 'autocomplete="given-name"' in page.content.decode()

    response = client.post(reverse("accounts:profile"), {"first_name": "Kari", "last_name": "Nordmann"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:profile")
    assert "Navnet ditt er lagret." in response.content.decode()
    advisor.refresh_from_db()
    assert (advisor.first_name, advisor.last_name) == ("Kari", "Nordmann")
    assert "Kari Nordmann" in client.get(reverse("documents:plan_list")).content.decode()


def test_without_a_name_the_user_name_is_shown(client, advisor):
    client.force_login(advisor)
    assert advisor.username in client.get(reverse("documents:plan_list")).content.decode()


def test_a_name_too_long_is_refused_next_to_the_field_and_nothing_is_saved(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("accounts:profile"), {"first_name": "K" * 200, "last_name": "Nordmann"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    advisor.refresh_from_db()
    assert advisor.last_name == ""


def test_each_person_edits_only_their_own_name(client, advisor, municipality):
    other = make_member(Membership.Role.READER, municipality)
    client.force_login(other)
    client.post(reverse("accounts:profile"), {"first_name": "Ola", "last_name": "Leser"})
    advisor.refresh_from_db()
    other.refresh_from_db()
    assert advisor.first_name == "" and other.first_name == "Ola"


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
