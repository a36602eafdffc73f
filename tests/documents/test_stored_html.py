"""Formatted texts are rendered once, when written, and the stored HTML never carries script.

Every way a text gets into the database is tried with the same hostile
source: a form, the plan-file import, a copy (revision), a restore from the
history, a restore from a backup, and the demo loader. Each time the stored
HTML is what the sanitiser makes of the source, and holds no script.
"""

import hashlib
import io
import json
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from documents.planfile import import_document
from documents.services import approve_plan, start_revision
from meetings.models import Gathering, ProgressEntry
from routines.formatting import render_markdown, rerender_table, stored_html_fields
from routines.models import Membership, Plan, Routine, Section, UnitRoutineText
from tests.support.factories import (
    make_entry,
    make_member,
    make_plan,
    make_plan_document,
    make_routine,
    make_section,
    make_unit,
    make_unit_text,
)
from tests.support.forms import form_data
from tests.support.history import delete

pytestmark = pytest.mark.django_db

HOSTILE = '**Viktig** <script>alert(1)</script> [lenke](javascript:alert(2)) <img src=x onerror="alert(3)">'


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML (text does not count)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def carries_script(html):
    return any(
        tag in ("script", "img", "iframe")
        or any(name.startswith("on") for name in attrs)
        or not (attrs.get("href") or "https:").startswith(("https:", "http:", "mailto:"))
        for tag, attrs in Elements(html).found
    )


def stored_models():
    return [model for model in apps.get_models() if stored_html_fields(model)]


def assert_safe(obj):
    """Each stored HTML field of obj is its source through the sanitiser, and carries no script."""
    obj.refresh_from_db()
    for field in stored_html_fields(type(obj)):
        html = getattr(obj, field.name)
        assert html == render_markdown(getattr(obj, field.source)), field.name
        assert not carries_script(html), field.name


def test_the_check_finds_script():
    assert carries_script("<script>alert(1)</script>") and carries_script('<a href="javascript:x">x</a>')
    assert not carries_script(render_markdown(HOSTILE))


def test_every_markdown_text_of_a_plan_has_its_html_stored():
    names = {(model._meta.label, field.source) for model in stored_models() for field in stored_html_fields(model)}
    assert {
        ("routines.Plan", "intro"),
        ("routines.Section", "body"),
        ("routines.Routine", "body"),
        ("routines.UnitRoutineText", "body"),
        ("meetings.Arena", "purpose"),
        ("meetings.ProgressEntry", "content"),
        ("meetings.Gathering", "description"),
    } <= names


def test_a_save_renders_the_text_and_an_edit_renders_it_again():
    section = make_section(body=HOSTILE)
    assert_safe(section)
    assert "<strong>Viktig</strong>" in section.body_html
    section.body = "Ny *tekst*"
    section.save()
    section.refresh_from_db()
    assert section.body_html == "<p>Ny <em>tekst</em></p>\n"


def test_bulk_create_renders_too():
    plan = make_plan()
    (section,) = Section.objects.bulk_create([Section(plan=plan, position=0, title="T", body=HOSTILE)])
    assert_safe(section)


def test_the_history_keeps_the_source_not_the_html():
    section = make_section(body="*a*")
    assert not hasattr(section.history.get(), "body_html")


def test_a_form_stores_sanitised_html(client):
    plan = make_plan()
    client.force_login(make_member(Membership.Role.ADVISOR, plan.municipality))
    url = reverse("routines:routine_create", args=[plan.pk])
    data = form_data(client.get(url), "title")
    data.update({"title": "Rutine", "scope": "common", "body": HOSTILE})
    assert client.post(url, data).status_code == 302
    routine = Routine.objects.get()
    assert_safe(routine)
    page = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert "<strong>Viktig</strong>" in page and "<script>alert" not in page


def test_the_plan_file_import_stores_sanitised_html():
    doc = make_plan_document()
    plan_doc = doc["plans"][0]
    plan_doc["intro"] = HOSTILE
    plan_doc["progress_entries"][0]["content"] = HOSTILE
    plan_doc["routines"][1]["body"] = HOSTILE
    plan_doc["routines"][1]["unit_texts"][0]["body"] = HOSTILE
    import_document(doc)
    for obj in (Plan.objects.get(), ProgressEntry.objects.first(), UnitRoutineText.objects.get()):
        assert_safe(obj)
    assert_safe(Routine.objects.get(body=HOSTILE))


def test_a_revision_stores_sanitised_html():
    plan = make_plan(intro=HOSTILE)
    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    make_routine(plan, body=HOSTILE)
    make_entry(plan, content=HOSTILE)
    approve_plan(plan, advisor)
    revision = start_revision(plan, advisor)
    assert_safe(revision)
    assert_safe(revision.routines.get())
    assert_safe(revision.progress_entries.get())


def test_a_restore_from_the_history_stores_sanitised_html(client):
    plan = make_plan()
    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    routine = make_routine(plan, body=HOSTILE)
    make_unit_text(routine, make_unit(plan.municipality), body=HOSTILE)
    record = delete(routine, advisor)
    client.force_login(advisor)
    url = reverse("documents:history_restore", args=[plan.pk, "routine", record.history_id])
    assert client.post(url).status_code == 302
    assert_safe(Routine.objects.get())
    assert_safe(UnitRoutineText.objects.get())


@pytest.mark.django_db(transaction=True)
def test_a_restore_from_a_backup_renders_the_html_again(tmp_path):
    make_section(body="Helt vanlig tekst")
    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    # A backup file changed by hand (its checksum fitted again): HTML written straight into the row.
    sections = tmp_path / "backup" / "tables" / "routines.section.json"
    rows = json.loads(sections.read_text())
    rows[0]["fields"]["body"] = HOSTILE
    rows[0]["fields"]["body_html"] = "<script>alert(4)</script>"
    sections.write_text(json.dumps(rows))
    manifest_file = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["sha256"]["tables/routines.section.json"] = hashlib.sha256(sections.read_bytes()).hexdigest()
    manifest_file.write_text(json.dumps(manifest))

    call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())

    assert_safe(Section.objects.get())


def test_the_demo_loader_stores_sanitised_html(tmp_path):
    doc = make_plan_document()
    doc["municipality"].update(slug="sortland", name="Sortland kommune")
    doc["municipality"]["units"][0].update(slug="sortland-barneskole", name="Sortland barneskole")
    doc["plans"][0]["routines"][1]["unit_texts"][0]["unit"] = "sortland-barneskole"
    doc["plans"][0]["intro"] = HOSTILE
    doc["plans"][0]["routines"][0]["body"] = HOSTILE
    (tmp_path / "sortland.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    call_command("load_demo", "--directory", str(tmp_path), stdout=io.StringIO())
    assert_safe(Plan.objects.get())
    assert_safe(Routine.objects.get(body=HOSTILE))
    for gathering in Gathering.objects.all():
        assert_safe(gathering)


def test_rerendering_a_table_brings_stale_html_up_to_date():
    """What the data migrations run: rows written before the field existed, or under older rules."""
    stale = make_section(body="*ny*")
    Section.objects.filter(pk=stale.pk).update(body_html="<p>gammel</p>")
    rerender_table(Section)
    stale.refresh_from_db()
    assert stale.body_html == "<p><em>ny</em></p>\n"
