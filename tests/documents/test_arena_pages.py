"""An arena's description (for whom, responsible, participants, next step) on the unit page and the public page."""

import pytest
from django.urls import reverse

from documents.services import approve_plan, publish_plan
from tests.support.factories import make_arena

pytestmark = pytest.mark.django_db

SHOWN = [
    "Målgruppe",
    "Alle elever på skolen",
    "Ansvarlig",
    "Kommunalsjef",
    "Referent",
    "<li>Sosiallærer</li>",
    "Inviteres ved behov",
    "<li>PPT-rådgiver</li>",
    "På tvers av enheter",
    "Neste steg",
    "Kommunalt team: Når tiltakene ikke har hjulpet",
]


@pytest.fixture
def described(plan):
    plan.level_names = "I enheten\nPå tvers av enheter"
    plan.save()
    team = make_arena(plan, name="Kommunalt team")
    make_arena(
        plan,
        name="Ressursteam",
        scope="every_unit",
        audience="Alle elever på skolen",
        led_by="Rektor",
        responsible="Kommunalsjef",
        minute_taker="Sosiallærer",
        fixed_participants="Rektor\nSosiallærer",
        invited_participants="PPT-rådgiver",
        bti_levels=[1],
        escalates_to=team,
        escalation_criterion="Når tiltakene ikke har hjulpet",
    )
    return plan


def test_the_unit_page_describes_the_arena(client, described, unit, unit_leader):
    client.force_login(unit_leader)
    page = client.get(reverse("documents:unit_page", args=[described.pk, unit.pk])).text
    for shown in SHOWN:
        assert shown in page


def test_the_public_page_describes_the_arena(client, described, advisor):
    approve_plan(described, advisor)
    published = publish_plan(described, advisor)
    page = client.get(reverse("documents:public_plan", args=[published.public_slug])).text
    for shown in SHOWN:
        assert shown in page
