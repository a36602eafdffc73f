"""Nothing of the year view leaks to people of another municipality and region, and each URL is listed."""

import pytest
from django.urls import get_resolver, reverse

from routines.models import Membership, Plan
from tests.support.factories import make_member, make_municipality, make_plan
from tests.support.isolation_meetings import MEETINGS_ISOLATION_CASES
from tests.support.isolation_yearview import NOT_OBJECT_URLS, YEARVIEW_ISOLATION_CASES

pytestmark = pytest.mark.django_db


def test_every_meetings_url_is_listed():
    resolver = get_resolver().namespace_dict["meetings"][1]
    names = {f"meetings:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    cases = MEETINGS_ISOLATION_CASES + YEARVIEW_ISOLATION_CASES
    listed = {name for name in [case[0] for case in cases] + NOT_OBJECT_URLS if name.startswith("meetings:")}
    assert names == listed


@pytest.mark.parametrize(
    "name, factory, method", YEARVIEW_ISOLATION_CASES, ids=[c[0] for c in YEARVIEW_ISOLATION_CASES]
)
def test_another_municipality_and_region_gets_404(client, name, factory, method):
    plan = make_plan(status=Plan.Status.APPROVED)
    url = reverse(name, kwargs=factory(plan))
    client.force_login(make_member(Membership.Role.ADVISOR, make_municipality()))
    assert getattr(client, method)(url).status_code == 404
    if method == "post":
        assert client.get(url).status_code == 405
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
