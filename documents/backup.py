"""The file backup: every table a municipality would miss, as JSON files in a folder.

The format is documented in docs/backup.md. The tables come from the app
registry, so a new model is backed up without touching this module; only
the tables in EXCLUDED are left out, each for a stated reason.

Rows keep their primary keys: a restore goes into an empty database, so
nothing can collide, and kept ids keep everything that refers to a row by
number valid without knowing about it: history rows of deleted objects, the
admin log's object ids, and bookmarked addresses. The only rows the target
database makes itself are content types and permissions (migrate creates
them, with ids of its own), so references to those are written with their
natural keys beside the backup and mapped back on restore.
"""

import datetime
import hashlib
import json
import os
from graphlib import TopologicalSorter
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.planfile import dumps, export_municipality
from documents.planfile_files import FOLDER, plan_attachment_models, write_files
from routines.formatting import render_stored_html
from routines.models import Municipality
from routines.stored_files import note_stored, removed_on_failure

FORMAT = "kibs-backup"
# Version 2: the attached files, beside the plan files (plans/attachments/<sha256>).
# Version 3: the other stored files of rows (a municipality's logo and cover picture), under files/.
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
FILES = "files"
MANIFEST = "manifest.json"
REFERENCES = "references.json"

# Left out on purpose. Everything else in the app registry is backed up.
EXCLUDED = {
    # Logins in progress: everyone logs in again after a restore.
    "sessions.session",
    # Failed logins and lockouts: throttling state, not the municipality's data.
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accessfailurelog",
    "axes.accesslog",
    # Logins through identity providers keep no tokens (SOCIALACCOUNT_STORE_TOKENS is off), and
    # KIBS sends no e-mail confirmations: both tables stay empty, and would hold only logins in progress.
    "socialaccount.socialtoken",
    "account.emailconfirmation",
    # The background queue: work in progress and its record, not the municipality's data.
    "django_tasks_database.dbtaskresult",
    # Rendered PDFs: made again from the plans on the first download or edit.
    "ops.storedpdf",
    # Made by migrate in every database; references to them travel as natural
    # keys in references.json.
    "contenttypes.contenttype",
    "auth.permission",
}
# Not a model, so not in the registry, and not in the backup either: the
# cache table (kibs_cache), which refills itself.


class BackupError(Exception):
    pass


class ExactEncoder(DjangoJSONEncoder):
    # Django's encoder cuts times to milliseconds; a backup keeps what is stored.
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    """Every model whose table the backup holds, each after the models it refers to."""
    models = {
        model._meta.label_lower: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in EXCLUDED and model._meta.managed and not model._meta.proxy
    }
    graph = {
        label: {
            field.related_model._meta.label_lower
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model._meta.label_lower in models
        }
        - {label}
        for label, model in models.items()
    }
    # Sorted first so the order, and with it the manifest, is the same every time.
    return [models[label] for label in TopologicalSorter(dict(sorted(graph.items()))).static_order()]


def table_file(model):
    return f"tables/{model._meta.label_lower}.json"


def _own_fields(model):
    # Many-to-many links are tables of their own (the auto-created "through"
    # models), written and restored as plain rows: setting them through the
    # relation would make django-simple-history record changes nobody made.
    return [field.name for field in model._meta.concrete_fields if not field.primary_key]


def _private_file(path, text):
    # Password hashes are in here: only the owner may read the files.
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def _checksum(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _applied_migrations():
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _references():
    return {
        "contenttypes.contenttype": {
            str(pk): [app_label, model]
            for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
        },
        "auth.permission": {
            str(pk): [app_label, model, codename]
            for pk, app_label, model, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "content_type__model", "codename"
            )
        },
    }


