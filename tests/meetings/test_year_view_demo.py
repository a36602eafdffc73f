"""The year view on the demo: Sortland's progress plan 2023/2024 (seed 001), 89 lines."""

import datetime
import xml.etree.ElementTree as ET
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from icalendar import Calendar

from meetings.models import FeedToken
from meetings.progress import filtered_entries
from meetings.wheel import render_year_wheel_svg
from routines.models import Membership, Plan, Unit

D = datetime.date

# The seed's SUT/BUG lines (its colour for «SUT og/eller BUG»), read off the seed by hand.
SUT_AND_BUG = [
    (D(2023, 9, 4), "SUT"),
    (D(2023, 9, 8), "BUG"),
    (D(2023, 10, 5), "SUT"),
    (D(2023, 11, 14), "BUG"),
    (D(2023, 11, 20), "SUT"),
    (D(2024, 1, 22), "SUT"),
    (D(2024, 2, 8), "BUG"),
    (D(2024, 3, 5), "SUT"),
    (D(2024, 4, 16), "BUG"),
    (D(2024, 4, 22), "SUT"),
    (D(2024, 5, 23), "Felles SUT- og BUG- møte"),
]
# Kinds of unit per target group of the seed's legend, as an advisor would tick them.
TARGET_GROUP_KINDS = {
    "Styrere": ["kindergarten"],
    "Skoleledere": ["school"],
    "Pedagogiske ledere, SKUT, SFO-ledere og/eller TOPS": ["kindergarten", "school", "sfo"],
    "Kompetansetiltak for ansatte, barnehage og/eller skole/SFO": ["kindergarten", "school", "sfo"],
    "SUT og/eller BUG": ["kindergarten", "school"],
    "Elever": ["school"],
}


class YearViewOnTheDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())
        cls.plan = Plan.objects.get(municipality__slug="sortland", school_year=2023, title__startswith="KIBS")
        cls.advisor = Membership.objects.get(user__username="radgiver").user

    def setUp(self):
        self.client.force_login(self.advisor)

    def shown(self, **query):
        form, entries = filtered_entries(self.plan, {key: str(value) for key, value in query.items()})
        self.assertFalse(form.errors)
        return entries

    def tag_target_groups(self):
        for group in self.plan.target_groups.all():
            group.unit_kinds = TARGET_GROUP_KINDS.get(group.name, [])
            group.save()

    def test_all_89_lines(self):
        self.assertEqual(len(self.shown()), 89)

    def test_filter_to_sut_and_bug(self):
        group = self.plan.target_groups.get(name="SUT og/eller BUG")
        entries = self.shown(target_group=group.pk)
        self.assertEqual([(entry.starts_on, entry.content) for entry in entries], SUT_AND_BUG)

    def test_filter_to_the_sut_arena_and_a_milestone(self):
        sut = self.plan.arenas.get(abbreviation="SUT")
        milestone = self.plan.milestones.get(number=3)  # SUT lines serve «Alle»
        entries = self.shown(arena=sut.pk, milestone=milestone.pk)
        self.assertEqual([entry.starts_on for entry in entries], [day for day, what in SUT_AND_BUG if what == "SUT"])

    def test_unit_filter_follows_the_target_groups_kinds(self):
        self.tag_target_groups()
        kindergarten = self.plan.municipality.units.get(slug="strand-barnehage")
        contents = [entry.content for entry in self.shown(unit=kindergarten.pk)]
        self.assertIn("BUG", contents)
        self.assertIn("Felles styrermøte", contents)
        self.assertNotIn("Skoleledermøte", contents)
        self.assertNotIn("Elevrådsopplæring", contents)
        school_only = self.shown(
            unit_kind=Unit.Kind.SCHOOL, target_group=self.plan.target_groups.get(name="Styrere").pk
        )
        self.assertTrue(all(len(entry.target_groups.all()) > 1 for entry in school_only))

    def test_month_view_of_the_demo(self):
        response = self.client.get(reverse("meetings:progress_months", args=[self.plan.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Torsdag 26.")  # the seed typed «Tirs. 26.» for 26 October 2023
        self.assertContains(response, 'class="table table-sm progress-month table-stack"', count=11)

    def test_year_wheel_of_the_demo(self):
        root = ET.fromstring(render_year_wheel_svg(self.plan))
        marks = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "entry-mark" in g.get("class", "")]
        self.assertEqual(len(marks), 89)
        legend = " ".join(text.text or "" for text in root.iter("{http://www.w3.org/2000/svg}text"))
        for name in TARGET_GROUP_KINDS:
            self.assertIn(name, legend)

    def test_unit_feed_of_the_demo(self):
        self.tag_target_groups()
        token = FeedToken.regenerate(self.plan, self.advisor).token
        unit = self.plan.municipality.units.get(slug="sortland-barneskole")
        self.client.logout()
        response = self.client.get(reverse("meetings:unit_feed", args=[token, unit.pk]))
        events = Calendar.from_ical(response.content).walk("VEVENT")
        summaries = [str(event["SUMMARY"]) for event in events]
        self.assertIn("Skoleledermøte", summaries)
        self.assertNotIn("Styrermøte", summaries)
        first_day = next(event for event in events if str(event["SUMMARY"]) == "Halv fagdag for alle lærere")
        self.assertEqual(first_day.decoded("DTSTART").hour, 12)

    def test_query_counts_on_the_demo(self):
        # The progress page reads the arenas' rhythms too, and the school calendar with its days off; the
        # plan's digest is stored with the page kept in the cache (rendered here, on the first request:
        # test_page_cache.py counts a page from the cache). The page asks first whether the person may read
        # and edit the plan (access.get_plan_rights, all a kept page needs) and, rendering, loads the plan.
        for name, count in [
            ("meetings:progress_months", 15),
            ("meetings:year_wheel", 16),
            ("documents:plan_detail", 13),
        ]:
            with self.subTest(name), self.assertNumQueries(count):
                self.client.get(reverse(name, args=[self.plan.pk]))
