"""Stored files leave the storage when no row names them: after a delete, a failed import, and by the command."""

import datetime
import io
import json
import shutil

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from documents import planfile
from documents.planfile_files import folder_source
from meetings.models import ArenaAttachment, Gathering
from routines import history, stored_files
from routines.models import Membership, Municipality, Plan, Routine, RoutineAttachment, SectionAttachment
from routines.restore import RestoreError, restore
from tests.support.factories import (
    make_arena,
    make_attachment,
    make_member,
    make_municipality,
    make_plan,
    make_region,
    make_routine,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def stored_names():
    try:
        return {f"{stored_files.FOLDER}/{name}" for name in default_storage.listdir(stored_files.FOLDER)[1]}
    except FileNotFoundError:
        return set()


def committed(callbacks):
    for callback in callbacks:
        callback()


def test_deleting_a_section_removes_its_files_after_the_commit(
    client, plan, advisor, django_capture_on_commit_callbacks
):
    section = make_section(plan, title="Pedagogisk analyse")
    kept = make_attachment(make_section(plan))
    names = {make_attachment(section).file.name, make_attachment(section).file.name}
    make_attachment(section, url="https://www.udir.no/")
    client.force_login(advisor)
    with django_capture_on_commit_callbacks() as callbacks:
        assert client.post(reverse("routines:section_delete", args=[section.pk])).status_code == 302
    assert names <= stored_names()
    committed(callbacks)
    assert stored_names() == {kept.file.name}


def test_deleting_a_plan_removes_the_files_of_all_its_parts(client, plan, advisor, django_capture_on_commit_callbacks):
    other = make_attachment(make_routine(make_plan(plan.municipality, school_year=plan.school_year - 1)))
    make_attachment(make_routine(plan))
    make_attachment(make_section(plan))
    make_attachment(make_arena(plan))
    assert len(stored_names()) == 4
    client.force_login(advisor)
    with django_capture_on_commit_callbacks() as callbacks:
        assert client.post(reverse("documents:plan_delete", args=[plan.pk])).status_code == 302
    committed(callbacks)
    assert stored_names() == {other.file.name}


def test_a_delete_rolled_back_removes_nothing(plan):
    attachment = make_attachment(make_arena(plan))
    stored_files.remove_after_commit(attachment.arena)
    # pytest-django's transaction is rolled back, never committed: the callback never runs.
    assert stored_names() == {attachment.file.name}


def test_a_file_another_row_still_names_is_kept(plan):
    first = make_attachment(make_routine(plan))
    second = make_attachment(make_routine(plan))
    RoutineAttachment.objects.filter(pk=second.pk).update(file=first.file.name)  # as a restored backup may
    RoutineAttachment.objects.filter(pk=first.pk).delete()
    stored_files.remove_orphaned_files(datetime.timedelta(0))
    assert first.file.name in stored_names()


def test_the_command_removes_what_cascades_left_and_nothing_in_use(plan):
    in_use = make_attachment(make_section(plan))
    gone = make_attachment(make_routine(plan)).file.name
    RoutineAttachment.objects.all().delete()  # a queryset delete: no confirm_delete, the file stays
    assert gone in stored_names()

    out = io.StringIO()
    call_command("remove_orphaned_files", "--dry-run", "--older-than-minutes", "0", stdout=out)
    assert gone in out.getvalue() and "nothing removed" in out.getvalue()
    assert gone in stored_names()

    call_command("remove_orphaned_files", "--older-than-minutes", "60", stdout=(out := io.StringIO()))
    assert "0 orphaned files removed." in out.getvalue() and gone in stored_names()  # too young to be sure

    call_command("remove_orphaned_files", "--older-than-minutes", "0", stdout=(out := io.StringIO()))
    assert gone in out.getvalue() and "1 orphaned file removed." in out.getvalue()
    assert stored_names() == {in_use.file.name}


def test_the_command_refuses_a_negative_grace():
    with pytest.raises(CommandError):
        call_command("remove_orphaned_files", "--older-than-minutes", "-1", stdout=io.StringIO())


def test_the_command_runs_on_an_empty_storage():
    call_command("remove_orphaned_files", "--older-than-minutes", "0", stdout=(out := io.StringIO()))
    assert "0 orphaned files removed." in out.getvalue()


def _exported(tmp_path):
    municipality = make_municipality(slug="fjordby")
    plan = make_plan(municipality)
    make_attachment(make_section(plan))
    make_attachment(make_routine(plan), b"\x89PNG\r\n\x1a\n" + bytes(range(256)), name="a.png")
    make_attachment(make_arena(plan), b"\xff\xd8\xff\xe0 jpeg", name="b.jpg")
    call_command("export_plan", "fjordby", "-o", str(tmp_path / "fjordby.json"), stdout=io.StringIO())
    Plan.objects.all().delete()
    Municipality.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)
    return json.loads((tmp_path / "fjordby.json").read_text())


