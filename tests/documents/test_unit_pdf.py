"""«Our unit's obligations» as a PDF, read back with pypdf."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.unit_pdf import render_unit_html, unit_pdf_name
from tests.support.factories import make_member, make_municipality, make_unit_text
from tests.support.units import (
    ADVISOR,
    READER,
    leader_of,
    load_demo,
    make_unit_plan,
    unit_test_settings,  # noqa: F401  (an autouse fixture)
)
from tests.support.worker import rendering_elsewhere

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def pdf_url(plan, unit):
    return reverse("documents:unit_pdf", args=[plan.pk, unit.pk])


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_demo_schools_pdf_holds_its_obligations(client):
    demo = load_demo()
    client.force_login(demo.rektor)
    response = client.get(pdf_url(demo.plan, demo.school))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="sortland-barneskole-2023.pdf"'
    text, reader = pdf_text(response)
    flat = " ".join(text.split())
    assert "Sortland barneskole" in flat
    assert "Ledelsen i barnehage og skole" in flat and "Den enkelte ansatte" in flat
    assert "Skolenes utviklingsgruppe" in flat and "Barnehagens lokale utviklingsgruppe" not in flat
    assert "Halv fagdag for alle lærere" in flat  # the whole school year's entries
    assert "Årlig utviklingsplan i samsvar med KIBS" in flat
    assert len(reader.pages) > 2
    assert "Sortland barneskole" in reader.metadata.title
    # The school year's 90 entries are the plan's compact table, a row each by month (its header
    # repeated on each page): six pages, where a block per entry took ten.
    assert "September 2023" in flat
    table_pages = [
        page
        for page in reader.pages
        if "Dato Målgruppe og innhold Sted og tid" in " ".join(page.extract_text().split())
    ]
    assert 1 < len(table_pages) <= 7


def test_the_pdf_is_written_in_the_plans_language(client):
    setup = make_unit_plan(language="nn")
    html = render_unit_html(setup.plan, setup.school)
    assert 'lang="nn"' in html
    assert "Oppgåver for leiinga og dei tilsette i eininga" in html  # needs the compiled catalogues (make test)


def test_the_pdf_shows_the_units_text_and_supplement(client):
    setup = make_unit_plan()
    make_unit_text(setup.own, setup.school, status="done", body="Vår rutine for **trygt** miljø")
    make_unit_text(setup.common, setup.school, body="Lokalt tillegg fra skolen")
    client.force_login(leader_of(setup.school))
    text, _reader = pdf_text(client.get(pdf_url(setup.plan, setup.school)))
    flat = " ".join(text.split())
    assert "Vår rutine for trygt miljø" in flat and "Lokalt tillegg fra skolen" in flat


def test_a_local_file_named_in_a_text_does_not_reach_the_pdf(client):
    setup = make_unit_plan()
    make_unit_text(setup.own, setup.school, body='<img src="file:///etc/hostname"> ![x](file:///etc/hostname)')
    client.force_login(leader_of(setup.school))
    response = client.get(pdf_url(setup.plan, setup.school))
    assert response.status_code == 200
    assert b"/Subtype /Image" not in response.content and b"/Subtype/Image" not in response.content


def test_readers_and_advisors_may_download_it(client):
    setup = make_unit_plan()
    for user in (make_member(READER, setup.municipality), make_member(ADVISOR, setup.municipality)):
        client.force_login(user)
        assert client.get(pdf_url(setup.plan, setup.school)).status_code == 200


def test_pdf_needs_login(client):
    setup = make_unit_plan()
    response = client.get(pdf_url(setup.plan, setup.school))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_municipalitys_pdf_is_404(client):
    setup = make_unit_plan()
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(pdf_url(setup.plan, setup.school)).status_code == 404


def test_the_pdf_is_stored_with_an_etag_and_waits_for_a_busy_renderer(client):
    setup = make_unit_plan()
    client.force_login(leader_of(setup.school))
    url = pdf_url(setup.plan, setup.school)
    with rendering_elsewhere(unit_pdf_name(setup.plan, setup.school)):
        busy = client.get(url)
    assert busy.status_code == 503 and busy["Retry-After"] == "5"
    assert f'href="{url}"' in busy.text  # try again
    assert reverse("documents:unit_page", args=[setup.plan.pk, setup.school.pk]) in busy.text
    response = client.get(url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    with rendering_elsewhere(
        unit_pdf_name(setup.plan, setup.school)
    ):  # unchanged: served from the store, no render needed
        assert client.get(url).content == response.content
