"""Choosing the interface language: remembered by the browser, and for a signed-in user on their profile."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import Profile
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db


def html_lang(response):
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_bokmal_is_the_default(client):
    response = client.get("/accounts/login/")
    assert html_lang(response) == "nb"
    assert "Hopp til hovedinnholdet" in response.content.decode()


def test_the_switcher_is_a_labelled_form_on_every_page(client):
    page = client.get("/accounts/login/").content.decode()
    assert '<label class="text-white" for="language-choice">Språk</label>' in page
    assert 'action="/i18n/setlang/"' in page
    assert '<option value="nn" lang="nn">Norsk (nynorsk)</option>' in page


def test_the_choice_is_kept_in_a_lasting_cookie(client):
    response = client.post("/i18n/setlang/", {"language": "nn", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "nn"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    page = client.get("/accounts/login/")
    assert html_lang(page) == "nn"
    assert "Hopp til hovudinnhaldet" in page.content.decode()


def test_a_signed_in_users_choice_follows_them_to_another_browser(client):
    user = make_user()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "nn", "next": "/"})
    assert Profile.objects.get(user=user).language == "nn"

    elsewhere = Client()  # no language cookie
    elsewhere.post("/accounts/login/", {"username": user.username, "password": "kibs-test-password"})
    assert html_lang(elsewhere.get("/")) == "nn"


def test_a_signed_in_users_new_choice_wins_over_the_one_from_login(client):
    user = make_user()
    Profile.objects.create(user=user, language="nn")
    client.post("/accounts/login/", {"username": user.username, "password": "kibs-test-password"})
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert html_lang(client.get("/")) == "en"
    assert Profile.objects.get(user=user).language == "en"


def test_logging_in_sets_the_browsers_language_to_the_users_choice(client):
    user = make_user()
    Profile.objects.create(user=user, language="nn")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/accounts/login/", {"username": user.username, "password": "kibs-test-password"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nn"
    client.post("/accounts/logout/")
    assert html_lang(client.get("/accounts/login/")) == "nn"


def test_a_user_who_never_chose_keeps_the_browsers_language(client):
    user = make_user()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    response = client.post("/accounts/login/", {"username": user.username, "password": "kibs-test-password"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert html_lang(client.get("/")) == "nn"


def test_a_language_the_app_does_not_offer_is_not_stored(client):
    user = make_user()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert not Profile.objects.filter(user=user).exists()
    assert html_lang(client.get("/")) == "nb"


def test_the_switch_only_answers_post(client):
    assert client.get("/i18n/setlang/?language=nn").status_code == 405


def test_the_password_email_is_in_the_readers_language(client, mailoutbox):
    make_user(email="rektor@sortland.kommune.no")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    client.post("/accounts/password_reset/", {"email": "rektor@sortland.kommune.no"})
    (message,) = mailoutbox
    assert "Nokon har bede om eit nytt passord til KIBS-kontoen din" in message.body
    assert "Brukarnamnet ditt:" in message.body
