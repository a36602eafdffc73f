"""Another municipality's data never reaches a user, by any named URL.

Every free-text field of a second municipality holds a marker. Users of the
first municipality, in every role, walk every named URL (pages, exports,
PDFs, feeds: whatever exists) with their own objects and with the other
municipality's; the marker must appear nowhere: not in a page, a file, a
redirect or an e-mail. And every GET route is walked with the owner's real
ids: it answers the persona who may see it and is not found for an outsider,
an advisor or coordinator of another municipality in another region.
"""

import pytest
from django.core import mail
from django.test import Client

from tests.support.urlwalk import World, named_urls, response_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MARKER = "Qx7Marker"

# Named routes the owner/outsider walk leaves out, and why.
EXEMPT = {
    # Django's login and password pages: no object of a municipality in them.
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",  # POST only
    # Logging in through an identity provider, and MFA (identity, allauth): the user's own login, no
    # object of a municipality in them ("which municipality?" lists the public login buttons).
    "account_login",
    "account_reauthenticate",
    "openid_connect_login",
    "openid_connect_callback",
    "identity:choose_municipality",
    "identity:no_access",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "accounts:profile",  # the signed-in person's own name: no object of a municipality
    # One-click unsubscribe: its signed token names a person and a kind of e-mail, no municipality's data.
    "accounts:unsubscribe",
    # Static pages without objects.
    "health",
    "ops:accessibility_statement",
    "ops:privacy",
    # Pages without ids: they list or create the user's own objects, so an
    # outsider sees their own (empty) page; the marker walk covers them.
    "documents:home",
    "accounts:email_settings",
    "documents:plan_list",
    "documents:plan_create",
    "documents:region_plans",
    "documents:compare_plans",
    "documents:search_all",  # tests/documents/test_search.py searches for another municipality's text
    "meetings:gathering_list",
}

# The old addresses answer a permanent redirect to the new ones.
MOVED = {"documents:unit_text_moved", "meetings:entry_list_moved"}

# Pages whose secret is in the address: calendar programs and the public cannot log in.
NO_LOGIN = {
    "meetings:plan_feed",
    "meetings:unit_feed",
    "meetings:arena_feed",
    "documents:public_plan",
    "documents:public_plan_pdf",
    "documents:public_attachment",
}
# Of those, the ones whose address is nothing but the secret: no id of the
# owner's to try with another secret, so there is no outsider to turn away.
ONLY_SECRET = {"meetings:plan_feed", "documents:public_plan", "documents:public_plan_pdf"}

GATHERING_ROUTES = ("meetings:gathering_", "meetings:agenda_item_", "meetings:group_work", "meetings:work_group_")


def persona(name):
    """Who may see a route: the public, a region's coordinator or the municipality's advisor."""
    if name in NO_LOGIN:
        return None
    # A pre-work note (meetings:prework_note_edit) is the municipality's, so its advisor's.
    if name.startswith(GATHERING_ROUTES):
        return "coordinator"
    return "advisor"


def client_of(world, role):
    client = Client(raise_request_exception=False)
    if role:
        client.force_login(world.members[role])
    return client


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
    leaks, seen = {}, set()
    for name, url in home.urls():
        text = response_text(client.get(url))
        if MARKER in text:
            leaks[url] = name
        if "Hjemme" in text:
            seen.add(name)
    assert leaks == {}
    assert not any(MARKER in message.subject + message.body for message in mail.outbox)
    if role == "advisor":
        # The marker test is only worth something if the same walk shows one's own data.
        assert {"documents:plan_list", "documents:plan_detail"} <= seen


@pytest.mark.parametrize("role", ["advisor", "coordinator"])
def test_other_municipalitys_objects_are_not_found(worlds, role):
    home, away = worlds
    client = Client(raise_request_exception=False)
    client.force_login(home.members[role])
    found = {}
    # With the user's own feed token and public address: those of the other
    # municipality are secrets the user does not have.
    for name, url in away.urls(secrets_of=home):
        response = client.get(url)
        if MARKER in response_text(response):
            found[url] = (name, response.status_code)
    assert found == {}


def test_every_get_route_answers_the_owner_and_not_the_outsider(worlds):
    home, away = worlds
    owners = {role: client_of(home, role) for role in ("advisor", "coordinator", None)}
    outsiders = {role: client_of(away, role) for role in ("advisor", "coordinator", None)}
    # The outsider's own secrets with the owner's ids: a feed token opens only its own plan's feeds.
    outsider_urls = dict(home.urls(secrets_of=away))
    post_only, wrong, visited = set(), {}, set()
    for name, url in home.urls():
        if name in EXEMPT or name.startswith("admin:"):
            continue
        role = persona(name)
        response = owners[role].get(url)
        if response.status_code == 405 and "GET" not in response["Allow"]:
            post_only.add(name)
            continue
        visited.add(name)
        expected = 301 if name in MOVED else 200
        if response.status_code != expected:
            wrong[name] = (role, response.status_code)
        if name not in ONLY_SECRET:
            # An old address redirects anyone; where it leads must not be found.
            status = outsiders[role].get(outsider_urls[name], follow=name in MOVED).status_code
            if status != 404:
                wrong[f"{name} (outsider)"] = (role, status)
    assert wrong == {}
    # Every named GET route was walked: the admin, the exemptions and the
    # POST-only routes are all that is left out, and no exemption is stale.
    everything = {name for name, _ in named_urls() if not name.startswith("admin:")}
    assert EXEMPT <= everything
    assert visited == everything - EXEMPT - post_only
