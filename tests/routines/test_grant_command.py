"""manage.py grant: set people up without the admin, never creating anything by accident."""

import pytest
from django.core.management import CommandError, call_command

from routines.models import Membership, Municipality, Region, Unit
from tests.support.factories import make_municipality, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def grant(*args):
    call_command("grant", *args)


def test_grant_advisor():
    user = make_user(username="radgiver")
    municipality = make_municipality(slug="sortland")
    grant("radgiver", "sortland", "advisor")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.municipality, membership.unit) == ("advisor", municipality, None)


def test_grant_reader():
    user = make_user(username="lærer")
    make_municipality(slug="sortland")
    grant("lærer", "sortland", "reader")
    assert Membership.objects.get(user=user).role == Membership.Role.READER


def test_grant_unit_leader_of_a_unit():
    user = make_user(username="rektor")
    municipality = make_municipality(slug="sortland")
    unit = make_unit(municipality, slug="sortland-barneskole")
    grant("rektor", "sortland", "unit-leader", "--unit", "sortland-barneskole")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.municipality, membership.unit) == ("unit_leader", municipality, unit)


def test_grant_coordinator_of_a_region():
    user = make_user(username="koordinator")
    region = make_region(slug="vesteralen")
    grant("koordinator", "--region", "vesteralen", "coordinator")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.region, membership.municipality) == ("coordinator", region, None)


def test_granting_again_changes_the_role_in_that_municipality():
    user = make_user(username="radgiver")
    municipality = make_municipality(slug="sortland")
    make_unit(municipality, slug="sortland-barneskole")
    grant("radgiver", "sortland", "unit-leader", "--unit", "sortland-barneskole")
    grant("radgiver", "sortland", "advisor")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.unit) == ("advisor", None)


def test_roles_in_two_municipalities_are_kept_apart():
    user = make_user(username="radgiver")
    make_municipality(slug="sortland")
    make_municipality(slug="hadsel")
    grant("radgiver", "sortland", "advisor")
    grant("radgiver", "hadsel", "reader")
    assert set(Membership.objects.filter(user=user).values_list("municipality__slug", "role")) == {
        ("sortland", "advisor"),
        ("hadsel", "reader"),
    }


@pytest.mark.parametrize(
    "args, message",
    [
        (("ukjent", "sortland", "advisor"), "No user"),
        (("radgiver", "ukjent", "advisor"), "No municipality"),
        (("radgiver", "sortland", "boss"), "Unknown role"),
        (("radgiver", "sortland", "coordinator"), "Unknown role"),
        (("radgiver", "sortland", "unit-leader"), "needs --unit"),
        (("radgiver", "sortland", "unit-leader", "--unit", "ukjent"), "no unit"),
        (("radgiver", "sortland", "advisor", "--unit", "sortland-barneskole"), "--unit only"),
        (("radgiver", "sortland"), "Usage"),
        (("radgiver", "--region", "ukjent", "coordinator"), "No region"),
        (("radgiver", "--region", "vesteralen", "advisor"), "only role is coordinator"),
        (("radgiver", "sortland", "advisor", "--region", "vesteralen"), "only role is coordinator"),
    ],
)
def test_mistakes_are_clear_errors_and_create_nothing(args, message):
    make_user(username="radgiver")
    make_unit(make_municipality(slug="sortland"), slug="sortland-barneskole")
    make_region(slug="vesteralen")
    before = (Membership.objects.count(), Municipality.objects.count(), Unit.objects.count(), Region.objects.count())
    with pytest.raises(CommandError, match=message):
        grant(*args)
    after = (Membership.objects.count(), Municipality.objects.count(), Unit.objects.count(), Region.objects.count())
    assert after == before


def test_a_unit_of_another_municipality_is_not_found():
    make_user(username="rektor")
    make_municipality(slug="sortland")
    make_unit(make_municipality(slug="hadsel"), slug="stokmarknes-skole")
    with pytest.raises(CommandError, match="no unit"):
        grant("rektor", "sortland", "unit-leader", "--unit", "stokmarknes-skole")
    assert not Membership.objects.exists()
