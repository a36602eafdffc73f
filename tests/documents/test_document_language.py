"""A plan is written in Bokmål or Nynorsk: what is made from it speaks that language, whatever the reader's."""

import io

import pypdf
import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.models import FeedToken
from routines.models import Membership
from tests.support.factories import make_actor, make_entry, make_member, make_milestone, make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "label"), [("nb", "Milepæler: 1"), ("nn", "Milepælar: 1")])
def test_a_calendar_feed_is_in_the_plans_language(client, language, label):
    plan = make_plan(language=language)
    entry = make_entry(plan, content="Felles planleggingsdag")
    entry.milestones.add(make_milestone(plan, number=1))
    token = FeedToken.regenerate(plan, None).token

    feed = client.get(reverse("meetings:plan_feed", args=[token]), HTTP_ACCEPT_LANGUAGE="en")

    event = Calendar.from_ical(feed.content).walk("VEVENT")[0]
    assert label in str(event["DESCRIPTION"])


@pytest.mark.pdf
def test_a_nynorsk_plans_pdf_is_in_nynorsk_whatever_the_readers_language(client):
    plan = make_plan(language="nn", title="Rutinebeskriving")
    make_actor(plan, name="Rektor", duties=["Leier SKUT"])
    make_entry(plan, content="Felles planleggingsdag")
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    client.cookies["django_language"] = "nb"

    response = client.get(reverse("documents:plan_pdf", args=[plan.pk]))

    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "nn"
    assert reader.metadata.title.startswith("Rutinebeskriving")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Framdriftsplan" in text and "Skuleår 2023/2024" in text and "Ansvar og oppgåver" in text
    assert "Fremdriftsplan" not in text and "Skoleår" not in text
