"""The history page reads like a log: changes grouped by day and person, filtered by part, commands named."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from routines.models import Membership, Plan, Section
from tests.support.factories import make_member, make_plan, make_plan_document, make_section, make_user
from tests.support.history import acting_as, edit
from tests.support.units import load_demo

pytestmark = pytest.mark.django_db


def history_url(plan, **query):
    url = reverse("documents:plan_history", args=[plan.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_changes_are_grouped_by_day_and_person_and_filtered_by_part(client):
    kari, ola = make_user(first_name="Kari", last_name="Nord"), make_user(first_name="Ola", last_name="Sør")
    with acting_as(kari):
        plan = make_plan()
        section = make_section(plan, title="Kompetanse")
    for user in (kari, ola):
        make_member(Membership.Role.ADVISOR, plan.municipality, user=user)
    edit(section, kari, body="Første tekst.")
    edit(plan, ola, title="Ny tittel")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    for model in (Plan, Section):
        model.history.filter(history_type="+").update(history_date=yesterday)

    client.force_login(kari)
    response = client.get(history_url(plan))
    groups = [(group["day"], group["who"], len(group["rows"])) for group in response.context["groups"]]
    today = timezone.localdate()
    assert groups == [
        (today, "Ola Sør", 1),
        (today, "Kari Nord", 1),
        (today - datetime.timedelta(days=1), "Kari Nord", 2),
    ]
    assert response.text.count('class="history-group') == 3

    by_part = client.get(history_url(plan, part="section"))
    assert [(group["who"], len(group["rows"])) for group in by_part.context["groups"]] == [
        ("Kari Nord", 1),
        ("Kari Nord", 1),
    ]
    assert 'value="section" selected' in by_part.text  # the filter stays in the form and the URL


def test_a_plan_file_import_is_named_as_such_not_unknown_person(client, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(make_plan_document()), encoding="utf-8")
    call_command("import_plan", str(path), stdout=StringIO())
    plan = Plan.objects.get()
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    response = client.get(history_url(plan), HTTP_ACCEPT_LANGUAGE="nb")
    assert {group["who"] for group in response.context["groups"]} == {"Import"}
    assert "ukjent person" not in response.text


def test_the_demo_plans_history_names_the_demo(client):
    demo = load_demo()
    client.force_login(demo.radgiver)
    response = client.get(history_url(demo.plan), HTTP_ACCEPT_LANGUAGE="nb")
    assert {group["who"] for group in response.context["groups"]} == {"Demodata"}
    assert "ukjent person" not in response.text
