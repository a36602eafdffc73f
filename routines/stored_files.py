"""Stored files no row names any more are removed: after a delete commits, when an import fails,
and by `manage.py remove_orphaned_files` for what a cascade, a rollback or a crash left behind.

A link or file (routines.models.Attachment) keeps its bytes in the storage
under a random name. The row going does not take the bytes with it, so:

- `remove_after_commit(obj)` is called by the one delete path
  (routines.editing.confirm_delete): it collects the stored files of `obj` and
  of every row its delete takes along (a section's files, a plan's arenas'
  files), and removes them once the transaction has committed; a rolled back
  delete removes nothing.
- `removed_on_failure()` wraps an import (of one plan file, of several, a
  copy) and a backup restore: a file stored inside it is removed again when it
  raises, so an import that changes nothing leaves nothing in the storage
  either. Nested, the outermost one decides.
- `orphaned_files()` compares the storage's attachments/ folder with every
  row that names a file, for the command; files younger than a grace period
  are left alone, since an upload is stored a moment before its row commits.

A file is only removed when no row names it any more (a restored backup's rows
may share a name), whichever way it goes.
"""

import contextlib
import contextvars
import datetime
import functools
import logging

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import DatabaseError, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

FOLDER = "attachments"

logger = logging.getLogger(__name__)

_stored_here = contextvars.ContextVar("stored_here", default=None)


def attachment_models():
    """Every concrete model of a link or file (routines', meetings')."""
    from routines.models import Attachment

    return [model for model in apps.get_models() if issubclass(model, Attachment)]


def names_in_use():
    """The storage names every link-or-file row names."""
    names = set()
    for model in attachment_models():
        names.update(model._base_manager.exclude(file="").values_list("file", flat=True))
    return names


def _remove(names):
    try:
        still_named = names_in_use()
    except DatabaseError:
        # Unsure which rows name them (a broken transaction around): keep them, the command finds them later.
        logger.warning("Could not check which stored files are still named; none removed")
        return
    for name in sorted(set(names) - still_named):
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not remove the stored file %s", name)


def files_going_with(obj):
    """The stored files of the link-or-file rows that deleting `obj` takes along (itself included)."""
    collector = Collector(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    attached = set(attachment_models())
    names = []
    for model, instances in collector.data.items():
        if model in attached:
            names.extend(instance.file.name for instance in instances if instance.file)
    for queryset in collector.fast_deletes:
        if queryset.model in attached:
            names.extend(queryset.exclude(file="").values_list("file", flat=True))
    return names


def remove_after_commit(obj):
    """Before deleting `obj`: remove its and its parts' stored files once the delete has committed."""
    names = files_going_with(obj)
    if names:
        transaction.on_commit(functools.partial(_remove, names), using=router.db_for_write(type(obj)))


def note_stored(name):
    """A file was just stored: removed again if the import around it fails (removed_on_failure)."""
    stored = _stored_here.get()
    if stored is not None:
        stored.append(name)


@contextlib.contextmanager
def removed_on_failure():
    """Remove the files stored inside the block when it raises; nested blocks share the outer one's list."""
    if _stored_here.get() is not None:
        yield
        return
    stored = []
    token = _stored_here.set(stored)
    try:
        yield
    except BaseException:
        # The block's transaction is rolled back by now: no row names these files.
        _remove(stored)
        raise
    finally:
        _stored_here.reset(token)


def orphaned_files(grace=datetime.timedelta(hours=1), storage=None):
    """Names in the storage's attachments/ folder that no row names, stored longer ago than `grace`."""
    storage = storage or default_storage
    try:
        _folders, files = storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return []
    in_use = names_in_use()
    cutoff = timezone.now() - grace
    orphans = []
    for file_name in sorted(files):
        name = f"{FOLDER}/{file_name}"
        if name in in_use:
            continue
        try:
            if storage.get_modified_time(name) > cutoff:
                continue
        except (NotImplementedError, OSError):
            pass  # a storage that cannot say how old a file is: the check of the rows is enough
        orphans.append(name)
    return orphans


def remove_orphaned_files(grace=datetime.timedelta(hours=1), dry_run=False):
    """Remove the orphaned files (see orphaned_files) and return their names."""
    orphans = orphaned_files(grace)
    if not dry_run:
        _remove(orphans)
    return orphans
