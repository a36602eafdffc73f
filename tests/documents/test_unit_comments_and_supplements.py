"""The advisor's comment reaches the unit; a common routine's page shows the units' supplements to advisors."""

import pytest
from django.urls import reverse

from documents.services import approve_plan
from routines.models import AdvisorComment, Plan
from tests.support.factories import make_member, make_municipality, make_routine, make_unit, make_unit_text
from tests.support.units import unit_test_settings  # noqa: F401  (an autouse fixture: English pages)

pytestmark = pytest.mark.django_db


def comment_url(plan, unit):
    return reverse("documents:unit_comment", args=[plan.pk, unit.pk])


def test_the_advisors_comment_reaches_the_unit(client, advisor, unit_leader, employee, plan, unit):
    approve_plan(plan, advisor)
    client.force_login(advisor)
    page = client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).text
    assert f'action="{comment_url(plan, unit)}"' in page
    response = client.post(comment_url(plan, unit), {"body": "Fin rutine – husk å nevne SFO."})
    assert response.status_code == 302 and response.url.endswith("#comments")
    for user in (unit_leader, employee):
        client.force_login(user)
        page = client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).text
        assert "Fin rutine – husk å nevne SFO." in page and comment_url(plan, unit) not in page


def test_an_empty_comment_is_refused_at_the_field(client, advisor, plan, unit):
    client.force_login(advisor)
    response = client.post(comment_url(plan, unit), {"body": ""})
    assert response.status_code == 400 and response.context["form"].errors["body"]
    assert not AdvisorComment.objects.exists()


def test_only_advisors_comment_and_not_on_an_archived_plan(client, unit_leader, advisor, plan, unit, outsider):
    client.force_login(unit_leader)
    assert client.post(comment_url(plan, unit), {"body": "x"}).status_code == 403
    client.force_login(outsider)
    assert client.post(comment_url(plan, unit), {"body": "x"}).status_code == 404
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ARCHIVED)
    client.force_login(advisor)
    assert client.post(comment_url(plan, unit), {"body": "x"}).status_code == 403
    assert not AdvisorComment.objects.exists()


def test_a_common_routine_shows_advisors_every_supplement_and_who_has_none(client, advisor, unit_leader, plan, unit):
    other = make_unit(plan.municipality, name="Lia barnehage")
    routine = make_routine(plan, title="Overgang", allows_local_supplement=True)
    make_unit_text(routine, unit, body="Vårt tillegg om overgang")
    client.force_login(advisor)
    page = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert "The units' supplements" in page and "Vårt tillegg om overgang" in page
    assert "Units without a supplement:" in page and "Lia barnehage" in page
    client.force_login(unit_leader)
    page = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert "Vårt tillegg om overgang" in page and other.name not in page


def test_a_routine_without_supplements_lists_no_units(client, advisor, plan, unit):
    routine = make_routine(plan, title="Felles")
    client.force_login(advisor)
    assert "supplements" not in client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert make_member("reader", make_municipality())
