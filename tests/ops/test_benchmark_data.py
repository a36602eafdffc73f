"""The load benchmark's national data set still fits the models (a small
version of it), and its users can open their plans."""

import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse

from routines.models import Membership, Plan

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parent.parent.parent / "benchmarks" / "generate_national.py"


@pytest.fixture
def national(monkeypatch):
    spec = importlib.util.spec_from_file_location("generate_national", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, value in {"REGIONS": 2, "MUNICIPALITIES": 3, "ROUTINES_PER_PLAN": 7, "UNIT_ROUTINES_PER_PLAN": 2}.items():
        monkeypatch.setattr(module, name, value)
    return module


def test_a_small_national_data_set_is_generated_and_readable(national, client):
    counts = national.generate()
    assert counts["municipalities"] == 3 and counts["plans"] == 3 and counts["routines"] == 21
    assert counts["unit texts"] > 0
    advisor = Membership.objects.select_related("user", "municipality").filter(role=Membership.Role.ADVISOR).first()
    plan = Plan.objects.get(municipality=advisor.municipality)
    client.force_login(advisor.user)
    response = client.get(reverse("documents:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    assert advisor.municipality.name in response.content.decode()
    assert client.get(reverse("meetings:arena_list", args=[plan.pk])).status_code == 200


def test_the_load_editors_form_saves_as_the_locustfile_posts_it(national):
    """benchmarks/sessions.py's edit address opens for the advisor, and locustfile.py's fields save it."""
    import re

    from django.test import Client

    national.generate()
    spec = importlib.util.spec_from_file_location("sessions_script", SCRIPT.parent / "sessions.py")
    sessions = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sessions)
    advisor = Membership.objects.select_related("user", "municipality").filter(role=Membership.Role.ADVISOR).first()
    plan = Plan.objects.get(municipality=advisor.municipality)
    url = sessions.edit_url(plan)
    client = Client(enforce_csrf_checks=True)
    client.force_login(advisor.user)
    form = client.get(url)
    assert form.status_code == 200
    # The patterns of benchmarks/locustfile.py (Editor.edit_unit_text).
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|seen_version)" value="([^"]*)"', form.text))
    body = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', form.text, re.S)
    assert len(fields) == 2 and body
    saved = client.post(url, {**fields, "body": body[1].strip() + " (endring 1)", "status": "done"})
    assert saved.status_code == 302
    assert plan.routines.get(pk=url.split("/")[-4]).unit_texts.filter(body__endswith="(endring 1)").exists()
