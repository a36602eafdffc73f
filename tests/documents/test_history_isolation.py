"""Nothing of a plan's history, approval or publishing reaches another municipality."""

import pytest
from django.urls import reverse

from documents import urls
from routines.models import Membership, Plan
from tests.support.factories import make_member, make_municipality, make_plan
from tests.support.isolation_history import HISTORY_ISOLATION_CASES

pytestmark = pytest.mark.django_db

POST_ONLY = {
    "documents:history_restore",
    "documents:plan_publish",
    "documents:plan_withdraw",
    "documents:plan_start_revision",
    "documents:plan_start_next_year",
}


def test_every_url_of_history_and_approval_is_listed():
    history_views = {"history", "approval"}
    names = {
        f"documents:{pattern.name}"
        for pattern in urls.urlpatterns
        if pattern.callback.__module__.rsplit(".", 1)[-1] in history_views
    }
    assert names == {case[0] for case in HISTORY_ISOLATION_CASES}


@pytest.mark.parametrize("name, factory, method", HISTORY_ISOLATION_CASES, ids=[c[0] for c in HISTORY_ISOLATION_CASES])
def test_another_municipality_gets_404_and_nobody_anonymous_gets_in(client, name, factory, method):
    plan = make_plan()
    url = reverse(name, kwargs=factory(plan))
    client.force_login(make_member(Membership.Role.ADVISOR, make_municipality(region=plan.municipality.region)))
    assert getattr(client, method)(url).status_code == 404
    if name in POST_ONLY:
        assert client.get(url).status_code == 405
    client.logout()
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    plan.refresh_from_db()
    assert (plan.status, plan.published, Plan.objects.count()) == ("draft", False, 1)