def test_an_import_failing_half_way_leaves_no_file_in_the_storage(tmp_path, monkeypatch):
    doc = _exported(tmp_path)
    real = planfile.create_attachments

    def failing_at_the_arena(part, items, files):
        real(part, items, files)  # stores the arena's file too
        if items and part._meta.model_name == "arena":
            raise RuntimeError("the database went away")

    monkeypatch.setattr(planfile, "create_attachments", failing_at_the_arena)
    with pytest.raises(RuntimeError):
        planfile.import_document(doc, files=folder_source(tmp_path))
    assert not Municipality.objects.exists()
    assert stored_names() == set()


def test_an_import_that_succeeds_keeps_its_files(tmp_path):
    doc = _exported(tmp_path)
    planfile.import_document(doc, files=folder_source(tmp_path))
    assert len(stored_names()) == 3
    assert {ArenaAttachment.objects.count(), SectionAttachment.objects.count()} == {1}


def test_a_deleted_file_cannot_be_restored_without_its_file(plan, advisor, django_capture_on_commit_callbacks):
    routine = make_routine(plan)
    attachment = make_attachment(routine, title="Mandat")
    link = make_attachment(routine, title="Udir", url="https://www.udir.no/")
    with django_capture_on_commit_callbacks(execute=True):
        stored_files.remove_after_commit(attachment)
        attachment.delete()
    record = RoutineAttachment.history.filter(history_type="-").get()
    part = next(part for part in history.parts() if part.model is RoutineAttachment)
    with pytest.raises(RestoreError, match="add the file again"):
        restore(part, record, advisor)
    assert RoutineAttachment.objects.get() == link


def test_deleting_a_gathering_removes_its_files(client, django_capture_on_commit_callbacks):
    region = make_region()
    gathering = Gathering.objects.create(region=region, title="Samling", date=datetime.date(2025, 3, 21))
    name = make_attachment(gathering).file.name
    client.force_login(make_member(Membership.Role.COORDINATOR, region=region))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("meetings:gathering_delete", args=[gathering.pk])).status_code == 302
    assert name not in stored_names()


def test_a_routine_comes_back_without_the_files_its_deletion_removed(
    client, plan, advisor, django_capture_on_commit_callbacks
):
    routine = make_routine(plan, title="Overgang")
    make_attachment(routine, title="Mandat")
    make_attachment(routine, title="Udir", url="https://www.udir.no/")
    client.force_login(advisor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("routines:routine_delete", args=[routine.pk])).status_code == 302
    assert stored_names() == set()
    part = next(part for part in history.parts() if part.model is Routine)
    restored = restore(part, Routine.history.filter(history_type="-").get(), advisor)
    assert [attachment.title for attachment in restored.attachments.all()] == ["Udir"]


def test_importing_several_files_where_one_fails_leaves_no_file_of_the_others(tmp_path):
    _exported(tmp_path)
    (tmp_path / "zz-broken.json").write_text("{ not json")  # after fjordby.json: fjordby imports first
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_plan", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Municipality.objects.exists()
    assert stored_names() == set()


def test_a_restore_that_fails_removes_the_files_it_had_stored(tmp_path, monkeypatch):
    from documents import backup

    plan = make_plan()
    make_attachment(make_routine(plan))
    backup.write_backup(tmp_path / "backup")
    Plan.objects.all().delete()
    Municipality.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)

    def failing(directory, manifest):
        assert stored_names()  # the attached file is back in the storage by now
        raise backup.BackupError("the disk is full")

    monkeypatch.setattr(backup, "_restore_stored_files", failing)
    with pytest.raises(backup.BackupError):
        backup.restore_backup(tmp_path / "backup")
    assert stored_names() == set()
