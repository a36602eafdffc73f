from pathlib import Path

from django.core.management.base import BaseCommand

from documents.management.planfiles import import_files, plan_file_paths
from routines.recording import recorded_as


class Command(BaseCommand):
    help = (
        "Import a plan file (docs/plan-format.md), or every *.json file of a directory, in one transaction. "
        "Any problem is printed as '<json path>: <message>' and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A plan file, or a directory of plan files.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Update municipalities that exist and replace their plans with the same school year and title.",
        )

    def handle(self, *args, path, replace, **options):
        with recorded_as("source:import"):
            import_files(self, plan_file_paths(path), replace=replace)
