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
