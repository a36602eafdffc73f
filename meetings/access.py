"""Who may see and change a plan's arenas, target groups, progress plan, calendar feeds and the regional gatherings.

The rule is routines.access's: 404 when the object is none of the user's
business (scoped inside the lookup), 403 when the user sees it but may only
read it. For gatherings: the coordinators of a region plan its gatherings,
every member of a municipality in the region reads them, and to everyone
else they are not found. Calendar feeds take no login: their unguessable
token is the key, and a feed shows only its own plan's units and arenas.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from routines.access import (
    can_edit_plan_of_municipality,
    get_municipality_for_editing,
    get_municipality_for_user,
    get_plan_part_for_editing,
    get_plan_part_for_user,
    refuse,
)
from routines.models import Municipality, Plan, Region, Unit

from .models import (
    AgendaItem,
    Arena,
    ArenaAttachment,
    FeedToken,
    Gathering,
    GatheringAttachment,
    GroupWork,
    GroupWorkStep,
    PreworkNote,
    ProgressEntry,
    SchoolCalendar,
    TargetGroup,
    WorkGroup,
    coordinated_regions,
)

# How each part of a gathering's programme leads to its gathering.
GATHERING_PATHS = {
    AgendaItem: "gathering",
    GroupWork: "gathering",
    GroupWorkStep: "group_work__gathering",
    WorkGroup: "group_work__gathering",
}


def get_arena_for_editing(user, pk):
    return get_plan_part_for_editing(user, Arena.objects, pk)


def get_arena_attachment_for_user(user, pk):
    """An arena's link or file: whoever may read the plan may download it."""
    return get_plan_part_for_user(user, ArenaAttachment.objects.select_related("arena"), pk, "arena__plan")


def get_arena_attachment_for_editing(user, pk):
    return get_plan_part_for_editing(user, ArenaAttachment.objects.select_related("arena"), pk, "arena__plan")


def get_target_group_for_editing(user, pk):
    return get_plan_part_for_editing(user, TargetGroup.objects, pk)


def get_entry_for_editing(user, pk):
    return get_plan_part_for_editing(user, ProgressEntry.objects, pk)


# Calendar feeds


def get_feed_plan(token):
    return get_object_or_404(Plan.objects.select_related("municipality"), feed_token__token=token)


def get_feed_unit(token, unit_pk):
    """The feed's plan and one unit of its municipality."""
    plan = get_feed_plan(token)
    return plan, get_object_or_404(Unit.objects.filter(municipality=plan.municipality_id), pk=unit_pk)


def get_feed_arena(token, arena_pk):
    """The feed's plan and one of its arenas."""
    plan = get_feed_plan(token)
    return plan, get_object_or_404(plan.arenas, pk=arena_pk)


def feed_token_of(plan):
    return FeedToken.objects.filter(plan=plan).first()


# The municipality's school calendars: read by its members, written by its advisors

# School years a calendar can be entered for: the URL's number is checked, never trusted.
SCHOOL_YEARS = range(2000, 2100)


def get_school_calendars_for_user(user, municipality_pk):
    """(municipality, its calendars with their days off, whether the user may edit them)."""
    municipality = get_municipality_for_user(user, municipality_pk)
    calendars = SchoolCalendar.objects.filter(municipality=municipality).prefetch_related("breaks")
    return municipality, calendars, can_edit_plan_of_municipality(user, municipality.pk)


def get_school_calendar_for_editing(user, municipality_pk, school_year):
    """The municipality's calendar of the school year, new and unsaved when not entered yet.

    404 when the municipality is not the user's or the year is out of range, 403 unless an advisor.
    """
    municipality = get_municipality_for_editing(user, municipality_pk)
    if school_year not in SCHOOL_YEARS:
        raise Http404
    stored = SchoolCalendar.objects.filter(municipality=municipality, school_year=school_year).first()
    return stored or SchoolCalendar(municipality=municipality, school_year=school_year)


