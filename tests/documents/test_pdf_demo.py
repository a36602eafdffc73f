"""The real demo plan (documents/demo/sortland.json) as PDF: every part is there.

Expected values are read from the demo file itself, and weekdays are
computed here independently of the PDF code. That a long progress plan
repeats its table header on every page is checked in test_pdf_export.py.
"""

import datetime
import io
import re

import pypdf
import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from documents import pdf
from routines.models import Membership
from tests.support.factories import make_member
from tests.support.sample_plan import import_demo

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

WEEKDAYS = ["Man", "Tir", "Ons", "Tor", "Fre", "Lør", "Søn"]
MONTHS = ["jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sept.", "okt.", "nov.", "des."]


def squash(text):
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def plain(markdown):
    """The first line of a Markdown text as the PDF shows it."""
    first = next(line for line in markdown.splitlines() if line.strip())
    return re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", first).replace("**", "").replace("*", "").replace("_", "")


NB_MONTHS = "januar februar mars april mai juni juli august september oktober november desember".split()


def date_label(entry):
    start = datetime.date.fromisoformat(entry["starts_on"])
    end = datetime.date.fromisoformat(entry["ends_on"]) if entry["ends_on"] else start
    if entry["precision"] == "months":  # as written: «I løpet av september–november», «Januar»
        first, last = NB_MONTHS[start.month - 1], NB_MONTHS[end.month - 1]
        return first.capitalize() if first == last else f"I løpet av {first}–{last}"
    if (end - start).days >= 7:
        return f"{start.day}. {MONTHS[start.month - 1]}"
    return f"{WEEKDAYS[start.weekday()]} {start.day}.{start.month}."


SOURCE_CHAPTERS = [
    "1. Innledning",
    "2. Kompetansebehov",
    "3. Laget rundt barnet",
    "4. Kunnskapsgrunnlag, OMNI-modellen og kompetansepakker",
    "5. Handlingsveileder BTI/BTS",
    "6. Pedagogisk analyse",
    "7. Organisering og aktører",
    "8. Fremdriftsplan",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo plan's PDF, rendered once for the module: (reader, page texts, the plan's part of the file).

    Its reading page too, which follows the same outline.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        plan, data = import_demo()
        reader = pypdf.PdfReader(io.BytesIO(pdf.render_plan_pdf(pdf.load_plan(plan.pk))))
        client = Client()
        client.force_login(make_member(Membership.Role.READER, plan.municipality))
        reading_page = client.get(reverse("documents:plan_read", args=[plan.pk])).text
        transaction.set_rollback(True)
    return reader, [page.extract_text() for page in reader.pages], data, reading_page


def test_the_demo_pdf_has_the_source_plans_eight_chapters_in_order(demo):
    reader = demo[0]
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top_level == ["Innhold", *SOURCE_CHAPTERS]
    # The plan's structured parts are bookmarks under "7. Organisering og aktører", where the source has them.
    titles = [getattr(item, "title", None) for item in reader.outline]
    organisation = reader.outline[titles.index(SOURCE_CHAPTERS[6]) + 1]
    assert [item.title for item in organisation if not isinstance(item, list)] == [
        "Laget rundt barnet med rolle og ansvar",
        "Handlingsramme – felles møtearenaer",
        "Milepæler og aktører i fokus",
        "Felles rutiner",
        "Enhetenes egne rutiner",
    ]
    # The table of contents lists the same chapters, each with its page number.
    contents = demo[1][1]
    for chapter in SOURCE_CHAPTERS:
        assert re.search(re.escape(chapter) + r"[ .]*\d+", contents), chapter


def test_the_demo_reading_page_has_the_same_eight_chapters(demo):
    chapters = re.findall(r"<h2 id=\"[^\"]+-heading\">([^<]+)</h2>", demo[3])
    assert chapters == SOURCE_CHAPTERS
    assert "Laget rundt barnet med rolle og ansvar</h3>" in demo[3]


def test_the_demo_plan_as_pdf_shows_every_part(demo):
    reader, pages, data, _reading_page = demo
    text = squash("\n".join(pages))

    for actor in data["actors"]:
        assert squash(actor["name"]) in text
        for duty in actor["duties"]:
            assert squash(duty) in text, duty
    for arena in data["arenas"]:
        assert squash(arena["name"]) in text, arena["name"]
    for milestone in data["milestones"]:
        assert squash(milestone["text"]) in text
    for entry in data["progress_entries"]:
        assert squash(plain(entry["content"])) in text, entry["content"]
        assert squash(date_label(entry)) in text, (entry["starts_on"], date_label(entry))
    for routine in data["routines"]:
        assert squash(routine["title"]) in text
    assert squash("Felles rutiner") in text and squash("Enhetenes egne rutiner") in text
    assert f"side 1 av {len(pages)}" in pages[0]
    assert all("UTKAST" in page for page in pages)  # the demo plan is a draft
    assert reader.metadata.title.startswith(data["title"])
    assert reader.trailer["/Root"]["/Lang"] == "nb"


def test_the_demo_pdf_has_a_landscape_year_wheel_page_with_every_months_labels(demo):
    reader, pages = demo[0], demo[1]
    wheel_pages = [
        number
        for number, page in enumerate(reader.pages)
        if page.mediabox.width > page.mediabox.height and "Årshjul" in pages[number]
    ]
    assert len(wheel_pages) == 1
    text = pages[wheel_pages[0]]
    for month in ["August 2023", "September 2023", "Desember 2023", "Juni 2024"]:
        assert month in text
    assert "Skoleledermøte" in text and "Vinterferie" not in text  # labels; the days off are a band, not text
    assert "til" in text.split("September 2023")[1]  # a full month says how many more ("+7 til")
