"""Dates in the PDF: a date at the start of a line prints as that date, a numbered list keeps its
numbers, the progress table runs in date order with month-wide items first, and every kind and
precision reads as written, in Bokmål and Nynorsk (two renders for the module)."""

import datetime
import io
import re

import pypdf
import pytest
from django.urls import reverse

from documents.pdf import render_plan_pdf
from routines.models import Membership
from tests.support.factories import make_entries_of_every_kind, make_entry, make_member, make_plan, make_routine

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def pages_of(pdf):
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_dates_stay_dates_lists_keep_their_numbers_and_the_table_is_in_date_order(client):
    plan = make_plan()
    make_entry(plan, content="15. mai - frist for søknad om spesialundervisning")
    make_entry(plan, content="15. august - oppstart\n\n15. desember - evaluering")
    make_routine(plan, title="Ved bekymring", body="3. Kartlegging\n4. Tiltak")
    make_entry(plan, kind="course", starts_on=datetime.date(2023, 9, 14), ends_on=datetime.date(2023, 9, 15))
    make_entry(plan, starts_on=datetime.date(2023, 9, 20), content="SUT")
    make_entry(plan, starts_on=datetime.date(2023, 9, 2), content="Lørdagsmøte")
    make_entry(plan, starts_on=datetime.date(2023, 10, 3), content="BUG")
    make_entry(
        plan,
        kind="task",
        precision="months",
        starts_on=datetime.date(2023, 9, 1),
        ends_on=datetime.date(2023, 11, 30),
        content="Pedagogisk analyse",
    )
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    response = client.get(reverse("documents:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    pages = pages_of(b"".join(response.streaming_content) if response.streaming else response.content)
    # A line may break after the dash of "september–november".
    text = re.sub(r"\s+", " ", " ".join(pages)).replace("– ", "–")
    for date in ("15. mai - frist", "15. august - oppstart", "15. desember - evaluering"):
        assert date in text
    assert "1. mai" not in text and "1. august" not in text
    routine_page = re.sub(r"\s+", " ", next(page for page in pages if "Kartlegging" in page))
    assert "3. Kartlegging 4. Tiltak" in routine_page
    # The progress table: "hele måneden" first, then every day in order, a period by its first day.
    table = text[text.index("September 2023") :]
    assert table.index("Hele måneden") < table.index("I løpet av september–november") < table.index("2.9.")
    days = [(int(month), int(day)) for day, month in re.findall(r"\b(\d{1,2})\.(\d{1,2})\.", table)]
    assert days == sorted(days) and (9, 4) in days and days.index((9, 4)) < days.index((9, 14))


def test_every_kind_and_precision_in_nynorsk():
    plan = make_plan(language="nn")
    make_entries_of_every_kind(plan)
    text = re.sub(r"\s+", " ", " ".join(pages_of(render_plan_pdf(plan)))).replace("– ", "–")
    for label in ("Møte", "Frist", "Kurs/samling", "Oppgåve i perioden", "Heile månaden"):
        assert label in text
    for span in ("I løpet av september–november", "Mars", "Hausten", "Våren", "Heile skuleåret"):
        assert span in text
    assert "1. sep" not in text
