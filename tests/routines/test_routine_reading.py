"""One routine on its own: its reading page, and its one-page PDF (read back with pypdf), also from a unit."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from documents.tasks import render_routine_pdf, schedule_renders
from ops.models import StoredPdf
from routines.models import Membership, Routine, Unit
from tests.support.factories import (
    make_legal_reference,
    make_member,
    make_routine,
    make_unit,
    make_unit_text,
)

pytestmark = pytest.mark.django_db
DEMO = Path(settings.BASE_DIR) / "documents" / "demo" / "sortland.json"


def demo_routine(plan):
    """The demo's routine for a safe school environment, as the demo loads it: text and legal basis."""
    [source] = [
        routine
        for routine in json.loads(DEMO.read_text())["plans"][0]["routines"]
        if routine["title"].startswith("Rutiner for et trygt og godt")
    ]
    routine = make_routine(plan, title=source["title"], body=source["body"], scope=Routine.Scope.UNIT)
    for reference in source["legal_references"]:
        make_legal_reference(routine, citation=reference["citation"], url=reference["url"])
    return routine


@pytest.fixture
def school(municipality):
    return make_unit(municipality, name="Nordbyen skole", kind=Unit.Kind.SCHOOL)


@pytest.fixture
def routine(plan, school):
    routine = demo_routine(plan)
    make_unit_text(routine, school, status="done", body="Hos oss tar **kontaktlærer** første samtale.")
    return routine


def page(client, routine, unit=None):
    if unit is None:
        return client.get(reverse("routines:routine_page", args=[routine.pk]))
    return client.get(reverse("routines:routine_page_of_unit", args=[routine.pk, unit.pk]))


def pdf(client, routine, unit=None):
    if unit is None:
        return client.get(reverse("routines:routine_pdf", args=[routine.pk]))
    return client.get(reverse("routines:routine_pdf_of_unit", args=[routine.pk, unit.pk]))


def test_the_page_shows_the_routine_and_its_legal_basis(client, employee, routine):
    client.force_login(employee)
    response = page(client, routine)
    assert response.status_code == 200
    text = response.text
    assert f'id="routine-{routine.pk}"' in text
    assert "Opplæringsloven kap. 12" in text and 'href="https://lovdata.no/lov/2023-06-09-30"' in text
    assert reverse("routines:routine_pdf", args=[routine.pk]) in text
    assert "kontaktlærer" not in text  # no unit's text without a unit


def test_opened_from_a_unit_it_shows_the_units_own_text(client, employee, routine, school):
    client.force_login(employee)
    text = page(client, routine, school).text
    assert "Teksten til Nordbyen skole" in text
    assert "<strong>kontaktlærer</strong>" in text
    assert reverse("routines:routine_pdf_of_unit", args=[routine.pk, school.pk]) in text


def test_a_common_routine_without_a_supplement_says_the_common_text_applies(client, employee, plan, school):
    common = make_routine(plan, title="Foreldremøter", body="Felles tekst", allows_local_supplement=True)
    client.force_login(employee)
    assert "den felles teksten gjelder som den står" in page(client, common, school).text


def test_another_municipality_and_a_routine_for_other_units_are_not_found(client, routine, school, outsider, plan):
    client.force_login(outsider)
    assert page(client, routine).status_code == 404
    assert pdf(client, routine).status_code == 404
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    kindergartens_only = make_routine(plan, title="Overgang til skole", unit_kinds=["kindergarten"])
    assert page(client, kindergartens_only, school).status_code == 404
    foreign_unit = make_unit()
    assert page(client, routine, foreign_unit).status_code == 404
    assert pdf(client, routine, foreign_unit).status_code == 404
    assert client.post(reverse("routines:routine_page", args=[routine.pk])).status_code == 405


@pytest.mark.pdf
def test_the_pdf_is_one_tagged_page_with_the_routine_and_the_units_text(client, unit_leader, routine, school):
    client.force_login(unit_leader)
    response = pdf(client, routine, school)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Rutiner for et trygt og godt barnehage- og skolemiljø" in text
    assert "Opplæringsloven kap. 12" in text and "Barnehageloven kap. 8" in text
    assert "Teksten til Nordbyen skole" in text and "kontaktlærer" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nb"
    assert b"pdfuaid" in root["/Metadata"].get_data()  # declared PDF/UA-1
    assert reader.metadata.title.startswith("Rutiner for et trygt og godt")
    # Stored: the next download is the same file, and an edit of the routine renders it again in the background.
    assert pdf(client, routine, school).content == response.content
    schedule_renders(routine.plan_id)
    assert StoredPdf.objects.filter(name__startswith=f"routine:{routine.plan_id}:{routine.pk}:{school.pk}:").exists()


@pytest.mark.pdf
def test_the_background_render_follows_an_edit_and_forgets_a_deleted_routine(routine, school):
    assert render_routine_pdf.call(routine.pk, school.pk) == "rendered"
    assert render_routine_pdf.call(routine.pk, school.pk) == "stored"
    Routine.objects.filter(pk=routine.pk).update(title="Rutine for trygt miljø")
    assert render_routine_pdf.call(routine.pk, school.pk) == "rendered"
    assert render_routine_pdf.call(routine.pk, make_unit().pk) == "gone"
    assert render_routine_pdf.call(0, 0) == "gone"
