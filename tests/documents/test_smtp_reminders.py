"""A reminder sent through a real SMTP server on localhost (aiosmtpd, in-process), and read back as it arrived."""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from documents import reminders
from routines.models import Plan
from tests.support.factories import make_member, make_routine, make_user

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []
        self.raw = []

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.content)
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default))
        )
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port},
        }
    }
    settings.SITE_URL = "https://kibs.example.no"
    yield inbox
    controller.stop()


def test_a_review_reminder_arrives_through_smtp_with_both_parts_and_the_unsubscribe_headers(smtp, plan):
    owner = make_user(email="eier@kommune.no")
    make_member("advisor", municipality=plan.municipality, user=owner)
    make_routine(plan, title="Rutine for overgang", review_owner=owner, reviewed_on=datetime.date(2025, 1, 5))
    Plan.objects.filter(pk=plan.pk).update(reviewed_on=datetime.date.today())
    assert reminders.review_reminders(datetime.date.today()) == 1
    ((recipients, message),) = smtp.messages
    assert recipients == ["eier@kommune.no"]
    assert message["Subject"] == "KIBS: gjennomgang forfalt"
    assert message["List-Unsubscribe"].startswith("<https://kibs.example.no/accounts/unsubscribe/")
    # One plain line, as mail programs read it: no encoded words.
    assert b"\r\nList-Unsubscribe: <https://kibs.example.no/accounts/unsubscribe/" in smtp.raw[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "«Rutine for overgang»" in text and "«Rutine for overgang»" in html
    assert '<html lang="nb">' in html