def get_stored_school_calendar_for_editing(user, municipality_pk, school_year):
    """As above, but 404 when there is none to delete."""
    calendar = get_school_calendar_for_editing(user, municipality_pk, school_year)
    if calendar.pk is None:
        raise Http404
    return calendar


# Regional gatherings


def get_visible_gatherings(user):
    return Gathering.objects.visible_to(user).select_related("region")


def regions_planned_by(user):
    return Region.objects.filter(pk__in=coordinated_regions(user))


def get_gathering_for_user(user, pk):
    return get_object_or_404(get_visible_gatherings(user), pk=pk)


def can_plan_gathering(user, gathering):
    return Gathering.objects.editable_by(user).filter(pk=gathering.pk).exists()


def get_gathering_for_planning(user, pk):
    gathering = get_gathering_for_user(user, pk)
    if not can_plan_gathering(user, gathering):
        refuse()
    return gathering


def get_gathering_attachment_for_user(user, pk):
    """A gathering's link or file: whoever reads the gathering may download it, to others it is not found."""
    visible = GatheringAttachment.objects.filter(gathering__in=Gathering.objects.visible_to(user))
    return get_object_or_404(visible.select_related("gathering"), pk=pk)


def get_gathering_attachment_for_planning(user, pk):
    """As above; 403 unless the user plans the gathering (its region's coordinators)."""
    attachment = get_gathering_attachment_for_user(user, pk)
    if not can_plan_gathering(user, attachment.gathering):
        refuse()
    return attachment


def get_region_for_planning(user, pk):
    """A region the user coordinates; 403 for members of its municipalities, who read its gatherings."""
    visible = Region.objects.filter(
        Q(pk__in=coordinated_regions(user)) | Q(municipalities__in=Municipality.objects.visible_to(user))
    ).distinct()
    region = get_object_or_404(visible, pk=pk)
    if not regions_planned_by(user).filter(pk=region.pk).exists():
        refuse()
    return region


def get_part_for_planning(user, model, pk):
    """An agenda item, group work, step or group of a gathering the user plans (404 / 403 as above)."""
    path = GATHERING_PATHS[model]
    visible = model.objects.select_related(path).filter(**{f"{path}__in": Gathering.objects.visible_to(user)})
    part = get_object_or_404(visible, pk=pk)
    if not can_plan_gathering(user, part.gathering):
        refuse()
    return part


def get_parent_for_planning(user, model, pk):
    """(parent, gathering): what a new programme part is added to, a gathering or one of its group works."""
    if model is Gathering:
        gathering = get_gathering_for_planning(user, pk)
        return gathering, gathering
    part = get_part_for_planning(user, model, pk)
    return part, part.gathering


def prework_municipalities(user, gathering):
    """The municipalities of the gathering's region whose pre-work notes the user sees, and whether they write it.

    Pre-work notes are between a municipality and the coordinators: each member sees their own.
    """
    municipalities = Municipality.objects.visible_to(user).filter(region=gathering.region_id)
    writable = set(Municipality.objects.editable_by(user).values_list("pk", flat=True))
    return [(municipality, municipality.pk in writable) for municipality in municipalities]


def get_prework_note_for_editing(user, pk, municipality_pk):
    """A municipality's pre-work note for a gathering, new and unsaved if not written yet.

    404 unless the gathering is visible and the municipality is the user's and
    in its region; 403 unless the user is an advisor of that municipality.
    """
    gathering = get_gathering_for_user(user, pk)
    municipalities = Municipality.objects.visible_to(user).filter(region=gathering.region_id)
    municipality = get_object_or_404(municipalities, pk=municipality_pk)
    if not Municipality.objects.editable_by(user).filter(pk=municipality.pk).exists():
        refuse()
    note = PreworkNote.objects.filter(gathering=gathering, municipality=municipality).first()
    return note or PreworkNote(gathering=gathering, municipality=municipality)
