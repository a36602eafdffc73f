from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by the backup command into an empty, migrated database, in one transaction: "
        "everything or nothing. See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="The backup directory (with manifest.json).")

    def handle(self, *args, directory, **options):
        try:
            rows = restore_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Restored %(rows)d rows from %(path)s.") % {"rows": rows, "path": directory})
