"""Give a user a role, without the admin.

    grant <username> <municipality-slug> advisor|unit-leader|reader [--unit <unit-slug>]
    grant <username> --region <region-slug> coordinator

A user has at most one role per municipality (and per region): granting again
changes it. Nothing is created silently: the user, municipality, unit and
region must exist.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from routines.models import Membership, Municipality, Region, Unit

MUNICIPALITY_ROLES = {
    "advisor": Membership.Role.ADVISOR,
    "unit-leader": Membership.Role.UNIT_LEADER,
    "reader": Membership.Role.READER,
}


class Command(BaseCommand):
    help = "Give a user a role in a municipality, or make them coordinator of a region."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "where_and_role",
            nargs="+",
            metavar="ARGUMENT",
            help="<municipality-slug> advisor|unit-leader|reader, or coordinator together with --region",
        )
        parser.add_argument("--unit", help="the unit's slug; needed for unit-leader")
        parser.add_argument("--region", help="the region's slug; only for coordinator")

    def handle(self, username, where_and_role, unit=None, region=None, **options):
        user = self.get_user(username)
        if region is not None:
            if where_and_role != ["coordinator"] or unit:
                raise CommandError(
                    "With --region, the only role is coordinator: grant <username> --region <slug> coordinator"
                )
            membership = self.grant_region(user, region)
        else:
            if len(where_and_role) != 2:
                raise CommandError(
                    "Usage: grant <username> <municipality-slug> advisor|unit-leader|reader [--unit <slug>]"
                )
            municipality_slug, role_name = where_and_role
            membership = self.grant_municipality(user, municipality_slug, role_name, unit)
        self.stdout.write(self.style.SUCCESS(f"{membership}"))

    def get_user(self, username):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(
                f"No user is called «{username}». Create the user first (the admin or createsuperuser)."
            ) from None

    def grant_region(self, user, region_slug):
        try:
            region = Region.objects.get(slug=region_slug)
        except Region.DoesNotExist:
            raise CommandError(f"No region has the slug «{region_slug}».") from None
        membership, _ = Membership.objects.update_or_create(
            user=user, region=region, defaults={"role": Membership.Role.COORDINATOR}
        )
        return membership

    def grant_municipality(self, user, municipality_slug, role_name, unit_slug):
        if role_name not in MUNICIPALITY_ROLES:
            raise CommandError(
                f"Unknown role «{role_name}»: use advisor, unit-leader or reader (coordinator goes with --region)."
            )
        role = MUNICIPALITY_ROLES[role_name]
        try:
            municipality = Municipality.objects.get(slug=municipality_slug)
        except Municipality.DoesNotExist:
            raise CommandError(f"No municipality has the slug «{municipality_slug}».") from None
        unit = None
        if role == Membership.Role.UNIT_LEADER:
            if not unit_slug:
                raise CommandError("A unit leader needs --unit <unit-slug>.")
            try:
                unit = municipality.units.get(slug=unit_slug)
            except Unit.DoesNotExist:
                raise CommandError(f"{municipality} has no unit with the slug «{unit_slug}».") from None
        elif unit_slug:
            raise CommandError("--unit only goes with unit-leader.")
        membership, _ = Membership.objects.update_or_create(
            user=user, municipality=municipality, defaults={"role": role, "unit": unit}
        )
        return membership
