"""The plan as PDF: content, structure, accessibility, safety, caching, the view.

PDFs are read back with pypdf. Text comparisons ignore whitespace and
hyphens, because the PDF hyphenates Norwegian words at line ends.
"""

import datetime
import io
import re
import time

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents import pdf, pdf_cache
from ops.pdf import PdfBusy
from routines.models import Membership, Plan, Routine, UnitRoutineText
from tests.support.factories import (
    make_entry,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_unit,
    make_unit_text,
)
from tests.support.sample_plan import ACTORS, ARENAS, ENTRIES, MILESTONES, ROUTINES, build_sample_plan
from tests.support.worker import rendering_elsewhere

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture(autouse=True)
def short_render_wait(settings):
    settings.PDF_RENDER_WAIT_SECONDS = 0.2


def squash(text):
    """Text without whitespace and hyphens: line breaks and hyphenation vary."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def read(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    return reader, pages


def render(plan):
    return pdf.render_plan_pdf(pdf.load_plan(plan.pk))


def outline_titles(reader):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def structure_tags(reader):
    """Structure-tree element types (/H1, /TH, …) in document order."""
    tags = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list) or isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                tags.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return tags


@pytest.fixture(scope="module")
def sample_pdf(django_db_setup, django_db_blocker):
    """The sample plan rendered once for the module's read-only checks; its rows are rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        plan = build_sample_plan()
        rendered = render(plan)
        title = f"{plan.title} 2023/2024 – {plan.municipality.name}"
        transaction.set_rollback(True)
    return rendered, title


def test_the_demo_plan_prints_every_part(sample_pdf):
    reader, pages = read(sample_pdf[0])
    text = squash("\n".join(pages))

    for name, role, duties in ACTORS:
        assert squash(name) in text
        assert squash(role) in text
        for duty in duties:
            assert squash(duty) in text, duty
    for arena in ARENAS:
        assert squash(arena[1]) in text
    for milestone in MILESTONES:
        assert squash(milestone) in text
    for title, *_ in ROUTINES:
        assert squash(title) in text
    assert squash("Felles rutiner") in text and squash("Enhetenes egne rutiner") in text
    assert squash("Ikke skrevet ennå.") in text  # the last unit has not written its texts
    # æøå survive extraction
    for word in ("Målgruppe og innhold", "Blåbærtua barnehage", "Skoleår 2023/2024", "Ansvar og oppgaver"):
        assert squash(word) in text
    assert f"side 1 av {len(pages)}" in pages[0]
    assert f"side {len(pages)} av {len(pages)}" in pages[-1]


def test_every_progress_entry_with_its_derived_weekday(sample_pdf):
    _, pages = read(sample_pdf[0])
    text = squash("\n".join(pages))
    for _starts, _ends, _from, _to, _comment, content, _numbers, _group in ENTRIES:
        assert squash(content.split("\n")[0]) in text, content
    # Weekdays come from the date: 26 October 2023 is a Thursday.
    assert squash("Tor 26.10.") in text
    assert squash("Man 14.8.") in text
    # Whole months show as written, under "hele måneden": September to November.
    assert squash("Hele månedenI løpet av september–november") in text
    assert squash("Tor 14.9.–fre 15.9.Periode") in text  # a short period keeps its weekdays
    assert squash("Ved hver enkelt barnehage og skole") in text
    assert squash("August 2023") in text and squash("Juni 2024") in text
    assert text.index(squash("August 2023")) < text.index(squash("Juni 2024"))


def test_table_of_contents_outline_and_metadata(sample_pdf):
    reader, pages = read(sample_pdf[0])
    toc = squash(pages[1])
    chapters = [
        "Innledning",
        "Visjon og fokusområder",
        "Kompetansebehov",
        "Laget rundt barnet med rolle og ansvar",
        "Grupper og møtearenaer",
        "Milepæler",
        "Fremdriftsplan",
        "Felles rutiner",
        "Enhetenes egne rutiner",
    ]
    assert squash("Innhold") in toc
    for title in chapters:
        assert squash(title) in toc
    # Page numbers from target-counter: "1. Innledning ....... 3"
    assert re.search(r"Innledning[ .]*\d+", pages[1])

    titles = outline_titles(reader)
    for title in chapters:
        assert any(title in t for t in titles), title
    for title, *_ in ROUTINES:
        assert title in titles  # each routine is a second-level bookmark

    assert reader.metadata.title == sample_pdf[1]
    assert reader.trailer["/Root"]["/Lang"] == "nb"


