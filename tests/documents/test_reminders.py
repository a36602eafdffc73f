"""The e-mails: weekly digest, deadline and review reminders, new-version notices; switches and unsubscribe.

Today is fixed at Monday 2 March 2026. Sent through Django's locmem outbox;
test_smtp_reminders.py sends through a real SMTP server.
"""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.email import unsubscribe_token
from accounts.models import EmailOptOut, Profile, SentEmail
from documents import reminders
from documents.services import approve_plan, start_revision
from routines.models import Membership, Plan
from tests.support.factories import make_entry, make_member, make_routine, make_unit, make_user

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 6, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def fixed_today(settings):
    settings.SITE_URL = "https://kibs.example.no"
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(municipality):
    plan = Plan.objects.create(municipality=municipality, title="KIBS handlingsplan", school_year=2025)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, approved_at=timezone.now())
    plan.refresh_from_db()
    return plan


def person(role="advisor", language=None, **where):
    user = make_user(email=f"{role}-{make_user().pk}@kommune.no", first_name="Kari")
    make_member(role, user=user, **where)
    if language:
        Profile.objects.create(user=user, language=language)
    return user


def html_part(message):
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return content


def assert_unsubscribe_headers(message, user, kind):
    url = f"https://kibs.example.no{reverse('accounts:unsubscribe', args=[unsubscribe_token(user, kind)])}"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body and url in html_part(message)


# Review reminders


def test_the_owner_is_reminded_of_a_review_near_and_again_when_it_has_passed(plan):
    owner = person(municipality=plan.municipality, language="nn")
    routine = make_routine(
        plan, title="Rutine for overgang", review_owner=owner, reviewed_on=datetime.date(2025, 3, 20)
    )
    assert reminders.review_reminders(TODAY) == 1
    (message,) = mail.outbox
    assert message.to == [owner.email] and message.subject == "KIBS: gjennomgang snart"
    assert "Rutina «Rutine for overgang»: gjennomgangen skal skje 20. mars 2026." in message.body
    link = f"https://kibs.example.no{reverse('routines:routine_detail', args=[routine.pk])}"
    assert link in message.body and f'href="{link}"' in html_part(message)
    assert message.extra_headers["Content-Language"] == "nn"
    assert_unsubscribe_headers(message, owner, "review")
    # The next day's run sends nothing new; once the date has passed, the overdue reminder goes.
    assert reminders.review_reminders(TODAY + datetime.timedelta(days=1)) == 0
    assert reminders.review_reminders(datetime.date(2026, 3, 21)) == 1
    assert mail.outbox[-1].subject == "KIBS: gjennomgang forfallen"


def test_without_a_named_owner_the_advisors_are_reminded_and_a_year_later_the_reviews_are_overdue(plan):
    advisor = person(municipality=plan.municipality)
    person("reader", municipality=plan.municipality)
    make_routine(plan, title="Rutine for bekymring")
    assert reminders.review_reminders(TODAY) == 0
    a_year_on = TODAY + datetime.timedelta(days=366)
    with time_machine.travel(NOW + datetime.timedelta(days=366), tick=False):
        # The plan as a whole and its routine, both overdue, to the one advisor.
        assert reminders.review_reminders(a_year_on) == 2
    assert {message.to[0] for message in mail.outbox} == {advisor.email}
    assert all(message.subject == "KIBS: gjennomgang forfalt" for message in mail.outbox)
    assert any("«Rutine for bekymring»: gjennomgangen skulle vært gjort" in message.body for message in mail.outbox)


# Opting out


def test_one_click_unsubscribe_without_login_stops_that_kind_only(plan):
    owner = person(municipality=plan.municipality)
    make_routine(plan, review_owner=owner, reviewed_on=datetime.date(2025, 3, 20))
    url = reverse("accounts:unsubscribe", args=[unsubscribe_token(owner, "review")])
    browser = Client(enforce_csrf_checks=True)
    assert "Meld av" in browser.get(url).content.decode()
    assert not EmailOptOut.objects.exists()
    response = browser.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and EmailOptOut.objects.filter(user=owner, kind="review").exists()
    assert reminders.review_reminders(TODAY) == 0
    assert not mail.outbox


def test_a_bad_unsubscribe_token_is_a_clear_400(client):
    response = client.post(reverse("accounts:unsubscribe", args=["not-a-token"]))
    assert response.status_code == 400 and "ikke gyldig" in response.content.decode()
    assert not EmailOptOut.objects.exists()


def test_the_switches_on_the_profile(client, plan):
    user = person(municipality=plan.municipality)
    url = reverse("accounts:email_settings")
    assert client.get(url).status_code == 302
    client.force_login(user)
    page = client.get(url).content.decode()
    assert "Ukentlig oversikt" in page and "Påminnelse om gjennomgang" in page
    assert client.post(url, {"digest": "on", "deadline": "on", "new_version": "on"}).status_code == 302
    assert list(EmailOptOut.objects.values_list("kind", flat=True)) == ["review"]
    client.post(url, {"digest": "on", "deadline": "on", "new_version": "on", "review": "on"})
    assert not EmailOptOut.objects.exists()


# The weekly digest


