"""Attached files travel with the plan: plan file export and import, copies, and the file backup."""

import io
import json
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from documents.backup import BackupError, read_manifest, write_backup
from documents.planfile_files import folder_source
from documents.services import start_next_year, start_revision
from meetings.models import ArenaAttachment
from routines import attachments
from routines.models import Membership, Municipality, Plan, RoutineAttachment, SectionAttachment
from tests.support.factories import (
    PDF_BYTES,
    make_arena,
    make_attachment,
    make_member,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(255, -1, -1)) * 3


def build():
    municipality = make_municipality(slug="fjordby", name="Fjordby kommune")
    plan = make_plan(municipality, title="KIBS")
    routine = make_routine(plan, title="Overgang barnehage–skole")
    make_attachment(routine, title="Mandat", name="Mandat SKUT.pdf")
    make_attachment(routine, title="Udir", url="https://www.udir.no/")
    make_attachment(make_section(plan, title="Årshjul"), PNG, name="årshjul.png", title="Årshjulet")
    arena = make_arena(plan, name="Ressursteam")
    make_attachment(arena, JPEG, name="Flytskjema ressursteam.jpeg", title="Flytskjema")
    make_attachment(arena, title="Udir om team", url="https://www.udir.no/team")
    return plan


def export(tmp_path, name="plan"):
    call_command("export_plan", "fjordby", "-o", str(tmp_path / name / "fjordby.json"), stdout=io.StringIO())
    return tmp_path / name / "fjordby.json"


def empty_everything():
    Plan.objects.all().delete()
    Municipality.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)


def test_a_file_survives_export_and_import_into_an_empty_database_byte_identical(tmp_path):
    build()
    path = export(tmp_path)
    doc = json.loads(path.read_text())
    routine = doc["plans"][0]["routines"][0]
    assert routine["attachments"] == [
        {
            "title": "Mandat",
            "file": {"name": "Mandat_SKUT.pdf", "sha256": attachments.checksum(PDF_BYTES), "size": len(PDF_BYTES)},
        },
        {"title": "Udir", "url": "https://www.udir.no/"},
    ]
    assert (path.parent / "attachments" / attachments.checksum(PNG)).read_bytes() == PNG

    empty_everything()
    call_command("import_plan", str(path), stdout=io.StringIO())

    again = export(tmp_path, "again")
    assert again.read_bytes() == path.read_bytes()
    stored = RoutineAttachment.objects.exclude(file="").get()
    with stored.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    section_file = SectionAttachment.objects.get()
    with section_file.file.open("rb") as handle:
        assert handle.read() == PNG
    assert (section_file.file_name, section_file.kind) == ("årshjul.png", "png")
    arena_file = ArenaAttachment.objects.exclude(file="").get()
    with arena_file.file.open("rb") as handle:
        assert handle.read() == JPEG
    assert (arena_file.title, arena_file.file_name, arena_file.arena.name) == (
        "Flytskjema",
        "Flytskjema_ressursteam.jpeg",
        "Ressursteam",
    )
    assert ArenaAttachment.objects.filter(file="").get().url == "https://www.udir.no/team"


def test_an_arenas_files_are_in_the_plan_file_and_beside_it(tmp_path):
    build()
    path = export(tmp_path)
    arena = json.loads(path.read_text())["plans"][0]["arenas"][0]
    assert arena["attachments"] == [
        {
            "title": "Flytskjema",
            "file": {"name": "Flytskjema_ressursteam.jpeg", "sha256": attachments.checksum(JPEG), "size": len(JPEG)},
        },
        {"title": "Udir om team", "url": "https://www.udir.no/team"},
    ]
    assert (path.parent / "attachments" / attachments.checksum(JPEG)).read_bytes() == JPEG


