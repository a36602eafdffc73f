"""CSRF is enforced on every POST, and no GET changes data."""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ops.models import StoredPdf
from tests.support.factories import make_user
from tests.support.urlwalk import World, superuser

pytestmark = pytest.mark.django_db


def test_login_without_token_is_refused():
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": user.username, "password": "kibs-test-password"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_login_with_token_works():
    """The 403 above is the missing token, not something else about the form."""
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": "kibs-test-password", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_logout_without_token_keeps_the_session():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("documents:plan_list")).status_code == 200


def test_admin_change_without_token_changes_nothing():
    world = World("Tekst")
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser())
    url = reverse("admin:routines_plan_change", args=[world.plan.pk])
    response = client.post(url, {"title": "Endret", "school_year": 2024, "municipality": world.municipality.pk})
    assert response.status_code == 403
    world.plan.refresh_from_db()
    assert world.plan.title != "Endret"


# RFC 8058: a mail program posts the one-click unsubscribe without a session or a token;
# the signed token in its address is the proof (tests/documents/test_reminders.py).
ONE_CLICK = {"accounts:unsubscribe"}


@pytest.mark.slow
@pytest.mark.parametrize("who", ["advisor", "superuser"])
def test_every_named_url_refuses_a_post_without_token(who):
    world = World("Tekst")
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser() if who == "superuser" else world.members["advisor"])
    accepted = {
        f"{name} {url}": response.status_code
        for name, url in world.urls()
        if name not in ONE_CLICK and (response := client.post(url, {"title": "x"})).status_code != 403
    }
    assert accepted == {}


def snapshot():
    """Every row of every model, except the sessions whose expiry each request renews.

    Also except what a download may fill: the PDF store (a cache in a table)
    and the task queue (a large plan's download enqueues its render).
    """
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model not in (Session, StoredPdf, DBTaskResult)
    }


@pytest.mark.slow
@pytest.mark.parametrize("who", ["advisor", "superuser"])
def test_no_get_changes_data(who):
    world = World("Tekst")
    client = Client(raise_request_exception=False)
    client.force_login(superuser() if who == "superuser" else world.members[who])
    before = snapshot()
    statuses = {name: client.get(url).status_code for name, url in world.urls()}
    assert snapshot() == before
    # The walk reached real pages, not only 404s.
    assert statuses["documents:plan_detail"] == 200