def test_accessible_structure(sample_pdf):
    reader, _ = read(sample_pdf[0])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    tags = structure_tags(reader)
    assert "/Table" in tags and "/TH" in tags
    levels = [int(tag[2]) for tag in tags if re.fullmatch(r"/H[1-6]", tag)]
    assert levels[0] == 1
    for previous, level in zip(levels, levels[1:], strict=False):
        assert level <= previous + 1, f"heading level skipped: h{previous} → h{level}"


# A text long enough for several pages: the page frame is what these tests read, so a small plan will do.
LONG_INTRO = "\n\n".join(
    f"Avsnitt {n} om laget rundt barnet og hvem som gjør hva gjennom skoleåret." for n in range(120)
)


def test_draft_mark_on_every_page_of_a_draft_only():
    draft = make_plan(status=Plan.Status.DRAFT, intro=LONG_INTRO)
    _, pages = read(render(draft))
    assert len(pages) >= 3 and all("UTKAST" in page for page in pages)

    approved = make_plan(status=Plan.Status.APPROVED, intro=LONG_INTRO)
    Plan.objects.filter(pk=approved.pk).update(approved_at=datetime.datetime(2024, 6, 12, 10, tzinfo=datetime.UTC))
    _, pages = read(render(approved))
    assert len(pages) >= 3 and not any("UTKAST" in page for page in pages)
    assert "Godkjent 12. juni 2024" in pages[0]


def test_running_header_and_footer_are_the_plans_own_words_on_every_page_but_the_cover():
    plan = make_plan(title='Plan «A» "B" </style> \\ slutt', intro=LONG_INTRO)
    make_routine(plan)
    _, pages = read(render(plan))
    header = squash(f'{plan.municipality.name}  ·  Plan «A» "B" </style> \\ slutt')
    assert header not in squash(pages[0])  # the cover has no header
    for number, page in enumerate(pages[1:], start=2):
        assert header in squash(page), number
        assert squash(f"Skoleår 2023/2024  ·  side {number} av {len(pages)}") in squash(page)


def test_nynorsk_plan_speaks_nynorsk():
    plan = make_plan(language=Plan.Language.NYNORSK)
    make_entry(plan, content="Foreldremøte")
    reader, pages = read(render(plan))
    assert reader.trailer["/Root"]["/Lang"] == "nn"
    text = squash("\n".join(pages))
    assert squash("Framdriftsplan") in text and squash("Skuleår 2023/2024") in text


def test_a_plan_twice_the_demo_repeats_table_headers(django_assert_max_num_queries):
    plan = build_sample_plan(scale=2)
    reader, pages = read(render(plan))
    assert len(pages) > 30
    page_of = {item.title: reader.get_destination_page_number(item) for item in _flat_outline(reader)}
    start = page_of[next(t for t in page_of if re.fullmatch(r"\d+\. Fremdriftsplan", t))]
    end = page_of[next(t for t in page_of if re.fullmatch(r"\d+\. Felles rutiner", t))]
    assert end - start >= 4
    wheel = page_of["Årshjul"]  # the year wheel's landscape page follows the progress plan's table
    for number in range(start, end):
        if number == wheel:
            continue
        first_lines = squash(pages[number])[:400]
        assert squash("DatoMålgruppe og innholdSted og tidMilepæl") in first_lines, f"page {number + 1}"
    actors_start = page_of[next(t for t in page_of if re.fullmatch(r"\d+\. Laget rundt barnet.*", t))]
    assert squash("AktørRolleAnsvar og oppgaver") in squash(pages[actors_start + 1])[:400]