def test_the_digest_tells_the_unit_leader_the_coming_two_weeks_and_what_is_open(plan):
    unit = make_unit(plan.municipality, name="Lia skole")
    leader = person("unit_leader", unit=unit, language="en")
    make_entry(plan, starts_on=datetime.date(2026, 3, 9), content="Ressursteam")
    make_entry(plan, starts_on=datetime.date(2026, 3, 25), content="Senere møte")
    make_entry(plan, starts_on=datetime.date(2026, 3, 10), content="Styrermøte", unit_kinds=["kindergarten"])
    make_routine(plan, title="Overgang", scope="unit")
    assert reminders.weekly_digest(TODAY) == 1
    (message,) = mail.outbox
    assert message.to == [leader.email] and message.subject == "KIBS: the coming two weeks"
    assert "Ressursteam" in message.body and "Senere møte" not in message.body and "Styrermøte" not in message.body
    assert "Text not finished: Overgang (not started)" in message.body
    assert "not yet confirmed as read" in message.body
    assert "https://kibs.example.no/" in message.body
    assert_unsubscribe_headers(message, leader, "digest")
    assert reminders.weekly_digest(TODAY) == 0
    assert SentEmail.objects.get().period == "2026-W10"


def test_the_digest_is_not_sent_when_there_is_nothing_in_it(municipality):
    unit = make_unit(municipality)
    person("unit_leader", unit=unit)
    assert reminders.weekly_digest(TODAY) == 0
    assert not mail.outbox


def test_the_advisor_digest_covers_the_municipality(plan):
    advisor = person(municipality=plan.municipality)
    make_entry(plan, starts_on=datetime.date(2026, 3, 3), content="SUT-møte")
    assert reminders.weekly_digest(TODAY) == 1
    assert mail.outbox[0].to == [advisor.email] and "SUT-møte" in mail.outbox[0].body


# Deadline reminders


def test_a_deadline_reminder_goes_days_before_to_the_units_concerned(plan, settings):
    settings.DEADLINE_REMINDER_DAYS = 7
    school = make_unit(plan.municipality, name="Lia skole")
    kindergarten = make_unit(plan.municipality, name="Lia barnehage", kind="kindergarten")
    leader = person("unit_leader", unit=school, language="nb")
    person("unit_leader", unit=kindergarten)
    make_entry(plan, starts_on=datetime.date(2026, 3, 6), content="Frist for kartlegging", unit_kinds=["school"])
    make_entry(plan, starts_on=datetime.date(2026, 3, 20), content="Frist senere")
    make_entry(plan, starts_on=datetime.date(2026, 3, 4), content="Et møte", kind="meeting")
    make_entry(plan, starts_on=datetime.date(2026, 3, 5), content="Kartlegging leveres", kind="task")
    assert reminders.deadline_reminders(TODAY) == 1
    (message,) = mail.outbox
    assert message.to == [leader.email] and message.subject == "KIBS: frist 06.03.2026"
    assert "En frist for Lia skole kommer om 4 dager" in message.body and "Frist for kartlegging" in message.body
    assert reverse("documents:unit_page", args=[plan.pk, school.pk]) in message.body
    assert_unsubscribe_headers(message, leader, "deadline")
    assert reminders.deadline_reminders(TODAY) == 0


# A new version


def test_approving_a_revision_with_changes_to_read_again_tells_the_units(plan, django_capture_on_commit_callbacks):
    advisor = person(municipality=plan.municipality)
    unit = make_unit(plan.municipality, name="Lia skole")
    leader = person("unit_leader", unit=unit, language="nn")
    make_routine(plan, title="Undring og bekymring", body="Kontaktlærer melder til rektor.")
    revision = start_revision(plan, advisor)
    revision.routines.update(body="Kontaktlærer melder samme dag til rektor.")
    with django_capture_on_commit_callbacks(execute=True):
        approve_plan(revision, advisor, rereading={0})
    (message,) = mail.outbox
    assert message.to == [leader.email] and message.subject == "KIBS: ein ny versjon av planen"
    assert "Les det som gjeld Lia skole" in message.body
    assert f"{reverse('documents:unit_page', args=[revision.pk, unit.pk])}#read-confirmation" in message.body
    assert_unsubscribe_headers(message, leader, "new_version")
    revision.refresh_from_db()
    assert reminders.new_version_notices(revision) == 0


def test_a_revision_with_nothing_to_read_again_asks_nobody(plan, django_capture_on_commit_callbacks):
    advisor = person(municipality=plan.municipality)
    person("unit_leader", unit=make_unit(plan.municipality))
    make_routine(plan, body="Kontaktlærer melder til rektor.")
    revision = start_revision(plan, advisor)
    revision.routines.update(body="Kontaktlærer melder til rektor, skriftlig.")
    with django_capture_on_commit_callbacks(execute=True):
        approve_plan(revision, advisor)
    assert revision.changes.count() == 1 and mail.outbox == []


# The daily command


def test_send_reminders_queues_the_batches_and_a_second_run_sends_nothing(plan):
    unit = make_unit(plan.municipality)
    person("unit_leader", unit=unit)
    owner = person(municipality=plan.municipality)
    make_routine(plan, review_owner=owner, reviewed_on=datetime.date(2025, 3, 20), scope="unit")
    make_entry(plan, starts_on=datetime.date(2026, 3, 9))
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    kinds = sorted(SentEmail.objects.values_list("kind", flat=True))
    assert kinds == ["digest", "digest", "review"]
    sent = len(mail.outbox)
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == sent
    # Tuesday: no digest.
    call_command("send_reminders", "--date", "2026-03-03", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == sent


def test_a_person_without_an_address_or_role_gets_nothing(plan):
    user = make_user(email="")
    Membership.objects.create(user=user, role="advisor", municipality=plan.municipality)
    make_routine(plan, reviewed_on=datetime.date(2025, 3, 20))
    assert reminders.review_reminders(TODAY) == 0
