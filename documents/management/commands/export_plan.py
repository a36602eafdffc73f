from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.planfile import dumps, export_municipality
from documents.planfile_files import attached_items, write_files
from routines.models import Municipality


class Command(BaseCommand):
    help = "Export a municipality with its units and plans as a plan file (docs/plan-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("municipality", nargs="?", help="Slug of the municipality.")
        parser.add_argument(
            "--all",
            dest="every_municipality",
            action="store_true",
            help="Export every municipality, one file <slug>.json each, into the -o directory.",
        )
        parser.add_argument("--year", type=int, help="Only the plans of the school year starting in YYYY.")
        parser.add_argument(
            "-o", "--output", type=Path, help="File to write (a directory with --all). Standard output if left out."
        )

    def handle(self, *args, municipality, every_municipality, year, output, **options):
        if every_municipality == bool(municipality):
            raise CommandError(_("Give one municipality slug, or --all."))
        if every_municipality:
            if output is None:
                raise CommandError(_("--all writes one file per municipality: give a directory with -o."))
            output.mkdir(parents=True, exist_ok=True)
            for each in Municipality.objects.order_by("slug"):
                self._write(each, export_municipality(each, year), output / f"{each.slug}.json")
            return
        try:
            found = Municipality.objects.get(slug=municipality)
        except Municipality.DoesNotExist:
            raise CommandError(
                _("There is no municipality with the slug “%(slug)s”.") % {"slug": municipality}
            ) from None
        doc = export_municipality(found, year)
        if output is None:
            if any(attached_items(doc["plans"])):
                raise CommandError(_("The plans have attached files: write them to a file with -o."))
            self.stdout.write(dumps(doc), ending="")
        else:
            self._write(found, doc, output)

    def _write(self, municipality, doc, path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(doc), encoding="utf-8")
        # The attached files go beside it, in attachments/ (docs/plan-format.md).
        _written, missing = write_files(municipality, doc, path.parent)
        if missing:
            raise CommandError(
                _("These attached files are missing from the file storage: %(files)s.") % {"files": ", ".join(missing)}
            )
        self.stdout.write(
            _("Wrote %(municipality)s with %(count)d plan(s) to %(path)s.")
            % {"municipality": doc["municipality"]["name"], "count": len(doc["plans"]), "path": path}
        )