def write_backup(directory):
    """Write the backup into directory (created, must be empty); returns the manifest."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(_("The backup directory %(path)s is not empty.") % {"path": directory})
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    files = {}
    # One snapshot: every table as of the same moment. Inside a caller's
    # transaction that is the caller's snapshot, and the level cannot be set.
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        tables = []
        for model in backed_up_models():
            rows = model._base_manager.order_by("pk")
            name = table_file(model)
            text = serializers.serialize("json", rows.iterator(), fields=_own_fields(model), indent=1, cls=ExactEncoder)
            _private_file(directory / name, text + "\n")
            tables.append({"model": model._meta.label_lower, "file": name, "rows": rows.count()})
        _private_file(directory / REFERENCES, dumps(_references()))
        plans, attached = [], {}
        for municipality in Municipality.objects.order_by("slug"):
            name = f"plans/{municipality.slug}.json"
            doc = export_municipality(municipality)
            _private_file(directory / name, dumps(doc))
            plans.append(name)
            attached.update(_write_attachments(municipality, doc, directory))
        stored = _write_stored_files(directory)
        migrations = _applied_migrations()
    for name in [table["file"] for table in tables] + [REFERENCES, *plans, *sorted(attached), *stored]:
        files[name] = _checksum(directory / name)
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created": timezone.now().isoformat(timespec="seconds"),
        "migrations": migrations,
        "tables": tables,
        "plan_files": plans,
        "attachments": sorted(attached),
        "files": stored,
        "sha256": files,
    }
    _private_file(directory / MANIFEST, dumps(manifest))
    return manifest


def _write_attachments(municipality, doc, directory):
    """The attached files beside the plan files, so plans/ imports as it is; {name: sha256}."""
    written, missing = write_files(municipality, doc, directory / "plans")
    if missing:
        raise BackupError(
            _("These attached files are missing from the file storage: %(files)s.") % {"files": ", ".join(missing)}
        )
    for name in written:
        os.chmod(directory / "plans" / name, 0o600)
    if written:
        os.chmod(directory / "plans" / FOLDER, 0o700)
    return {f"plans/{name}": sha256 for name, sha256 in written.items()}


def _restore_attachments(directory):
    """Put every restored link's file back into the storage, from the backup's checked copies."""
    for model in plan_attachment_models():
        for attachment in model._base_manager.exclude(file=""):
            path = directory / "plans" / FOLDER / attachment.sha256
            if not path.is_file():
                raise BackupError(
                    _("%(file)s is missing or damaged (its checksum differs).")
                    % {"file": f"plans/{FOLDER}/{attachment.sha256}"}
                )
            data = path.read_bytes()
            storage = attachment.file.storage
            if storage.exists(attachment.file.name):
                with storage.open(attachment.file.name, "rb") as handle:
                    if handle.read() == data:
                        continue
            saved = storage.save(attachment.file.name, ContentFile(data))
            note_stored(saved)
            if saved != attachment.file.name:
                # The storage chose another name: the row follows it (no new version, no history).
                model._base_manager.filter(pk=attachment.pk).update(file=saved)


def _stored_files():
    """(model, field name) of every file of a backed-up row that does not go with the plans (a plan part's file does;
    a logo, a cover picture and a gathering's file do not)."""
    attached = set(plan_attachment_models())
    return [
        (model, field.name)
        for model in backed_up_models()
        if model not in attached
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def _write_stored_files(directory):
    """Copy each stored file of a row to files/<its name in the storage>; their names."""
    names = []
    for model, field in _stored_files():
        for row in model._base_manager.exclude(**{field: ""}).order_by("pk"):
            file = getattr(row, field)
            try:
                with file.storage.open(file.name, "rb") as handle:
                    data = handle.read()
            except OSError:
                raise BackupError(
                    _("These files are missing from the file storage: %(files)s.") % {"files": file.name}
                ) from None
            path = directory / FILES / file.name
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.write_bytes(data)
            os.chmod(path, 0o600)
            names.append(f"{FILES}/{file.name}")
    return names


def _restore_stored_files(directory, manifest):
    """Put the rows' stored files back into the storage, from the backup's checked copies (version 3 on)."""
    if manifest["version"] < 3:
        return
    listed = set(manifest.get("files", []))
    for model, field in _stored_files():
        for row in model._base_manager.exclude(**{field: ""}):
            file = getattr(row, field)
            name = f"{FILES}/{file.name}"
            if name not in listed:  # read only what the manifest's checksums cover
                raise BackupError(_("%(file)s is missing or damaged (its checksum differs).") % {"file": name})
            saved = file.storage.save(file.name, ContentFile((directory / name).read_bytes()))
            note_stored(saved)
            if saved != file.name:
                # The storage chose another name: the row follows it (no new version, no history).
                model._base_manager.filter(pk=row.pk).update(**{field: saved})


def read_manifest(directory):
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(
            _("%(path)s is not a KIBS backup: no readable manifest.json.") % {"path": directory}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("%(path)s is not a KIBS backup: no readable manifest.json.") % {"path": directory})
    if manifest.get("version") not in READABLE_VERSIONS:
        raise BackupError(
            _("The backup has format version %(found)s; this KIBS reads version %(known)s.")
            % {"found": manifest.get("version"), "known": FORMAT_VERSION}
        )
    for name, digest in manifest["sha256"].items():
        path = directory / name
        if not path.is_file() or _checksum(path) != digest:
            raise BackupError(_("%(file)s is missing or damaged (its checksum differs).") % {"file": name})
    return manifest


def _non_empty_tables():
    return [model._meta.label_lower for model in backed_up_models() if model._base_manager.exists()]


def _check_target(manifest):
    if manifest["migrations"] != _applied_migrations():
        raise BackupError(
            _(
                "The backup was made with another version of KIBS (its database migrations differ). "
                "Restore it with the version that made it, then upgrade."
            )
        )
    filled = _non_empty_tables()
    if filled:
        raise BackupError(
            _("The database is not empty (%(tables)s): restore only into a newly migrated, empty database.")
            % {"tables": ", ".join(filled)}
        )


def _reference_maps(directory):
    references = json.loads((directory / REFERENCES).read_text(encoding="utf-8"))
    here_types = {
        (app_label, model): pk for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }
    here_permissions = {
        (app_label, model, codename): pk
        for pk, app_label, model, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "content_type__model", "codename"
        )
    }

    def mapping(saved, here):
        # Stale content types (of models deleted long ago) may be missing here;
        # only a row that refers to one is a problem.
        return {int(old): (here.get(tuple(key)), ".".join(key)) for old, key in saved.items()}

    return {
        ContentType: mapping(references["contenttypes.contenttype"], here_types),
        Permission: mapping(references["auth.permission"], here_permissions),
    }


def _remapped(model, objects, maps):
    fields = [
        (field.name, maps[field.related_model])
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in maps
    ]
    for obj in objects:
        for name, mapping in fields:
            if obj["fields"].get(name) is not None:
                here, key = mapping[obj["fields"][name]]
                if here is None:
                    raise BackupError(_("%(key)s does not exist in this installation.") % {"key": key})
                obj["fields"][name] = here
    return objects


def restore_backup(directory):
    """Restore a backup into an empty database, all or nothing; returns the number of rows."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    models = {model._meta.label_lower: model for model in backed_up_models()}
    saved = {table["model"] for table in manifest["tables"]}
    count = 0
    # A restore that fails rolls its rows back and removes the files it had put into the storage.
    with removed_on_failure(), transaction.atomic():
        _check_target(manifest)
        if saved != set(models):
            raise BackupError(
                _("The backup holds other tables than this KIBS has: %(tables)s.")
                % {"tables": ", ".join(sorted(saved ^ set(models)))}
            )
        maps = _reference_maps(directory)
        for table in manifest["tables"]:
            model = models[table["model"]]
            objects = json.loads((directory / table["file"]).read_text(encoding="utf-8"))
            try:
                for restored in serializers.deserialize("python", _remapped(model, objects, maps)):
                    # A deserialised row is saved raw, past the fields' own rendering: render its texts
                    # here, so HTML in the file never reaches a page without the sanitiser.
                    render_stored_html(restored.object)
                    restored.save()
                    count += 1
            except (DeserializationError, DatabaseError, KeyError, TypeError) as error:
                # A file whose checksum fits but whose rows do not: written by hand, or by a bug.
                raise BackupError(
                    _("%(file)s could not be restored: %(error)s") % {"file": table["file"], "error": error}
                ) from error
        _restore_attachments(directory)
        _restore_stored_files(directory, manifest)
        # Pages kept for the database that was here before (a shared Redis outlives it) are not this one's.
        transaction.on_commit(cache.clear)
        # Rows came with their ids: new rows must get ids after them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                cursor.execute(statement)
    return count
