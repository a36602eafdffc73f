"""Reading plan files from disk for the import_plan and load_demo commands."""

import json

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from documents.planfile import PlanFileError, Problem, import_document
from documents.planfile_files import folder_source
from routines.stored_files import removed_on_failure


def plan_file_paths(path):
    """The file itself, or every *.json in a directory, in name order."""
    if path.is_dir():
        paths = sorted(path.glob("*.json"))
        if not paths:
            raise CommandError(_("There are no .json files in %(path)s.") % {"path": path})
        return paths
    if not path.is_file():
        raise CommandError(_("%(path)s is neither a file nor a directory.") % {"path": path})
    return [path]


def read_document(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise PlanFileError([Problem("$", _("The file is not UTF-8 text."))]) from None
    except json.JSONDecodeError as error:
        raise PlanFileError([Problem("$", _("The file is not valid JSON: %(error)s.") % {"error": error})]) from error


def import_files(command, paths, replace):
    """Import all files in one transaction; on any problem, print them all and change nothing.

    Every file is tried, even after one failed, so one run reports the
    problems of all files.
    """
    failed = 0
    # When one file fails, the files the others stored leave the storage with their rows (routines/stored_files.py).
    with removed_on_failure(), transaction.atomic():
        for path in paths:
            try:
                doc = read_document(path)
                # Attached files are in attachments/ beside the file (docs/plan-format.md).
                municipality = import_document(doc, replace=replace, files=folder_source(path.parent))
            except PlanFileError as error:
                failed += 1
                command.stderr.write(f"{path}:")
                for problem in error.problems:
                    command.stderr.write(f"{problem.path}: {problem.message}")
                continue
            command.stdout.write(
                _("Imported %(municipality)s with %(count)d plan(s) from %(path)s.")
                % {"municipality": municipality, "count": len(doc.get("plans", [])), "path": path}
            )
        if failed:
            # Raised inside the transaction, so the files that did import are rolled back too.
            raise CommandError(
                _("Nothing was imported: %(failed)d of %(total)d file(s) have problems.")
                % {"failed": failed, "total": len(paths)}
            )
