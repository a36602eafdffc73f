"""Log in and out, change and reset a password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.support.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "kibs-test-password"


def test_log_in_and_out(client):
    make_user(username="radgiver")
    response = client.post(reverse("login"), {"username": "radgiver", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("documents:home")
    assert client.get(reverse("documents:home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("documents:plan_list")).status_code == 302


def test_wrong_password_is_refused_and_the_username_kept(client):
    make_user(username="radgiver")
    response = client.post(reverse("login"), {"username": "radgiver", "password": "feil"})
    assert response.status_code == 200
    assert 'value="radgiver"' in response.text
    assert "_auth_user_id" not in client.session


def test_login_page_links_to_password_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).text


def test_change_password(client):
    user = make_user()
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert page.text.count("<h1") == 1
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Lek-og-laering-2024", "new_password2": "Lek-og-laering-2024"},
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    user.refresh_from_db()
    assert user.check_password("Lek-og-laering-2024")


def test_change_password_with_the_wrong_old_password_is_refused(client):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "feil", "new_password1": "Lek-og-laering-2024", "new_password2": "Lek-og-laering-2024"},
    )
    assert response.status_code == 200
    assert 'id="error_1_id_old_password"' in response.text  # the error sits at its field
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_password_needs_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_reset_password_by_email(client):
    user = make_user(email="radgiver@sortland.kommune.no")
    response = client.post(reverse("password_reset"), {"email": "radgiver@sortland.kommune.no"})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": "Tidlig-innsats-2024", "new_password2": "Tidlig-innsats-2024"}
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    user.refresh_from_db()
    assert user.check_password("Tidlig-innsats-2024")


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "ingen@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_used_reset_link_says_so(client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "feil-token"]))
    assert response.status_code == 200
    assert reverse("password_reset") in response.text
