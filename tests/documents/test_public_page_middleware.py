"""The public page kept in the cache is answered before the rest of the middleware (documents/middleware.py).

Only to someone without a session, only the kept page of a published plan,
and exactly as the usual way would answer it; anything else goes the usual
way. A page is served from this process's copy only under the plan's stamp
that the shared cache holds now, so an edit on another host shows here at once.
"""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.services import withdraw_plan
from routines import page_cache
from routines.models import Plan
from tests.documents.test_page_cache import build_plan

pytestmark = pytest.mark.django_db

VARYING = {"Date"}


def headers(response):
    return {name: value for name, value in response.headers.items() if name not in VARYING}


@pytest.fixture
def published():
    plan, advisor = build_plan(1)
    return plan, advisor, reverse("documents:public_plan", args=[plan.public_slug])


def test_a_kept_page_is_answered_as_the_usual_way_would_without_a_query(client, published):
    _plan, _advisor, url = published
    client.get(url)  # kept now
    with CaptureQueriesContext(connection) as early_queries:
        early = client.get(url)
    assert early_queries.captured_queries == [] and "sessionid" not in client.cookies
    not_modified = client.get(url, headers={"if-none-match": early.headers["ETag"]})
    client.cookies["sessionid"] = "not-a-session"  # the usual way: session, user, messages and the rest
    usual = client.get(url)
    assert early.status_code == usual.status_code == 200
    assert early.content == usual.content and headers(early) == headers(usual)
    usual_not_modified = client.get(url, headers={"if-none-match": early.headers["ETag"]})
    assert not_modified.status_code == usual_not_modified.status_code == 304
    assert headers(not_modified) == headers(usual_not_modified)
    assert client.head(url).status_code == 200


def test_someone_logged_in_and_other_addresses_go_the_usual_way(client, published):
    plan, advisor, url = published
    client.get(url)
    assert client.post(url).status_code == 405
    assert client.get(reverse("documents:public_plan", args=["no-such-plan"])).status_code == 404
    client.force_login(advisor)
    assert reverse("logout") in client.get(url).text


def test_a_withdrawn_or_changed_plan_is_never_answered_from_the_kept_page(client, published):
    plan, advisor, url = published
    client.get(url)
    # Saved on another host: the rows and the shared cache change, nothing of this process's.
    changed = {"intro": "Endret på en annen maskin", "intro_html": "<p>Endret på en annen maskin</p>"}
    Plan.objects.filter(pk=plan.pk).update(**changed, version=F("version") + 1)
    page_cache.plans_changed([plan.pk])
    assert "Endret på en annen maskin" in client.get(url).text
    withdraw_plan(plan, advisor)
    assert client.get(url).status_code == 404


def test_this_process_keeps_copies_up_to_its_limit(client, published, monkeypatch):
    plan, _advisor, url = published
    monkeypatch.setattr(page_cache, "LOCAL_COPY_BYTES", 1)
    monkeypatch.setattr(page_cache, "_local_copies", type(page_cache._local_copies)())
    client.get(url)
    client.get(url + "?a=1")
    assert len(page_cache._local_copies) == 1
    assert client.get(url).status_code == 200
