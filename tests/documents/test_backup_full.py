"""The file backup holds everything: `backup -o dir/`, emptied database, `restore dir/`.

The data set touches every backed-up table (the test says which one it missed),
and every row of every table must come back unchanged. The table list is the
app registry's, so a new model is in the comparison, and in the backup, the
day it is added. CI runs it on PostgreSQL, the production database, whose
triggers check the restored rows too; it runs on SQLite as well.
"""

import datetime
import hashlib
import io
import json
import shutil
import stat

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from accounts.models import EmailOptOut, Profile, SentEmail
from documents.backup import EXCLUDED, backed_up_models
from documents.services import approve_plan, start_revision
from identity.models import MunicipalLogin, RoleRule
from meetings.models import ArenaAttachment, FeedToken, Gathering, GatheringAttachment, PreworkNote, WorkGroup
from ops.accessibility import AUDIT_STATEMENT
from ops.models import AccessibilityStatement
from routines.models import (
    AdvisorComment,
    MilestoneProgress,
    Municipality,
    Plan,
    PlanChange,
    ReadConfirmation,
    Routine,
    RoutineAttachment,
    Unit,
)
from tests.support.factories import (
    PDF_BYTES,
    make_attachment,
    make_member,
    make_plan,
    make_school_calendar,
    make_section,
    make_unit_text,
    make_user,
)

# A logo as the municipality's look stores it; the backup carries its bytes.
LOGO_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

pytestmark = pytest.mark.django_db(transaction=True)


def build_installation():
    call_command("load_demo", stdout=io.StringIO())
    sortland = Municipality.objects.get(slug="sortland")
    unit = Unit.objects.filter(municipality=sortland).first()
    advisor = make_member("advisor", sortland, user=make_user(first_name="Åse", last_name="Ødegård", email="a@x.no"))
    leader = make_member("unit_leader", unit=unit)
    Profile.objects.create(user=advisor, language="nn")
    EmailOptOut.objects.create(user=advisor, kind="digest")
    SentEmail.objects.create(user=advisor, kind="review", period="routine-1-2026-03-02-soon")
    plan = Plan.objects.filter(municipality=sortland, milestones__isnull=False, actors__isnull=False).first()
    milestone = plan.milestones.first()
    MilestoneProgress.objects.create(
        unit=unit, milestone=milestone, status="under_way", updated_by=leader, note="Godt i gang"
    )
    routine = Routine.objects.create(plan=plan, title="Ny rutine", scope=Routine.Scope.UNIT)
    routine.milestones.add(milestone)
    make_unit_text(routine, unit, body="Vår tekst")
    make_attachment(routine, title="Mandat")
    make_attachment(plan.arenas.first(), title="Mandat for teamet")
    sortland.logo.save("logo.png", ContentFile(LOGO_BYTES))
    make_attachment(plan.sections.first() or make_section(plan), title="Udir", url="https://www.udir.no/")
    routine.save()
    plan.actors.first().delete()
    FeedToken.regenerate(plan, advisor)
    approve_plan(plan, advisor)
    ReadConfirmation.objects.create(plan=plan, unit=unit, user=leader, approved_at=plan.approved_at)
    AdvisorComment.objects.create(plan=plan, unit=unit, routine=routine, author=advisor, body="Fint skrevet")
    PlanChange.objects.create(plan=plan, part="routine", title="Ny rutine", kind="added", new_text="Ny")
    start_revision(plan, advisor)
    gathering = Gathering.objects.first()
    group = WorkGroup.objects.create(group_work=gathering.group_works.first(), name="Gruppe 1", chair="Åse")
    group.municipalities.add(sortland)
    PreworkNote.objects.create(gathering=gathering, municipality=sortland, text="Vi har forberedt oss.", author=advisor)
    make_attachment(gathering, LOGO_BYTES, name="program.png", title="Fjorårets program")
    make_school_calendar(sortland, 2030, breaks=[("winter", datetime.date(2031, 2, 24), datetime.date(2031, 2, 28))])
    editors = Group.objects.create(name="Redaktører")
    editors.permissions.add(Permission.objects.get(codename="change_plan"))
    editors.user_set.add(advisor)
    advisor.user_permissions.add(Permission.objects.get(codename="view_plan"))
    AccessibilityStatement.objects.create(**AUDIT_STATEMENT)
    # Logging in: an identity provider of Sortland with a role rule, a person who logged in through
    # it (with allauth's record of their e-mail address), and the advisor's authenticator app.
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="sortland",
        name="Entra ID",
        client_id="c",
        secret="s",
        settings={"server_url": "https://login.example.test/v2.0"},
    )
    MunicipalLogin.objects.create(municipality=sortland, provider=app, local_accounts=False)
    RoleRule.objects.create(provider=app, value="g-1", municipality=sortland, role="unit_leader", unit=unit)
    SocialAccount.objects.create(
        user=leader, provider="sortland", uid="sub-1", extra_data={"id_token": {"sub": "sub-1"}}
    )
    EmailAddress.objects.create(user=leader, email="leder@sortland.test", primary=True)
    TOTP.activate(advisor, "JBSWY3DPEHPK3PXP")
    LogEntry.objects.create(
        user=advisor,
        content_type=ContentType.objects.get_for_model(Plan),
        object_id=str(plan.pk),
        object_repr=str(plan),
        action_flag=CHANGE,
        change_message="Endret tittel",
        action_time=datetime.datetime(2025, 1, 2, 3, 4, tzinfo=datetime.UTC),
    )


