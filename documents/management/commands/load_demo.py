from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from documents.management.planfiles import import_files
from routines.models import Membership, Municipality, Region
from routines.recording import recorded_as

DEMO_DIRECTORY = Path(__file__).resolve().parent.parent.parent / "demo"
DEMO_MUNICIPALITY = "sortland"
# (username, password, role, unit slug): known passwords, for trying the app locally.
DEMO_USERS = [
    ("radgiver", "kibs-demo-radgiver", Membership.Role.ADVISOR, None),
    ("rektor", "kibs-demo-rektor", Membership.Role.UNIT_LEADER, "sortland-barneskole"),
    ("ansatt", "kibs-demo-ansatt", Membership.Role.EMPLOYEE, "sortland-barneskole"),
    ("godkjenner", "kibs-demo-godkjenner", Membership.Role.APPROVER, None),
]
# The demo gathering (seed 000) is Kongsbergregionen's; its coordinator plans it, and coordinates
# the demo municipality's region too, where Hadsel's approved plan (hadsel.json) sits beside Sortland's:
# two plans of a region to read and compare.
DEMO_COORDINATOR = ("koordinator", "kibs-demo-koordinator", "kongsbergregionen")


class Command(BaseCommand):
    help = (
        "Load the demo: import every plan file in routines/demo/ with --replace, and create the demo users "
        "radgiver and rektor. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", type=Path, default=DEMO_DIRECTORY, help="Directory of demo plan files (*.json)."
        )

    def handle(self, *args, directory, **options):
        paths = sorted(directory.glob("*.json"))
        # The history names the demo, not "unknown person", as who wrote its plans.
        with transaction.atomic(), recorded_as("source:demo"):
            if paths:
                import_files(self, paths, replace=True)
            else:
                self.stdout.write(_("No demo plan files in %(directory)s.") % {"directory": directory})
            for username, password, role, unit_slug in DEMO_USERS:
                self._demo_user(username, password, role, unit_slug)
            # The region's gathering of 21.03.25, for the demo coordinator.
            call_command("load_demo_gatherings", stdout=self.stdout)
            self._demo_coordinator(*DEMO_COORDINATOR)
            self._demo_region_coordinator(DEMO_COORDINATOR[0])

    def _demo_coordinator(self, username, password, region_slug):
        region = Region.objects.get(slug=region_slug)
        user = self._user_with_password(username, password)
        Membership.objects.update_or_create(
            user=user, region=region, defaults={"role": Membership.Role.COORDINATOR, "municipality": None}
        )
        self.stdout.write(
            _("The user %(username)s (password %(password)s) coordinates %(region)s.")
            % {"username": username, "password": password, "region": region}
        )

    def _demo_region_coordinator(self, username):
        region = Region.objects.filter(municipalities__slug=DEMO_MUNICIPALITY).first()
        if region is not None:
            user = get_user_model().objects.get(username=username)
            Membership.objects.update_or_create(
                user=user, region=region, defaults={"role": Membership.Role.COORDINATOR, "municipality": None}
            )
            self.stdout.write(
                _("The user %(username)s (password %(password)s) coordinates %(region)s.")
                % {"username": username, "password": DEMO_COORDINATOR[1], "region": region}
            )

    def _user_with_password(self, username, password):
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_active = True
        # An address of the reserved example.org domain: the console shows their e-mails locally.
        user.email = f"{username}@kibs.example.org"
        user.set_password(password)
        user.save()
        return user

    def _demo_user(self, username, password, role, unit_slug):
        municipality = Municipality.objects.filter(slug=DEMO_MUNICIPALITY).first()
        if municipality is None:
            self.stdout.write(
                _("Skipped the user %(username)s: there is no municipality “%(slug)s”.")
                % {"username": username, "slug": DEMO_MUNICIPALITY}
            )
            return
        unit = None
        if unit_slug:
            unit = municipality.units.filter(slug=unit_slug).first()
            if unit is None:
                self.stdout.write(
                    _("Skipped the user %(username)s: %(municipality)s has no unit “%(slug)s”.")
                    % {"username": username, "municipality": municipality, "slug": unit_slug}
                )
                return
        created = not get_user_model().objects.filter(username=username).exists()
        user = self._user_with_password(username, password)
        Membership.objects.update_or_create(
            user=user, municipality=municipality, defaults={"role": role, "unit": unit, "region": None}
        )
        message = (
            _("Created the user %(username)s (password %(password)s): %(role)s in %(place)s.")
            if created
            else _("Updated the user %(username)s (password %(password)s): %(role)s in %(place)s.")
        )
        self.stdout.write(
            message % {"username": username, "password": password, "role": role.label, "place": unit or municipality}
        )
