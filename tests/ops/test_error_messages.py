"""Every error message is tied to its field (aria-describedby), on crispy forms and on forms rendered by hand."""

import re

import pytest
from django.urls import reverse

from routines.models import Membership
from tests.support.factories import make_member, make_milestone, make_plan

pytestmark = pytest.mark.django_db


def untied_errors(html):
    """Error blocks no field points to, and described-by ids that are not on the page."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    described_by = {id_ for value in re.findall(r'aria-describedby="([^"]+)"', html) for id_ in value.split()}
    error_blocks = re.findall(r'<div[^>]*class="[^"]*invalid-feedback[^"]*"[^>]*>', html)
    assert error_blocks, "the page shows no error"
    unreferenced = [block for block in error_blocks if not any(f'id="{id_}"' in block for id_ in described_by)]
    return unreferenced + sorted(f"#{id_} is missing" for id_ in described_by - ids)


@pytest.fixture
def advisor_client(client):
    plan = make_plan()
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    return client, plan


def test_a_crispy_form_ties_each_error_to_its_field(advisor_client):
    client, plan = advisor_client
    milestone = make_milestone(plan)
    response = client.post(
        reverse("meetings:entry_create", args=[plan.pk]),
        {"starts_on": "", "content": "", "milestones": [milestone.pk], "all_milestones": "on", "ends_at": "12:00"},
    )
    html = response.content.decode()
    assert html.count('aria-invalid="true"') >= 3
    assert untied_errors(html) == []


def test_the_history_filter_ties_its_error_to_the_field(advisor_client):
    client, plan = advisor_client
    html = client.get(reverse("documents:plan_history", args=[plan.pk]), {"part": "no-such-part"}).content.decode()
    assert untied_errors(html) == []
