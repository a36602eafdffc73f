"""Remove attached files that no link-or-file row names any more (routines/stored_files.py).

    remove_orphaned_files [--dry-run] [--older-than-minutes N]

Deleting a row through the app removes its file after the commit; this finds
what went another way: a part or plan deleted with its files by a cascade
elsewhere, an outer transaction rolled back after a file was stored, a crash.
Safe to run at any time and from cron or a worker (docs/deployment.md): a file
younger than the grace period (60 minutes unless given) is left alone, since
an upload is stored a moment before its row is committed.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from routines.stored_files import remove_orphaned_files


class Command(BaseCommand):
    help = "Remove attached files that no link or file of any plan or gathering names any more."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them, remove nothing.")
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="Leave files stored less than this many minutes ago (default 60).",
        )

    def handle(self, *args, dry_run=False, older_than_minutes=60, **options):
        if older_than_minutes < 0:
            raise CommandError(_("--older-than-minutes is a number of minutes, 0 or more."))
        names = remove_orphaned_files(datetime.timedelta(minutes=older_than_minutes), dry_run=dry_run)
        for name in names:
            self.stdout.write(name)
        if dry_run:
            message = ngettext(
                "%(count)d orphaned file found; nothing removed (--dry-run).",
                "%(count)d orphaned files found; nothing removed (--dry-run).",
                len(names),
            )
        else:
            message = ngettext("%(count)d orphaned file removed.", "%(count)d orphaned files removed.", len(names))
        self.stdout.write(message % {"count": len(names)})
