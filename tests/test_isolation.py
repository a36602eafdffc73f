"""No municipality sees another's data, on every URL that names an object.

The test enumerates the project's URL patterns: a new route with a pk-like
parameter fails here until it is added to CASES below, with the kind of view
it is and how to build its URL arguments from the `world` fixture. Routes
that do not exist yet stay out of the table.
"""

from types import SimpleNamespace

import pytest
from django.urls import URLResolver, get_resolver, reverse

from conftest import (
    make_actor,
    make_arena,
    make_entry,
    make_focus_area,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_target_group,
    make_unit,
    make_unit_text,
)
from routines.models import Membership, Routine

pytestmark = pytest.mark.django_db

READ = "read"  # a page to read: GET only for everyone who sees the plan
FORM = "form"  # a page that changes data: GET shows it, POST changes
ACTION = "action"  # POST only (require_POST): GET is 405 before any lookup

CASES = {
    "routines:plan_detail": (READ, lambda w: {"pk": w.plan.pk}),
    "routines:plan_edit": (FORM, lambda w: {"pk": w.plan.pk}),
    "routines:plan_delete": (FORM, lambda w: {"pk": w.plan.pk}),
    "routines:focus_area_list": (READ, lambda w: {"plan_pk": w.plan.pk}),
    "routines:focus_area_create": (FORM, lambda w: {"plan_pk": w.plan.pk}),
    "routines:focus_area_edit": (FORM, lambda w: {"pk": w.focus_area.pk}),
    "routines:focus_area_delete": (FORM, lambda w: {"pk": w.focus_area.pk}),
    "routines:focus_area_move": (ACTION, lambda w: {"pk": w.focus_area.pk}),
    "routines:section_list": (READ, lambda w: {"plan_pk": w.plan.pk}),
    "routines:section_create": (FORM, lambda w: {"plan_pk": w.plan.pk}),
    "routines:section_edit": (FORM, lambda w: {"pk": w.section.pk}),
    "routines:section_delete": (FORM, lambda w: {"pk": w.section.pk}),
    "routines:section_move": (ACTION, lambda w: {"pk": w.section.pk}),
    "routines:actor_list": (READ, lambda w: {"plan_pk": w.plan.pk}),
    "routines:actor_create": (FORM, lambda w: {"plan_pk": w.plan.pk}),
    "routines:actor_edit": (FORM, lambda w: {"pk": w.actor.pk}),
    "routines:actor_delete": (FORM, lambda w: {"pk": w.actor.pk}),
    "routines:actor_move": (ACTION, lambda w: {"pk": w.actor.pk}),
    "routines:duty_move": (ACTION, lambda w: {"pk": w.duty.pk}),
    "routines:milestone_list": (READ, lambda w: {"plan_pk": w.plan.pk}),
    "routines:milestone_create": (FORM, lambda w: {"plan_pk": w.plan.pk}),
    "routines:milestone_edit": (FORM, lambda w: {"pk": w.milestone.pk}),
    "routines:milestone_delete": (FORM, lambda w: {"pk": w.milestone.pk}),
    "routines:routine_list": (READ, lambda w: {"plan_pk": w.plan.pk}),
    "routines:routine_create": (FORM, lambda w: {"plan_pk": w.plan.pk}),
    "routines:routine_detail": (READ, lambda w: {"pk": w.routine.pk}),
    "routines:routine_edit": (FORM, lambda w: {"pk": w.routine.pk}),
    "routines:routine_delete": (FORM, lambda w: {"pk": w.routine.pk}),
    "routines:routine_move": (ACTION, lambda w: {"pk": w.routine.pk}),
    "routines:routine_unit_text": (FORM, lambda w: {"routine_pk": w.routine.pk, "unit_pk": w.unit.pk}),
    "routines:unit_list": (READ, lambda w: {"municipality_pk": w.municipality.pk}),
    "routines:unit_create": (FORM, lambda w: {"municipality_pk": w.municipality.pk}),
    "routines:unit_edit": (FORM, lambda w: {"pk": w.unit.pk}),
    "routines:unit_delete": (FORM, lambda w: {"pk": w.unit.pk}),
}

# Included apps whose routes are not municipal data: the admin checks is_staff
# itself, and the auth views belong to the logged-in user only.
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
            if pattern.namespace in SKIPPED_NAMESPACES or getattr(pattern.urlconf_module, "__name__", "") in SKIPPED_URLCONFS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes_naming_an_object(pattern, inner, found)
        elif pattern.name and any(is_object_parameter(name) for name in found):
            yield f"{namespace}{pattern.name}"


@pytest.fixture
def world():
    """One municipality with one of everything, and people in every role."""
    municipality = make_municipality()
    unit = make_unit(municipality)
    plan = make_plan(municipality)
    actor = make_actor(plan, duties=["Sørger for at rutinene er kjent"])
    routine = make_routine(plan, scope=Routine.Scope.UNIT, responsible=actor)
    make_unit_text(routine, make_unit(municipality))
    return SimpleNamespace(
        municipality=municipality,
        unit=unit,
        plan=plan,
        focus_area=make_focus_area(plan),
        section=make_section(plan),
        actor=actor,
        duty=actor.duties.get(),
        milestone=make_milestone(plan),
        routine=routine,
        arena=make_arena(plan),
        target_group=make_target_group(plan),
        entry=make_entry(plan),
        advisor=make_member(Membership.Role.ADVISOR, municipality),
        reader=make_member(Membership.Role.READER, municipality),
        intruder=make_member(Membership.Role.ADVISOR, make_municipality()),
    )


def url_of(name, world):
    return reverse(name, kwargs=CASES[name][1](world))


def test_every_route_naming_an_object_has_an_isolation_case():
    routes = set(routes_naming_an_object())
    assert routes, "the enumeration found no routes at all"
    missing = sorted(routes - set(CASES))
    assert not missing, f"add these routes to CASES in {__file__}: {missing}"
    assert not sorted(set(CASES) - routes), "CASES lists routes that do not exist"


@pytest.mark.parametrize("name", sorted(CASES))
def test_another_municipalitys_advisor_finds_nothing(client, world, name):
    client.force_login(world.intruder)
    url = url_of(name, world)
    kind = CASES[name][0]
    assert client.get(url).status_code == (405 if kind == ACTION else 404)
    assert client.post(url, {"direction": "up", "title": "Overtatt"}).status_code == 404


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_municipalitys_advisor_reaches_it(client, world, name):
    """Proves each case's URL points at a real, visible object: the 404s above are not accidents."""
    client.force_login(world.advisor)
    url = url_of(name, world)
    if CASES[name][0] == ACTION:
        assert client.post(url).status_code == 400  # no direction given: refused, nothing moved
    else:
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_reader_cannot_change_anything(client, world, name):
    client.force_login(world.reader)
    url = url_of(name, world)
    if CASES[name][0] == READ:
        assert client.get(url).status_code == 200
    else:
        assert client.post(url, {"direction": "up"}).status_code == 403


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_users_are_sent_to_log_in(client, world, name):
    url = url_of(name, world)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
