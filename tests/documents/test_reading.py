"""The whole plan to read: for everyone who may read it, in its outline, and for anyone once published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.services import approve_plan, publish_plan
from routines.models import Routine, Section
from tests.support.factories import (
    make_actor,
    make_milestone,
    make_routine,
    make_section,
    make_unit,
    make_unit_text,
)

pytestmark = pytest.mark.django_db


def read_url(plan):
    return reverse("documents:plan_read", args=[plan.pk])


@pytest.fixture
def outlined(plan):
    """A draft with a chapter holding a part under it, and a part no section places."""
    make_section(plan, title="Organisering", body="Slik er vi *organisert*.")
    make_section(plan, title="Aktørene", level=Section.Level.UNDER_CHAPTER, part=Section.Part.ACTORS)
    make_actor(plan, name="Kommunedirektør", duties=["Sørger for at planen følges"])
    make_milestone(plan, text="Alle enheter vurderer eget ståsted")
    return plan


def test_the_advisor_reads_the_whole_draft_in_its_outline(client, advisor, outlined):
    client.force_login(advisor)
    page = client.get(read_url(outlined))
    assert page.status_code == 200
    html = page.text
    organisation = outlined.sections.get(title="Organisering")
    actors = outlined.sections.get(title="Aktørene")
    # Chapters numbered in order, the part under its chapter, every one with an anchor the contents link.
    assert html.index(">1. Organisering</h2>") < html.index(">Aktørene</h3>") < html.index(">2. Milepæler</h2>")
    for anchor in (f"section-{organisation.pk}", f"section-{actors.pk}", "part-milestones"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert "<em>organisert</em>" in html and "Sørger for at planen følges" in html
    assert "Alle enheter vurderer eget ståsted" in html
    # A draft says so; the PDF is one link away.
    assert "UTKAST" in html
    assert f'href="{reverse("documents:plan_pdf", args=[outlined.pk])}"' in html and "Last ned PDF" in html


@pytest.mark.parametrize("role", ["employee", "reader", "unit_leader", "approver"])
def test_everyone_of_the_municipality_may_read_it(client, outlined, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(read_url(outlined)).status_code == 200


def test_another_municipality_gets_404_and_a_visitor_is_asked_to_log_in(client, outsider, outlined):
    client.force_login(outsider)
    assert client.get(read_url(outlined)).status_code == 404
    client.logout()
    response = client.get(read_url(outlined))
    assert response.status_code == 302 and "login" in response.url


def test_an_unknown_plan_is_404_and_a_post_is_refused(client, advisor, outlined):
    client.force_login(advisor)
    assert client.get(reverse("documents:plan_read", args=[999_999])).status_code == 404
    assert client.post(read_url(outlined)).status_code == 405


def test_the_number_of_queries_does_not_grow_with_the_plan(client, advisor, plan):
    client.force_login(advisor)
    unit = make_unit(plan.municipality)

    def add_parts(number):
        routine = make_routine(plan, title=f"Rutine {number}", scope=Routine.Scope.UNIT)
        make_unit_text(routine, unit, body="Vår tekst.")
        make_actor(plan, duties=["Én", "To"])
        make_section(plan, title=f"Kapittel {number}")

    add_parts(1)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(read_url(plan)).status_code == 200
        return len(queries)

    small = count()
    for number in range(2, 6):
        add_parts(number)
    assert count() == small


def test_an_approved_plan_sums_up_unwritten_unit_texts_in_one_line(client, advisor, plan):
    routine = make_routine(plan, title="Vår overgangsrutine", scope=Routine.Scope.UNIT)
    written = make_unit(plan.municipality, name="Åsen skole")
    for number in range(3):
        make_unit(plan.municipality, name=f"Enhet {number}")
    make_unit_text(routine, written, body="Vi gjør dette på vår måte.")
    approve_plan(plan, advisor)
    client.force_login(advisor)
    html = client.get(read_url(plan)).text
    assert "Vi gjør dette på vår måte." in html
    assert "Skrevet av 1 av 4 enheter." in html
    assert "Ikke skrevet ennå." not in html and "Enhet 0" not in html
    assert "UTKAST" not in html and "plan-banner" in html  # the approval's banner instead


def test_the_public_page_is_the_reading_page_for_anyone(client, advisor, outlined):
    plan = publish_plan(approve_plan(outlined, advisor), advisor)
    page = client.get(reverse("documents:public_plan", args=[plan.public_slug]))
    assert page.status_code == 200
    assert ">1. Organisering</h2>" in page.text and ">Aktørene</h3>" in page.text
    pdf_url = reverse("documents:public_plan_pdf", args=[plan.public_slug])
    assert f'href="{pdf_url}"' in page.text and "Last ned PDF" in page.text
    assert "UTKAST" not in page.text


@pytest.mark.pdf
def test_the_public_pdf_is_for_anyone_while_published(client, advisor, plan):
    make_milestone(plan, text="Alle enheter vurderer eget ståsted")
    plan = publish_plan(approve_plan(plan, advisor), advisor)
    response = client.get(reverse("documents:public_plan_pdf", args=[plan.public_slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF")


def test_no_public_pdf_of_an_unpublished_plan(client, plan):
    assert client.get(reverse("documents:public_plan_pdf", args=["no-such-plan"])).status_code == 404
    plan.public_slug = "kladd"
    plan.save()
    assert client.get(reverse("documents:public_plan_pdf", args=["kladd"])).status_code == 404