def natural(field, value):
    # Content types and permissions get new ids in the new database: compare what they name.
    if value is None:
        return None
    if field.related_model is ContentType:
        return ContentType.objects.get(pk=value).natural_key()
    if field.related_model is Permission:
        return Permission.objects.get(pk=value).natural_key()
    return value


def every_row():
    tables = {}
    for model in backed_up_models():
        fields = model._meta.concrete_fields
        rows = model._base_manager.order_by("pk").values_list(*(field.attname for field in fields))
        tables[model._meta.label_lower] = [
            tuple(
                natural(field, value) if field.is_relation else value for field, value in zip(fields, row, strict=True)
            )
            for row in rows
        ]
    return tables


def test_backup_then_restore_into_an_empty_database_gives_every_row_back(tmp_path):
    build_installation()
    before = every_row()
    empty = sorted(label for label, rows in before.items() if not rows)
    assert not empty, f"build_installation() leaves these tables empty, so they are not compared: {empty}"

    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)  # the files too: the restore brings them back from the backup
    assert not any(every_row().values())
    call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())

    after = every_row()
    for label in before:
        assert after[label] == before[label], label
    for attachment in RoutineAttachment.objects.all():  # the plan's and its revision's copy
        with attachment.file.open("rb") as restored:
            assert restored.read() == PDF_BYTES
    for attachment in ArenaAttachment.objects.all():  # the plan's and its revision's copy
        with attachment.file.open("rb") as restored:
            assert restored.read() == PDF_BYTES
    with GatheringAttachment.objects.get().file.open("rb") as restored:
        assert restored.read() == LOGO_BYTES
    with Municipality.objects.get(slug="sortland").logo.open("rb") as logo:
        assert logo.read() == LOGO_BYTES
    # Ids go on after the restored ones.
    assert make_user().pk > max(row[0] for row in before["auth.user"])


def test_every_model_is_backed_up_or_left_out_on_purpose():
    from django.apps import apps

    every = {model._meta.label_lower for model in apps.get_models(include_auto_created=True)}
    assert every == {model._meta.label_lower for model in backed_up_models()} | EXCLUDED


def test_the_backup_is_readable_by_its_owner_only(tmp_path):
    make_user()
    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    paths = [tmp_path / "backup", *(tmp_path / "backup").rglob("*")]
    assert {stat.S_IMODE(path.stat().st_mode) for path in paths} == {0o700, 0o600}
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in paths if path.is_file())


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    make_user(username="noen")
    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    with pytest.raises(CommandError, match=r"\(auth\.user\)"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path):
    make_user(username="noen")
    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    users = tmp_path / "backup" / "tables" / "auth.user.json"
    users.write_text(users.read_text().replace("noen", "annen"))
    with pytest.raises(CommandError, match=r"^tables/auth\.user\.json "):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    assert not any(every_row().values())


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.json").write_text("{}")
    with pytest.raises(CommandError, match="backup"):
        call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    assert [path.name for path in (tmp_path / "backup").iterdir()] == ["old.json"]


def test_restore_refuses_a_directory_that_is_no_backup(tmp_path):
    with pytest.raises(CommandError, match="manifest.json"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())


def test_a_row_that_cannot_be_restored_leaves_the_database_empty(tmp_path):
    make_plan(title="Planen")
    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    plans = tmp_path / "backup" / "tables" / "routines.plan.json"
    rows = json.loads(plans.read_text())
    rows[0]["fields"]["school_year"] = "neste år"
    plans.write_text(json.dumps(rows))
    manifest_file = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    # The checksum fits: the file was changed on purpose, not damaged.
    manifest["sha256"]["tables/routines.plan.json"] = hashlib.sha256(plans.read_bytes()).hexdigest()
    manifest_file.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"^tables/routines\.plan\.json "):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    assert not any(every_row().values())


@pytest.mark.django_db(transaction=False)
def test_a_backup_can_be_written_inside_a_transaction(tmp_path):
    make_user(username="noen")
    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    assert "noen" in (tmp_path / "backup" / "tables" / "auth.user.json").read_text()


def test_a_content_type_of_a_model_long_gone_does_not_stop_a_restore(tmp_path):
    make_user(username="noen")
    ContentType.objects.create(app_label="gammel", model="borte")
    call_command("backup", "-o", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    assert [user.username for user in User.objects.all()] == ["noen"]
