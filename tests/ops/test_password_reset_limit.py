"""Password reset is rate-limited per address and per e-mail, and never says more than before."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.support.factories import make_user

pytestmark = pytest.mark.django_db


def ask(email, address):
    return Client().post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def same_answer(response):
    return response.status_code, response.get("Location")


def test_the_mails_to_one_address_stop_at_the_limit_and_the_answer_stays_the_same():
    make_user(email="radgiver@sortland.kommune.no")
    first = ask("radgiver@sortland.kommune.no", "192.0.2.7")
    answers = [ask("Radgiver@Sortland.kommune.no", f"192.0.2.{n}") for n in range(10, 20)]
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    assert {same_answer(answer) for answer in answers} == {same_answer(first)}


def test_one_address_can_ask_only_so_often_for_any_e_mail():
    for n in range(30):
        make_user(email=f"ansatt{n}@sortland.kommune.no")
    first = ask("ansatt0@sortland.kommune.no", "192.0.2.7")
    answers = [ask(f"ansatt{n}@sortland.kommune.no", "192.0.2.7") for n in range(1, 30)]
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    assert {same_answer(answer) for answer in answers} == {same_answer(first)}
    # Another address is not affected.
    ask("ansatt29@sortland.kommune.no", "192.0.2.8")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS + 1


def test_known_and_unknown_e_mails_get_the_same_answer_within_and_beyond_the_limit():
    make_user(email="radgiver@sortland.kommune.no")
    known = [ask("radgiver@sortland.kommune.no", "192.0.2.7") for _ in range(6)]
    unknown = [ask("ingen@sortland.kommune.no", "192.0.2.8") for _ in range(6)]
    assert {same_answer(answer) for answer in known + unknown} == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_the_limit_is_logged_without_the_e_mail(caplog):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 1):
        ask("ingen@sortland.kommune.no", "192.0.2.7")
    throttled = [record for record in caplog.records if record.getMessage() == "password_reset_throttled"]
    assert len(throttled) == 1
    assert throttled[0].ip == "192.0.2.7"
    assert "ingen@" not in caplog.text
