"""A plan is written in Bokmål or Nynorsk: what is made from it speaks that language, whatever the reader's."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from conftest import make_entry, make_milestone, make_plan
from meetings.models import FeedToken

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
