from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write a backup of everything in KIBS (users and password hashes, roles, plans, history, approvals, "
        "progress, confirmations, gatherings, feed tokens) into an empty directory, readable only by its owner. "
        "See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", type=Path, required=True, help="Directory to write (new or empty).")

    def handle(self, *args, output, **options):
        try:
            manifest = write_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Wrote %(rows)d rows from %(tables)d tables and %(plans)d plan file(s) to %(path)s.")
            % {
                "rows": sum(table["rows"] for table in manifest["tables"]),
                "tables": len(manifest["tables"]),
                "plans": len(manifest["plan_files"]),
                "path": output,
            }
        )
