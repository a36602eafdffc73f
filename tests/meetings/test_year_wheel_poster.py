"""The year wheel as a printable poster: every entry's label read back from the PDF, the page PDF/UA-1,
A3 landscape, rendered by a task and served like every stored PDF, and only to the plan's own people."""

import datetime
import io

import pypdf
import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ops.models import StoredPdf
from tests.support.factories import (
    make_arena,
    make_entry,
    make_member,
    make_municipality,
    make_plan,
    make_school_calendar,
    make_target_group,
)

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]
D = datetime.date
# October is crowded: more entries than fit beside its sector.
OCTOBER = [f"Oktobermøte {number}" for number in range(1, 11)]


def build_plan():
    plan = make_plan(title="Plan for Vik")
    make_school_calendar(plan.municipality, 2023, breaks=[("winter", D(2024, 2, 26), D(2024, 3, 1))])
    leaders = make_target_group(plan, name="Skoleledere")
    make_arena(plan, name="SKUT", rhythm="monthly", rhythm_weekday=1, rhythm_week=1)
    make_entry(plan, kind="meeting", starts_on=D(2023, 9, 4), content="SUT heldagsmøte").target_groups.add(leaders)
    make_entry(plan, kind="deadline", starts_on=D(2024, 3, 1), content="Frist for søknad om spesialundervisning")
    make_entry(plan, kind="course", starts_on=D(2023, 9, 14), ends_on=D(2023, 9, 15), content="Ledersamling")
    make_entry(
        plan,
        kind="task",
        precision="months",
        starts_on=D(2023, 9, 1),
        ends_on=D(2023, 11, 30),
        content="BTI nivå 0 ved hver enhet",
    ).target_groups.add(leaders)
    for number, content in enumerate(OCTOBER, start=10):
        make_entry(plan, kind="meeting", starts_on=D(2023, 10, number), content=content)
    return plan


@pytest.fixture(scope="module")
def poster(django_db_setup, django_db_blocker):
    """The poster of a small plan, downloaded once for the module: (reader, page texts, first response)."""
    with django_db_blocker.unblock(), transaction.atomic():
        plan = build_plan()
        client = Client()
        client.force_login(make_member("reader", plan.municipality))
        url = reverse("meetings:year_wheel_poster", args=[plan.pk])
        response = client.get(url)
        stored = StoredPdf.objects.filter(name=f"wheel:{plan.pk}").exists()
        outsider = Client()
        outsider.force_login(make_member("advisor", make_municipality()))
        refused = outsider.get(url).status_code
        transaction.set_rollback(True)
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return reader, [page.extract_text() for page in reader.pages], response, stored, refused


def test_the_poster_is_a_stored_pdf_on_a3_landscape(poster):
    reader, pages, response, stored, _refused = poster
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert stored  # rendered by the task into the store, then served from it
    assert "arshjul-plakat" in response["Content-Disposition"]
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (1191, 842)  # A3 landscape in points


def test_the_wheel_page_labels_every_entry_and_says_how_many_more_when_a_month_is_full(poster):
    pages = poster[1]
    wheel = pages[0]
    for label in ["4. SUT heldagsmøte", "14.–15. Ledersamling", "1. Frist for søknad om spesialundervisning"]:
        assert label in wheel, label
    assert "I løpet av september–november BTI nivå 0" in wheel
    assert "September 2023" in wheel and "Oktober 2023" in wheel
    shown = [content for content in OCTOBER if content in wheel]
    assert len(shown) == 6 and f"+{len(OCTOBER) - 6} til" in wheel
    everything = "\n".join(pages)
    assert all(content in everything for content in OCTOBER)  # the list after the wheel has the rest


def test_the_poster_is_tagged_pdf_ua_in_the_plans_language(poster):
    reader, pages = poster[0], poster[1]
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nb"
    assert b"pdfuaid" in root["/Metadata"].get_data()
    assert "Årshjulet som liste" in pages[1]


def test_another_municipality_finds_no_poster(poster, client):
    assert poster[4] == 404
    plan = make_plan()
    response = client.get(reverse("meetings:year_wheel_poster", args=[plan.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
