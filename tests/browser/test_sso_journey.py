"""Logging in with the municipality's account, through a real OpenID Connect provider on localhost.

The provider (tests/support/oidc_provider/, django-oauth-toolkit) runs in its
own process for this module; Chromium goes to it, logs in there, and comes
back. Nothing on the way is mocked: discovery, PKCE, state, nonce, the token
endpoint, the signature against the provider's keys, userinfo and the
provider's logout are all real.
"""

import pytest
from django.urls import reverse

from identity.models import RoleRule
from routines.models import Membership
from tests.support.factories import make_municipality, make_plan, make_unit
from tests.support.oidc import LocalProvider

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

GROUP = "0f5c7d1e-rektorer-grunnskole"


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    started = LocalProvider(tmp_path_factory.mktemp("provider"), live_server.url, "testkommune").start()
    yield started
    started.stop()


def log_in_at_provider(page, username, password):
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_group_member_logs_in_as_unit_leader_and_loses_the_role_with_the_group(page, provider, live_server):
    municipality = make_municipality(name="Testkommune")
    school = make_unit(municipality, name="Bakken skole")
    make_plan(municipality)
    app = provider.register(municipality)
    RoleRule.objects.create(
        provider=app, claim="groups", value=GROUP, municipality=municipality, role="unit_leader", unit=school
    )
    provider.set_person("rita", "provider-password", [GROUP], name="Rita Rektor")

    page.goto(reverse("login"))
    page.get_by_role("button", name="Logg inn med Testkommune").click()
    log_in_at_provider(page, "rita", "provider-password")
    # The first page after login is the person's home page.
    page.wait_for_url(f"{live_server.url}{reverse('documents:home')}")
    assert "Rita Rektor" in page.locator("header").inner_text()
    membership = Membership.objects.get(user__email="rita@example.test")
    assert (membership.role, membership.unit) == ("unit_leader", school)

    # Logging out ends the session at the provider too: the next login asks for the password again.
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(f"**{reverse('login')}")

    provider.set_person("rita", "provider-password", [], name="Rita Rektor")
    page.get_by_role("button", name="Logg inn med Testkommune").click()
    log_in_at_provider(page, "rita", "provider-password")
    page.wait_for_url(f"**{reverse('identity:no_access')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Ingen tilgang til KIBS ennå"
    assert not Membership.objects.filter(user__email="rita@example.test").exists()
