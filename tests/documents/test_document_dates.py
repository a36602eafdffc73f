"""An imported or revised plan keeps its document's dates ("vedtatt", "sist endret"); a new one starts without."""

import datetime

import pytest
from django.urls import reverse

from documents.planfile import PlanFileError, import_document, plan_to_dict
from documents.services import start_next_year, start_revision
from routines.models import Plan
from tests.support.factories import make_member, make_plan_document
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db

DECISION = {"body": "Kommunestyret", "reference": "22/1234", "date": "2022-06-20"}


@pytest.fixture
def imported():
    doc = make_plan_document()
    doc["plans"][0].update(status="approved", changed_on="2022-06-15", decision=DECISION)
    return import_document(doc).plans.get()


def test_an_import_keeps_the_documents_dates_and_exports_them_again(imported):
    assert imported.last_changed == datetime.date(2022, 6, 15)
    assert (imported.decision_body, imported.decision_reference, imported.decision_date) == (
        "Kommunestyret",
        "22/1234",
        datetime.date(2022, 6, 20),
    )
    data = plan_to_dict(imported)
    assert data["changed_on"] == "2022-06-15" and data["decision"] == DECISION


def test_a_revision_keeps_the_change_date_and_waits_for_its_own_decision(imported):
    advisor = make_member("advisor", imported.municipality)
    revision = start_revision(imported, advisor)
    # The old version's decision stays with the approved plan: a draft is not yet decided.
    assert revision.last_changed == datetime.date(2022, 6, 15) and not revision.has_decision
    next_year = start_next_year(imported, advisor)
    assert next_year.document_changed_on is None and not next_year.has_decision


def test_changing_the_settings_in_kibs_makes_today_the_last_change(client, imported):
    imported.status = Plan.Status.DRAFT
    imported.save()
    client.force_login(make_member("advisor", imported.municipality))
    url = reverse("documents:plan_edit", args=[imported.pk])
    data = form_data(client.get(url), "title")
    data["subtitle"] = "Revidert"
    assert client.post(url, data).status_code == 302
    imported.refresh_from_db()
    assert imported.document_changed_on is None and imported.last_changed == datetime.date.today()


def test_a_date_that_does_not_exist_is_refused():
    doc = make_plan_document()
    doc["plans"][0].update(changed_on="2022-02-30", decision={"date": "2022-13-01"})
    with pytest.raises(PlanFileError) as error:
        import_document(doc)
    paths = {problem.path for problem in error.value.problems}
    assert {"$.plans[0].changed_on", "$.plans[0].decision.date"} <= paths
