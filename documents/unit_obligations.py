"""What a plan asks of one unit, and how far every unit has come.

Gathered here for the unit page, its PDF and the advisor's overview, each in
a fixed number of queries whatever the number of units, entries and
routines: rows are fetched per plan and matched up in Python.

Meeting arenas and progress-plan entries come from the meetings app, through
their querysets' `concerning(unit)`; the arenas' next fixed meetings skip the
school calendar's days off.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from meetings.models import ProgressEntry
from meetings.rhythm import next_meetings
from meetings.school_calendar import calendar_of
from routines.models import (
    Membership,
    Milestone,
    MilestoneProgress,
    Plan,
    ReadConfirmation,
    Routine,
    Unit,
    UnitRoutineText,
)
from routines.school_year import school_year_is_over


@dataclass
class RoutineForUnit:
    """A routine with the unit's text: its own text, or its supplement to a common routine."""

    routine: Routine
    text: UnitRoutineText | None

    @property
    def status(self):
        return self.text.status if self.text else UnitRoutineText.Status.NOT_STARTED

    @property
    def status_label(self):
        return UnitRoutineText.Status(self.status).label

    @property
    def is_done(self):
        return self.status == UnitRoutineText.Status.DONE


@dataclass
class MilestoneForUnit:
    milestone: Milestone
    progress: MilestoneProgress | None

    @property
    def status(self):
        return self.progress.status if self.progress else MilestoneProgress.Status.NOT_STARTED

    @property
    def status_label(self):
        return MilestoneProgress.Status(self.status).label

    @property
    def is_reached(self):
        return self.status == MilestoneProgress.Status.REACHED


def counting_confirmations(plan):
    """Every read confirmation that counts for the plan, latest first: leaders' and employees'.

    Those of its own approval, and those of the earlier versions it revises
    as long as no revision since asked for reading again (Plan.read_baseline).
    """
    base = plan.read_baseline_id or plan.pk
    same_approval = Q(approved_at=F("plan__approved_at")) | Q(approved_at__isnull=True, plan__approved_at__isnull=True)
    return (
        ReadConfirmation.objects.filter(Q(plan=base) | Q(plan__read_baseline=base))
        .filter(same_approval)
        .select_related("user", "plan")
    )


def current_confirmations(plan):
    """The units' read confirmations that count: their leaders', latest first."""
    return counting_confirmations(plan).filter(by_employee=False)


def changes_to_read(plan):
    """The changes of this version that everyone must read again."""
    return plan.changes.filter(requires_rereading=True)


def my_reading(user, plan, unit):
    """The person's own read confirmation of the plan, and whether a new version asks them to read its changes."""
    mine = counting_confirmations(plan).filter(unit=unit, user=user).first()
    read_before = (
        mine is None
        and ReadConfirmation.objects.filter(user=user, unit=unit, plan__municipality=plan.municipality_id).exists()
    )
    return {"my_confirmation": mine, "new_version": read_before and changes_to_read(plan).exists()}


def employee_count(plan, unit):
    """(confirmed, total): how many of the unit's employees have confirmed what counts for the plan."""
    employees = set(Membership.objects.filter(unit=unit, role=Membership.Role.EMPLOYEE).values_list("user", flat=True))
    confirmed = set(counting_confirmations(plan).filter(unit=unit, by_employee=True).values_list("user", flat=True))
    return {"confirmed": len(employees & confirmed), "total": len(employees)}


def entry_kinds():
    """(value, label) of the progress plan's kinds of entry: meeting, deadline, course, task."""
    return list(ProgressEntry.Kind.choices)


def by_month(entries, today, coming):
    """[(first day of the month, entries)] in the entries' order; a running period counts in this month."""
    months = []
    for entry in entries:
        start = max(entry.starts_on, today) if coming else entry.starts_on
        month = start.replace(day=1)
        if months and months[-1][0] == month:
            months[-1][1].append(entry)
        else:
            months.append((month, [entry]))
    return months


