"""The plan's outline: chapters in the municipality's order, each with its text and the parts placed in it.

Checked on small plans, without rendering; the demo's PDF bookmarks are read in test_pdf_demo.py.
"""

import pytest
from django.utils import translation

from documents import pdf
from documents.outline import plan_outline
from routines.models import Section
from tests.support.factories import make_actor, make_milestone, make_plan, make_section

pytestmark = pytest.mark.django_db


def outline_of(plan):
    plan = pdf.load_plan(plan.pk)
    with translation.override("nb"):
        return pdf.build_context(plan)["chapters"]


def shape(chapters):
    return [(c.number, c.title, c.part, [(e.title, e.part) for e in c.children]) for c in chapters]


def test_a_plan_without_an_outline_prints_every_part_as_a_chapter_after_its_sections():
    plan = make_plan(intro="Velkommen.")
    make_section(plan, title="Kompetansebehov")
    make_actor(plan, duties=["Leder"])
    make_milestone(plan)
    assert shape(outline_of(plan)) == [
        (1, "Innledning", "intro", []),
        (2, "Kompetansebehov", "", []),
        (3, "Laget rundt barnet med rolle og ansvar", "actors", []),
        (4, "Milepæler", "milestones", []),
    ]


def test_parts_placed_in_sections_go_under_their_chapter_in_the_sections_order():
    plan = make_plan(intro="Velkommen.")
    make_section(plan, title="Innledning", part=Section.Part.INTRO)
    make_section(plan, title="Organisering", body="Slik er vi organisert.")
    make_section(plan, title="Milepæler og aktører i fokus", level=2, part=Section.Part.MILESTONES)
    make_section(plan, title="Aktørene", level=2, part=Section.Part.ACTORS)
    make_actor(plan, duties=["Leder"])
    make_milestone(plan)
    chapters = outline_of(plan)
    assert shape(chapters) == [
        (1, "Innledning", "intro", []),
        (2, "Organisering", "", [("Milepæler og aktører i fokus", "milestones"), ("Aktørene", "actors")]),
    ]
    # The chapter with a big table starts a page; anchors name the section.
    assert chapters[1].new_page and chapters[1].anchor == f"section-{plan.sections.get(title='Organisering').pk}"


def test_a_placed_part_without_content_keeps_its_section_and_an_empty_part_is_not_a_chapter():
    plan = make_plan()
    make_section(plan, title="Årshjulet", level=2, part=Section.Part.YEAR_WHEEL)
    # A first section on level 2 has no chapter above it: it is one.
    assert shape(outline_of(plan)) == [(1, "Årshjulet", "year_wheel", [])]


def test_plan_outline_leaves_out_parts_without_content():
    plan = make_plan()
    make_section(plan, title="Tekst")
    assert [c.title for c in plan_outline(plan, present=set())] == ["Tekst"]


def test_a_text_section_titled_like_a_parts_chapter_opens_it_once():
    plan = make_plan()
    make_section(plan, title="Milepæler", body="Slik bruker vi milepælene.")
    make_milestone(plan)
    assert shape(outline_of(plan)) == [(1, "Milepæler", "milestones", [])]
