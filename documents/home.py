"""What is due now: the blocks of the home page, one per role the user has.

A unit leader (and an employee) sees this month and next for their unit,
deadlines first; what is overdue, not confirmed or not written; and a notice
when a new version of the plan is to be read. An advisor sees the plan in
force and the drafts, the units that are behind, the deadlines of the next 30
days and the reviews that are due. A coordinator sees the region's next
gatherings with each municipality's pre-work, and the region's approved plans.

Each block is built in a fixed number of queries whatever the number of
units, entries and routines: rows are fetched per plan and matched in Python.
`today` is passed in, so a test fixes it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from meetings.models import Gathering, PreworkNote, ProgressEntry
from routines.models import REVIEW_SOON_DAYS, Membership, Municipality, Plan, Unit, UnitRoutineText, add_months
from routines.school_year import current_school_year

from .unit_obligations import RoutineForUnit, current_confirmations, plan_overview

DEADLINE_DAYS = 30
# A unit's own roles: its leader and its employees.
UNIT_ROLES = set(Membership.UNIT_ROLES)
# Deadlines first, then meetings, courses and tasks by date.
KIND_ORDER = {ProgressEntry.Kind.DEADLINE: 0}


def is_deadline(entry):
    return entry.kind == ProgressEntry.Kind.DEADLINE


def ends(entry):
    return entry.ends_on or entry.starts_on


def in_window(entries, first, last):
    """Entries that touch the days first..last, deadlines first, then by date."""
    touching = [entry for entry in entries if entry.starts_on <= last and ends(entry) >= first]
    return sorted(touching, key=lambda entry: (KIND_ORDER.get(entry.kind, 1), entry.starts_on))


@dataclass
class UnitBlock:
    unit: Unit
    plan: Plan | None
    this_month: list = field(default_factory=list)
    next_month: list = field(default_factory=list)
    overdue_milestones: list = field(default_factory=list)
    unwritten: list = field(default_factory=list)
    confirmed: bool = True
    new_version: bool = False
    month: datetime.date | None = None
    following_month: datetime.date | None = None

    @property
    def has_anything(self):
        return bool(
            self.this_month
            or self.next_month
            or self.overdue_milestones
            or self.unwritten
            or not self.confirmed
            or self.new_version
        )


def unit_block(unit, plan, today):
    """This month and next for the unit, what is overdue, unconfirmed or unwritten."""
    block = UnitBlock(unit=unit, plan=plan)
    block.month = today.replace(day=1)
    block.following_month = add_months(block.month, 1)
    if plan is None:
        return block
    entries = plan.progress_entries.concerning(unit)
    block.this_month = in_window(entries, today, add_months(block.month, 1) - datetime.timedelta(days=1))
    block.next_month = in_window(
        entries, block.following_month, add_months(block.month, 2) - datetime.timedelta(days=1)
    )

    # A milestone is overdue when the last entry of the plan that serves it is past and it is not reached.
    progress = {row.milestone_id: row.status for row in unit.milestone_progress.filter(milestone__plan=plan)}
    milestones = list(plan.milestones.all())
    last_step = {}
    for entry in entries:
        served = milestones if entry.all_milestones else entry.milestones.all()
        for milestone in served:
            last_step[milestone.pk] = max(last_step.get(milestone.pk, ends(entry)), ends(entry))
    block.overdue_milestones = [
        milestone
        for milestone in milestones
        if progress.get(milestone.pk) != "reached" and last_step.get(milestone.pk, today) < today
    ]

    routines = plan.routines.filter(scope="unit").prefetch_related(
        Prefetch("unit_texts", queryset=UnitRoutineText.objects.filter(unit=unit))
    )
    for routine in routines:
        item = RoutineForUnit(routine, next(iter(routine.unit_texts.all()), None))
        if not item.is_done:
            block.unwritten.append(item)
    if plan.status == Plan.Status.APPROVED:
        block.confirmed = current_confirmations(plan).filter(unit=unit).exists()
        # A revision of an earlier plan, not yet confirmed as read: a new version to read.
        block.new_version = plan.revision_of_id is not None and not block.confirmed
    return block


@dataclass
class AdvisorBlock:
    municipality: Municipality
    in_force: Plan | None = None
    drafts: list = field(default_factory=list)
    units_behind: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)
    reviews: list = field(default_factory=list)


@dataclass
class UnitBehind:
    unit: object
    not_confirmed: bool
    texts_not_started: int
    milestones_not_started: int


def advisor_block(municipality, plans, today):
    """The plan in force and the drafts; units behind, deadlines and reviews of the plan in force."""
    block = AdvisorBlock(municipality=municipality)
    own = [plan for plan in plans if plan.municipality_id == municipality.pk]
    block.drafts = [plan for plan in own if plan.status == Plan.Status.DRAFT]
    block.in_force = municipality.plan_in_force(current_school_year(today))
    # Reviews of the plan in force, or of the last approved plan while no newer one is.
    reviewed = block.in_force or municipality.plans.filter(status=Plan.Status.APPROVED).order_by("-school_year").first()
    if reviewed is not None:
        block.reviews = due_reviews(reviewed, today)
    plan = block.in_force
    if plan is None:
        return block
    overview = plan_overview(plan)
    for row in overview["rows"]:
        behind = UnitBehind(
            unit=row.unit,
            not_confirmed=row.confirmation is None,
            texts_not_started=sum(cell.status == "not_started" for cell in row.routines),
            milestones_not_started=sum(cell.status == "not_started" for cell in row.milestones),
        )
        if behind.not_confirmed or behind.texts_not_started or behind.milestones_not_started:
            block.units_behind.append(behind)
    horizon = today + datetime.timedelta(days=DEADLINE_DAYS)
    block.deadlines = [
        entry
        for entry in plan.progress_entries.filter(starts_on__lte=horizon).for_progress_list()
        if is_deadline(entry) and ends(entry) >= today
    ]
    return block


def due_reviews(plan, today):
    """(plan or routine, is the plan) whose review is past or within 30 days: the plan first, then by date."""
    soon = today + datetime.timedelta(days=REVIEW_SOON_DAYS)
    reviews = [(plan, True)] if plan.next_review_on <= soon else []
    return reviews + [
        (routine, False) for routine in plan.routines.filter(next_review_on__lte=soon).order_by("next_review_on")
    ]


@dataclass
class GatheringRow:
    gathering: Gathering
    municipalities: list  # (municipality, note or None)

    @property
    def sent_count(self):
        return sum(note is not None for _municipality, note in self.municipalities)


@dataclass
class CoordinatorBlock:
    region: object
    gatherings: list = field(default_factory=list)
    approved_plans: list = field(default_factory=list)


def coordinator_blocks(regions, today):
    """Per region: the coming gatherings with each municipality's pre-work, and the approved plans."""
    region_ids = [region.pk for region in regions]
    municipalities = list(Municipality.objects.filter(region__in=region_ids).order_by("name"))
    gatherings = list(Gathering.objects.filter(region__in=region_ids, date__gte=today).order_by("date", "title"))
    notes = {
        (note.gathering_id, note.municipality_id): note
        for note in PreworkNote.objects.filter(gathering__in=[gathering.pk for gathering in gatherings])
    }
    approved = list(
        Plan.objects.filter(municipality__region__in=region_ids, status=Plan.Status.APPROVED)
        .select_related("municipality")
        .order_by("municipality__name", "-school_year")
    )
    blocks = []
    for region in regions:
        members = [municipality for municipality in municipalities if municipality.region_id == region.pk]
        blocks.append(
            CoordinatorBlock(
                region=region,
                gatherings=[
                    GatheringRow(gathering, [(m, notes.get((gathering.pk, m.pk))) for m in members])
                    for gathering in gatherings
                    if gathering.region_id == region.pk
                ],
                approved_plans=[plan for plan in approved if plan.municipality.region_id == region.pk],
            )
        )
    return blocks


def home_blocks(memberships, today):
    """Every block the user's roles (their memberships) give them, as template context."""
    unit_memberships = [m for m in memberships if m.role in UNIT_ROLES and m.unit_id]
    advised = [m.municipality for m in memberships if m.role == Membership.Role.ADVISOR]
    regions = [m.region for m in memberships if m.role == Membership.Role.COORDINATOR]

    school_year = current_school_year(today)
    unit_blocks = [
        unit_block(membership.unit, membership.unit.municipality.plan_in_force(school_year), today)
        for membership in unit_memberships
    ]
    plans = list(Plan.objects.filter(municipality__in=[m.pk for m in advised]).order_by("-school_year", "title"))
    return {
        "today": today,
        "unit_blocks": unit_blocks,
        "advisor_blocks": [advisor_block(municipality, plans, today) for municipality in advised],
        "coordinator_blocks": coordinator_blocks(regions, today) if regions else [],
        "has_role": bool(memberships),
    }