def _flat_outline(reader):
    flat = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else flat.append(item)

    walk(reader.outline)
    return flat


def test_loading_and_digest_take_a_fixed_number_of_queries():
    small = make_plan()
    make_routine(small)
    demo = build_sample_plan()
    double = build_sample_plan(municipality=make_municipality(), scale=2)

    def queries(action):
        with CaptureQueriesContext(connection) as captured:
            action()
        return len(captured)

    def load_and_render(plan):
        return lambda: pdf.render_plan_html(pdf.load_plan(plan.pk))

    # Prefetching skips the queries for parts a plan does not have, so an
    # almost empty plan needs fewer; size never adds any.
    # 20: the year wheel's page reads the school calendar and the target groups (its legend), and the
    # attachments (of sections, routines and arenas) are loaded.
    assert queries(load_and_render(small)) <= queries(load_and_render(demo)) == queries(load_and_render(double)) <= 20
    assert queries(lambda: pdf_cache.plan_digest(double)) == 1


def test_unchanged_plan_is_not_rendered_twice_and_an_edit_is(render_counter):
    plan = make_plan()
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    make_unit_text(routine, make_unit(plan.municipality), body="Vi går gjennom rutinen i september.")
    digest, first = pdf_cache.get_plan_pdf(plan)
    again, second = pdf_cache.get_plan_pdf(plan)
    assert render_counter == [plan.pk]
    assert again == digest and second == first

    text = UnitRoutineText.objects.filter(routine__plan=plan).first()
    text.body = text.body.replace("september", "oktober", 1)
    text.save()
    changed, third = pdf_cache.get_plan_pdf(plan)
    assert len(render_counter) == 2
    assert changed != digest and third != first


def test_digest_sees_links_and_deletions():
    plan = build_sample_plan()
    before = pdf_cache.plan_digest(plan)
    routine = plan.routines.first()
    routine.milestones.clear()  # a many-to-many change saves no row
    after_unlink = pdf_cache.plan_digest(plan)
    assert after_unlink != before
    plan.progress_entries.first().delete()
    assert pdf_cache.plan_digest(plan) != after_unlink


def test_each_plan_has_its_own_digest_from_the_query_built_once():
    ours = build_sample_plan()
    theirs = build_sample_plan(municipality=make_municipality(slug="andoy", name="Andøy kommune"))
    ours_before, theirs_before = pdf_cache.plan_digest(ours), pdf_cache.plan_digest(theirs)
    assert ours_before != theirs_before
    unit = theirs.municipality.units.first()
    unit.name = "Nytt navn på enheten"
    unit.save()
    assert pdf_cache.plan_digest(ours) == ours_before  # another municipality's change is not ours
    assert pdf_cache.plan_digest(theirs) != theirs_before


def test_a_render_of_the_same_plan_elsewhere_gives_pdf_busy():
    plan = make_plan()
    with rendering_elsewhere(pdf_cache.plan_pdf_name(plan)):
        with pytest.raises(PdfBusy):
            pdf_cache.get_plan_pdf(plan, wait=0.1)


# --- Hostile URLs (the fetcher itself: tests/ops/test_pdf.py) ---------------


def test_hostile_urls_in_user_text_neither_leak_nor_hang():
    plan = make_plan()
    make_routine(
        plan,
        title="Rutine med lenker",
        body='<img src="file:///etc/passwd">\n\n![passord](file:///etc/passwd) ![lokal](http://127.0.0.1:9/x.png) '
        "![fjern](https://example.com/logo.png) [lenke](file:///etc/passwd)",
    )
    make_section(plan, title="Seksjon", body="![bilde](http://10.0.0.1/x.png)")
    started = time.monotonic()
    _, pages = read(render(plan))
    assert time.monotonic() - started < 20
    text = "\n".join(pages)
    assert "root:" not in text and "/bin/" not in text
    assert "Rutine med lenker" in text


# --- The view and the command ------------------------------------------------


