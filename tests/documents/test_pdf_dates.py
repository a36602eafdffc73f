"""A date at the start of a line prints as that date, and a numbered list keeps its numbers, in the PDF."""

import io
import re

import pypdf
import pytest
from django.urls import reverse

from routines.models import Membership
from tests.support.factories import make_entry, make_member, make_plan, make_routine

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_dates_stay_dates_and_lists_keep_their_numbers(client):
    plan = make_plan()
    make_entry(plan, content="15. mai - frist for søknad om spesialundervisning")
    make_entry(plan, content="15. august - oppstart\n\n15. desember - evaluering")
    make_routine(plan, title="Ved bekymring", body="3. Kartlegging\n4. Tiltak")
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    response = client.get(reverse("documents:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    reader = pypdf.PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    pages = [page.extract_text() for page in reader.pages]
    text = re.sub(r"\s+", " ", " ".join(pages))
    for date in ("15. mai - frist", "15. august - oppstart", "15. desember - evaluering"):
        assert date in text
    assert "1. mai" not in text and "1. august" not in text
    routine_page = re.sub(r"\s+", " ", next(page for page in pages if "Kartlegging" in page))
    assert "3. Kartlegging 4. Tiltak" in routine_page
