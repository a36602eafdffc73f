"""Another municipality's data never reaches a user, by any named URL.

Every free-text field of a second municipality holds a marker. Users of the
first municipality, in every role, walk every named URL (pages, exports,
PDFs, feeds: whatever exists) with their own objects and with the other
municipality's; the marker must appear nowhere: not in a page, a file, a
redirect or an e-mail.
"""

import pytest
from django.core import mail
from django.test import Client

from tests.support.urlwalk import World, response_text

pytestmark = pytest.mark.django_db

MARKER = "Qx7Marker"


@pytest.fixture
def worlds():
    home = World("Hjemme")
    away = World(MARKER)
    return home, away


@pytest.mark.parametrize("role", ["advisor", "reader", "unit_leader", "coordinator"])
def test_other_municipality_never_shows_up(worlds, role):
    home, away = worlds
    client = Client(raise_request_exception=False)
    client.force_login(home.members[role])
    leaks = {}
    for name, url in home.urls():
        response = client.get(url)
        if MARKER in response_text(response):
            leaks[url] = name
    assert leaks == {}
    assert not any(MARKER in message.subject + message.body for message in mail.outbox)


@pytest.mark.parametrize("role", ["advisor", "coordinator"])
def test_other_municipalitys_objects_are_not_found(worlds, role):
    home, away = worlds
    client = Client(raise_request_exception=False)
    client.force_login(home.members[role])
    found = {}
    for name, url in away.urls():
        response = client.get(url)
        if MARKER in response_text(response):
            found[url] = (name, response.status_code)
    assert found == {}


def test_the_walk_sees_the_own_municipality(worlds):
    """The marker test is only worth something if the same walk shows one's own data."""
    home, _ = worlds
    client = Client()
    client.force_login(home.members["advisor"])
    seen = [name for name, url in home.urls() if "Hjemme" in response_text(client.get(url))]
    assert "documents:plan_list" in seen and "documents:plan_detail" in seen