def user_with_role(municipality, role=Membership.Role.READER, username="leser"):
    user = get_user_model().objects.create_user(username=username, password="x")
    Membership.objects.create(user=user, role=role, municipality=municipality)
    return user


def test_view_serves_the_pdf_with_an_etag_and_304(client, render_counter):
    plan = make_plan(title="Plan for Bø")
    make_routine(plan, title="Felles rutine")
    client.force_login(user_with_role(plan.municipality))
    url = reverse("documents:plan_pdf", args=[plan.pk])

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "private" in response["Cache-Control"]
    etag = response["ETag"]

    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified["ETag"] == etag
    assert client.get(url).content == response.content
    assert render_counter == [plan.pk]


def test_view_needs_login_and_hides_other_municipalities(client):
    plan = make_plan()
    url = reverse("documents:plan_pdf", args=[plan.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    client.force_login(user_with_role(make_municipality(), role=Membership.Role.ADVISOR))
    assert client.get(url).status_code == 404


def test_view_says_try_again_while_the_renderer_is_busy(client):
    plan = make_plan()
    client.force_login(user_with_role(plan.municipality))
    url = reverse("documents:plan_pdf", args=[plan.pk])
    with rendering_elsewhere(pdf_cache.plan_pdf_name(plan)):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "<h1>PDF-en lages nå</h1>" in page
    assert f'href="{url}">Prøv igjen</a>' in page
    assert reverse("documents:plan_detail", args=[plan.pk]) in page
    response = client.get(url)  # the lock is free again: the PDF, as a download
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")


def test_export_pdf_command(tmp_path):
    municipality = make_municipality(slug="sortland")
    make_plan(municipality, school_year=2022, title="Gammel plan")
    make_plan(municipality, school_year=2023, title="Ny plan")
    target = tmp_path / "plan.pdf"
    call_command("export_pdf", "sortland", "-o", str(target))
    assert "Ny plan" in read(target.read_bytes())[1][0]
    call_command("export_pdf", "sortland", "--year", "2022", "-o", str(target))
    assert "Gammel plan" in read(target.read_bytes())[1][0]


def test_unit_specific_routine_lists_every_unit():
    municipality = make_municipality()
    written = make_unit(municipality, name="Åsen skole")
    make_unit(municipality, name="Øya barnehage")
    plan = make_plan(municipality)
    routine = make_routine(plan, title="Enhetens egen rutine", scope=Routine.Scope.UNIT)
    make_unit_text(routine, written, body="Vi gjør dette på **vår** måte.")
    text = squash("\n".join(read(render(plan))[1]))
    assert squash("Åsen skole Vi gjør dette på vår måte.") in text
    assert squash("Øya barnehage Ikke skrevet ennå.") in text


def test_a_section_named_like_a_chapter_opens_that_chapter():
    plan = make_plan()
    make_section(plan, title="Fremdriftsplan", body="Inkluderende praksis er valgt som inngang.")
    make_entry_for(plan)
    reader, pages = read(render(plan))
    titles = outline_titles(reader)
    assert [t for t in titles if "Fremdriftsplan" in t] == ["1. Fremdriftsplan"]
    text = squash("\n".join(pages))
    # The section's text, then the progress plan: one table per month, the month its caption.
    assert re.search(
        squash("1. FremdriftsplanInkluderende praksis er valgt som inngang.") + r"[A-Z][a-z]+\d{4}Dato", text
    )


def make_entry_for(plan):
    from tests.support.factories import make_entry

    return make_entry(plan, content="Skoleledermøte")


def test_an_untimed_and_a_timed_entry_on_the_same_day():
    plan = make_plan()
    make_entry(plan, starts_on=datetime.date(2023, 10, 26), starts_at=datetime.time(18), content="Foreldremøte")
    make_entry(plan, starts_on=datetime.date(2023, 10, 26), content="Hele dagen")
    (month,) = pdf.build_context(pdf.load_plan(plan.pk))["months"]
    assert [row["entry"].content for row in month["rows"]] == ["Hele dagen", "Foreldremøte"]