def test_a_damaged_arena_file_stops_the_whole_import(tmp_path):
    build()
    path = export(tmp_path)
    empty_everything()
    (path.parent / "attachments" / attachments.checksum(JPEG)).write_bytes(b"\xff\xd8\xff changed")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=errors)
    assert "$.plans[0].arenas[0].attachments[0].file" in errors.getvalue()
    assert not Municipality.objects.exists() and not ArenaAttachment.objects.exists()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda file: file.write_bytes(b"%PDF-1.4 endret"), "is damaged: its checksum differs"),
        (lambda file: file.unlink(), "is missing"),
    ],
)
def test_an_import_with_a_damaged_or_missing_file_changes_nothing(tmp_path, damage, message):
    build()
    path = export(tmp_path)
    empty_everything()
    damage(path.parent / "attachments" / attachments.checksum(PDF_BYTES))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=errors)
    assert (
        "$.plans[0].routines[0].attachments[0].file: The attached file “Mandat_SKUT.pdf” " + message
        in errors.getvalue()
    )
    assert not Municipality.objects.exists() and not RoutineAttachment.objects.exists()


def test_a_file_renamed_in_the_plan_file_to_a_program_is_refused(tmp_path):
    build()
    path = export(tmp_path)
    empty_everything()
    program = b"MZ\x90\x00 a program"
    doc = path.read_text().replace(attachments.checksum(PDF_BYTES), attachments.checksum(program))
    path.write_text(doc.replace(f'"size": {len(PDF_BYTES)}', f'"size": {len(program)}'))
    (path.parent / "attachments" / attachments.checksum(program)).write_bytes(program)
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=errors)
    assert "is not a kind KIBS accepts" in errors.getvalue()


def test_a_link_to_javascript_in_a_plan_file_is_refused(tmp_path):
    build()
    path = export(tmp_path)
    empty_everything()
    path.write_text(path.read_text().replace("https://www.udir.no/", "javascript:alert(1)"))
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_plan", str(path), stdout=io.StringIO(), stderr=errors)
    assert "$.plans[0].routines[0].attachments[1].url" in errors.getvalue()


def test_exporting_to_standard_output_says_where_the_files_would_go(tmp_path):
    build()
    with pytest.raises(CommandError, match="-o"):
        call_command("export_plan", "fjordby", stdout=io.StringIO())


def test_next_years_plan_carries_the_files_as_its_own_copies():
    plan = build()
    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    new_plan = start_next_year(plan, advisor)
    copied = RoutineAttachment.objects.filter(routine__plan=new_plan).exclude(file="").get()
    original = RoutineAttachment.objects.filter(routine__plan=plan).exclude(file="").get()
    assert copied.file.name != original.file.name and copied.sha256 == original.sha256
    original.file.storage.delete(original.file.name)
    with copied.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    assert SectionAttachment.objects.filter(section__plan=new_plan).count() == 1
    copied_arena_file = ArenaAttachment.objects.filter(arena__plan=new_plan).exclude(file="").get()
    assert copied_arena_file.sha256 == attachments.checksum(JPEG)
    assert copied_arena_file.file.name != ArenaAttachment.objects.filter(arena__plan=plan).get(file__gt="").file.name
    assert ArenaAttachment.objects.filter(arena__plan=new_plan).count() == 2


def test_a_revision_carries_the_arenas_files():
    plan = build()
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    plan.refresh_from_db()
    advisor = make_member(Membership.Role.ADVISOR, plan.municipality)
    revision = start_revision(plan, advisor)
    copied = ArenaAttachment.objects.filter(arena__plan=revision).exclude(file="").get()
    with copied.file.open("rb") as handle:
        assert handle.read() == JPEG
    assert list(ArenaAttachment.objects.filter(arena__plan=revision).values_list("title", flat=True)) == [
        "Flytskjema",
        "Udir om team",
    ]


def test_the_backup_carries_the_files_with_checksums_and_refuses_a_damaged_one(tmp_path):
    build()
    manifest = write_backup(tmp_path / "backup")
    pdf_name = f"plans/attachments/{attachments.checksum(PDF_BYTES)}"
    assert pdf_name in manifest["attachments"] and manifest["sha256"][pdf_name] == attachments.checksum(PDF_BYTES)
    # The plans folder of a backup imports as it is: the files are beside the plan files.
    assert folder_source(tmp_path / "backup" / "plans")(attachments.checksum(PNG)) == PNG
    (tmp_path / "backup" / pdf_name).write_bytes(b"%PDF-1.4 endret")
    with pytest.raises(BackupError, match="damaged"):
        read_manifest(tmp_path / "backup")