def unit_obligations(plan, unit, show_past=False, kind=""):
    """Everything the unit page shows, as template context.

    Entries: the coming ones (periods still running count as coming), next
    first, grouped by month with this month first; with show_past, the past
    ones, latest first. Once the whole school year is over, all its entries
    are shown in date order. `kind` keeps one kind of entry (deadlines …).
    """
    today = timezone.localdate()
    entries = plan.progress_entries.concerning(unit)
    kinds = entry_kinds()
    kind = kind if kind in dict(kinds) else ""
    if kind:
        entries = [entry for entry in entries if entry.kind == kind]
    year_over = school_year_is_over(plan.school_year, today)
    upcoming = [entry for entry in entries if (entry.ends_on or entry.starts_on) >= today]
    past = [entry for entry in entries if (entry.ends_on or entry.starts_on) < today]
    if year_over:
        shown_entries = entries
    elif show_past:
        shown_entries = past[::-1]
    else:
        shown_entries = upcoming

    arenas = plan.arenas.concerning(unit)
    routines = plan.routines.select_related("responsible").prefetch_related(
        "legal_references", "attachments", Prefetch("unit_texts", queryset=UnitRoutineText.objects.filter(unit=unit))
    )
    common, own = [], []
    for routine in routines:
        if not routine.concerns(unit):
            continue  # a routine for other kinds of unit (the transition to school, for a PPT office)
        item = RoutineForUnit(routine, next(iter(routine.unit_texts.all()), None))
        (own if routine.scope == Routine.Scope.UNIT else common).append(item)

    progress = {
        row.milestone_id: row
        for row in MilestoneProgress.objects.filter(unit=unit, milestone__plan=plan).select_related("updated_by")
    }
    return {
        "plan": plan,
        "unit": unit,
        "today": today,
        "actors": plan.actors.filter(applies_to_units=True).prefetch_related("duties"),
        "entries": shown_entries,
        "entry_months": by_month(shown_entries, today, coming=not (show_past or year_over)),
        "this_month": today.replace(day=1),
        "entry_kinds": kinds,
        "kind": kind,
        "show_past": show_past and not year_over,
        "year_over": year_over,
        "upcoming_count": len(upcoming),
        "past_count": len(past),
        "all_entries": entries,
        "next_meetings": next_meetings(arenas, plan.school_year, today, calendar_of(plan)),
        "unit_arenas": [arena for arena in arenas if arena.scope == arena.Scope.EVERY_UNIT],
        "municipal_arenas": [arena for arena in arenas if arena.scope != arena.Scope.EVERY_UNIT],
        "common_routines": common,
        "unit_routines": own,
        "milestones": [MilestoneForUnit(milestone, progress.get(milestone.pk)) for milestone in plan.milestones.all()],
    }


@dataclass
class UnitRow:
    """One unit in the advisor's overview."""

    unit: Unit
    confirmation: ReadConfirmation | None
    milestones: list = field(default_factory=list)
    routines: list = field(default_factory=list)
    employees: int = 0
    employees_confirmed: int = 0


@dataclass
class Outstanding:
    """What is not done yet, across all units."""

    confirmations: int | None  # None while the plan is not approved: nothing to confirm yet
    milestones: int
    routines: int

    @property
    def total(self):
        return (self.confirmations or 0) + self.milestones + self.routines


def plan_overview(plan):
    """Units × read confirmation, milestones and unit-specific routines, and the counts outstanding."""
    units = list(plan.municipality.units.order_by("kind", "name"))
    milestones = list(plan.milestones.all())
    unit_routines = list(plan.routines.filter(scope=Routine.Scope.UNIT))
    progress = {(row.unit_id, row.milestone_id): row for row in MilestoneProgress.objects.filter(milestone__plan=plan)}
    texts = {
        (text.unit_id, text.routine_id): text
        for text in UnitRoutineText.objects.filter(routine__plan=plan, routine__scope=Routine.Scope.UNIT)
    }
    confirmations, by_employees = {}, set()
    for confirmation in counting_confirmations(plan):
        if confirmation.by_employee:
            by_employees.add((confirmation.unit_id, confirmation.user_id))
        else:
            confirmations.setdefault(confirmation.unit_id, confirmation)
    employees = {}
    for unit_id, user_id in Membership.objects.filter(
        role=Membership.Role.EMPLOYEE, unit__municipality=plan.municipality_id
    ).values_list("unit", "user"):
        employees.setdefault(unit_id, set()).add(user_id)

    rows = [
        UnitRow(
            unit=unit,
            confirmation=confirmations.get(unit.pk),
            milestones=[MilestoneForUnit(milestone, progress.get((unit.pk, milestone.pk))) for milestone in milestones],
            # None where the routine is for other kinds of unit: nothing to write there.
            routines=[
                RoutineForUnit(routine, texts.get((unit.pk, routine.pk))) if routine.concerns(unit) else None
                for routine in unit_routines
            ],
            employees=len(employees.get(unit.pk, ())),
            employees_confirmed=sum((unit.pk, user) in by_employees for user in employees.get(unit.pk, ())),
        )
        for unit in units
    ]
    approved = plan.status == Plan.Status.APPROVED
    outstanding = Outstanding(
        confirmations=sum(row.confirmation is None for row in rows) if approved else None,
        milestones=sum(not cell.is_reached for row in rows for cell in row.milestones),
        routines=sum(cell is not None and not cell.is_done for row in rows for cell in row.routines),
    )
    return {
        "plan": plan,
        "rows": rows,
        "milestones": milestones,
        "unit_routines": unit_routines,
        "outstanding": outstanding,
        "approved": approved,
    }


def employee_rows(unit, plan):
    """Each employee of the unit with their latest read confirmation, and whether it counts for `plan`."""
    employees = list(
        get_user_model()
        .objects.filter(memberships__unit=unit, memberships__role=Membership.Role.EMPLOYEE)
        .order_by("first_name", "last_name", "email")
    )
    latest = {}
    for confirmation in ReadConfirmation.objects.filter(unit=unit, user__in=employees).select_related("plan"):
        latest.setdefault(confirmation.user_id, confirmation)  # newest first
    counting = set()
    if plan is not None:
        counting = set(counting_confirmations(plan).filter(unit=unit).values_list("user", flat=True))
    return [{"user": user, "latest": latest.get(user.pk), "counts": user.pk in counting} for user in employees]
