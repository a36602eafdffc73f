"""No municipality sees another's data, on every URL that names an object.

The test enumerates the project's URL patterns: a route with a pk-like
parameter fails here until a case for it is listed in a module
tests/isolation_cases_<part>.py, as `<PART>_ISOLATION_CASES = [(url_name,
factory, …)]`; the factory makes the object in a given plan (of a municipality
the user does not belong to) and returns the URL's kwargs. Every such module
is collected, so each part of the project lists its routes in its own file.
Routes that do not exist yet stay out. A route that is not looked up by its
object (a calendar feed opened by its secret token) goes in the module's
NOT_OBJECT_URLS, with the reason beside it.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver, reverse

from routines.models import Membership
from tests.support.factories import make_member, make_municipality

pytestmark = pytest.mark.django_db


def collect_cases():
    cases, exempt = [], set()
    for path in sorted((Path(__file__).parent / "support").glob("isolation_*.py")):
        module = importlib.import_module(f"tests.support.{path.stem}")
        for name in dir(module):
            if name.endswith("_ISOLATION_CASES"):
                cases += [(case[0], case[1]) for case in getattr(module, name)]
        exempt |= set(getattr(module, "NOT_OBJECT_URLS", ()))
    return dict(cases), [url_name for url_name, _factory in cases], exempt


CASES, CASE_NAMES, NOT_OBJECT_URLS = collect_cases()

# Included URLconfs that are not municipal data: the admin checks is_staff
# itself, and the auth views act on the logged-in user only.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_URLCONFS = {"django.contrib.auth.urls"}


def is_object_parameter(name):
    return name == "pk" or name.endswith("_pk")


def routes_naming_an_object(resolver=None, namespace="", parameters=()):
    """Names of every route whose URL carries a pk-like parameter."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        found = parameters + tuple(pattern.pattern.converters)
        if isinstance(pattern, URLResolver):
            urlconf = getattr(pattern.urlconf_module, "__name__", "")
            if pattern.namespace in SKIPPED_NAMESPACES or urlconf in SKIPPED_URLCONFS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes_naming_an_object(pattern, inner, found)
        elif pattern.name and any(is_object_parameter(name) for name in found):
            yield f"{namespace}{pattern.name}"


def test_the_enumeration_finds_routes_and_skips_only_admin_and_auth():
    routes = set(routes_naming_an_object())
    assert "documents:plan_detail" in routes
    assert not any(route.startswith("admin:") for route in routes)
    assert "password_reset_confirm" not in routes


def test_every_route_naming_an_object_has_an_isolation_case():
    routes = set(routes_naming_an_object())
    missing = sorted(routes - set(CASES) - NOT_OBJECT_URLS)
    assert not missing, f"add these routes to a tests/isolation_cases_<app>.py: {missing}"
    assert not sorted(set(CASES) - routes), "the isolation cases list routes that do not exist"
    assert len(CASE_NAMES) == len(CASES), "a route is listed twice"


def url_of(name, plan):
    return reverse(name, kwargs=CASES[name](plan))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_another_municipalitys_advisor_finds_nothing(client, plan, name):
    url = url_of(name, plan)
    client.force_login(make_member(Membership.Role.ADVISOR, make_municipality()))
    statuses = {client.get(url).status_code, client.post(url, {"direction": "up", "title": "Overtatt"}).status_code}
    # 405 is a method refused before any lookup: it says nothing about the object.
    assert statuses <= {404, 405} and 404 in statuses


@pytest.mark.parametrize("name", CASE_NAMES)
def test_the_municipalitys_advisor_finds_it(client, plan, name):
    """The URL points at a real object the plan's own people can find: the 404s above are not accidents.

    Found is 200, or 403 where the page is another role's (a coordinator's gathering); a POST-only
    URL, posted without data, refuses (400, or 409 when it would overwrite a newer version) or does its
    one thing (302).
    """
    url = url_of(name, plan)
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    status = client.get(url).status_code
    if status == 405:
        assert client.post(url).status_code in {302, 400, 403, 409}
    else:
        assert status in {200, 403}


@pytest.mark.parametrize("name", CASE_NAMES)
def test_a_reader_cannot_change_anything(client, plan, name):
    url = url_of(name, plan)
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    # 200 is a read-only page that ignores the POST: a form that took it would redirect (302)
    # or refuse the data (400).
    assert client.post(url, {"direction": "up", "title": "Endret"}).status_code in {200, 403, 404, 405}


@pytest.mark.parametrize("name", CASE_NAMES)
def test_anonymous_users_are_sent_to_log_in(client, plan, name):
    url = url_of(name, plan)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
