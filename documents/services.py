"""What happens to a plan as a whole: approval, revision, archive, publication, next school year.

An approved plan is frozen (access.ensure_draft refuses every edit), so what
was approved stays readable and printable as it was. Changing it means a new
draft that revises it; approving that draft archives the old version.

Copies go through the plan file (planfile.plan_to_dict / plan_from_dict), the
same code that exports and imports plans, so a copy holds every part the
backup holds and nothing is forgotten when a new part is added.
"""

import datetime
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents.changes import changes_since_approved, store_changes
from documents.planfile import PlanFileError, plan_from_dict, plan_to_dict
from documents.planfile_files import stored_source
from documents.tasks import send_new_version_notices
from meetings.models import SchoolCalendar
from routines.history import last_editor_id
from routines.models import Plan, Section, UnitRoutineText
from routines.school_year import same_date_next_year, same_months_next_year, same_weekday_of_month_next_year

# The units' own parts: a unit leader writing them does not make the plan theirs to approve.
UNITS_OWN_PARTS = ("unitroutinetext",)


class PlanActionError(Exception):
    """A plan action that cannot be done now; the message says why, for the user."""


def _save(obj, user, reason=None, **kwargs):
    """Save and record who did it and why in the object's history."""
    obj._history_user = user
    if reason:
        obj._change_reason = reason[:100]
    obj.save(**kwargs)


def _copied(municipality, data, files=None, **overrides):
    """plan_from_dict, with what stops a copy said to the user (never a 500); nothing is created then."""
    try:
        return plan_from_dict(municipality, data, files=files, **overrides)
    except PlanFileError as error:
        problems = "; ".join(dict.fromkeys(problem.message for problem in error.problems))
        raise PlanActionError(
            _("This plan cannot be copied as it is: %(problems)s") % {"problems": problems}
        ) from error


def _locked(plan):
    """The plan as stored now, locked until the transaction ends: two clicks never act twice."""
    return Plan.objects.select_for_update().get(pk=plan.pk)


# Approval ----------------------------------------------------------------------


@dataclass
class Decision:
    """The municipality's decision that approves a plan: which body, its case reference, the date."""

    body: str = ""
    reference: str = ""
    date: datetime.date | None = None


def approve_plan(plan, user, decision=None, rereading=frozenset(), unreviewed_confirmed=False):
    """Approve a draft: record who and when, and the decision; the older plan it revises is archived.

    A revision's changes against the version it revises are stored with it;
    `rereading` holds the indexes of those that every unit and employee must
    read again (changes_since_approved's order). With none of them, earlier
    read confirmations go on counting. With the municipality's four-eyes
    setting, the person approving must not be the plan's last editor.

    A published older version hands its publication, public address
    included, to the new one, so links on the municipality's website keep
    showing the plan in force. Entries copied from last year that nobody has
    checked are approved only when the advisor confirms it for them
    (`unreviewed_confirmed`), having seen them listed.
    """
    decision = decision or Decision()
    with transaction.atomic():
        plan = _locked(plan)
        if plan.status != Plan.Status.DRAFT:
            raise PlanActionError(_("Only a draft can be approved."))
        if not unreviewed_confirmed and plan.progress_entries.filter(to_review=True).exists():
            raise PlanActionError(
                _("Some entries copied from last school year have not been checked. Confirm that they are right.")
            )
        if plan.municipality.four_eyes_approval and last_editor_id(plan, UNITS_OWN_PARTS) == user.pk:
            raise PlanActionError(
                _(
                    "You changed this plan last, and your municipality has plans approved by another person. "
                    "Ask an approver or another advisor to approve it."
                )
            )
        changes = changes_since_approved(plan)
        store_changes(plan, changes, rereading)
        old = Plan.objects.select_for_update().filter(pk=plan.revision_of_id, status=Plan.Status.APPROVED).first()
        public_slug = old.public_slug if old and old.published else None
        if old is not None:
            old.status = Plan.Status.ARCHIVED
            old.published = False
            old.public_slug = None
            _save(old, user, _("Archived: replaced by a newer approved version"))
        plan.status = Plan.Status.APPROVED
        plan.approved_at = timezone.now()
        plan.approved_by = user
        plan.decision_body = decision.body
        plan.decision_reference = decision.reference
        plan.decision_date = decision.date
        if old is not None and not any(index in rereading for index in range(len(changes))):
            # Nothing here needs reading again: what was confirmed of the old version still counts.
            plan.read_baseline_id = old.read_baseline_id or old.pk
        if public_slug:
            plan.published = True
            plan.public_slug = public_slug
        _save(plan, user, _("Approved the plan"))
        if plan.revision_of_id:
            # The units are told of the new version once it is stored, by a background task.
            transaction.on_commit(lambda: send_new_version_notices.enqueue(plan.pk))
    return plan


def start_revision(plan, user):
    """A new draft copied from an approved plan, to change it; the approved plan stays as it is.

    There is at most one draft revision of a plan: asking again returns it.
    """
    with transaction.atomic():
        plan = _locked(plan)
        if plan.status != Plan.Status.APPROVED:
            raise PlanActionError(_("Only an approved plan can be revised."))
        existing = plan.revisions.filter(status=Plan.Status.DRAFT).order_by("pk").first()
        if existing is not None:
            return existing
        # A new version waits for its own decision: the old one's stays with the approved plan.
        data = {**plan_to_dict(plan), "decision": None}
        revision = _copied(plan.municipality, data, status=Plan.Status.DRAFT)
        revision.revision_of = plan
        _save(revision, user, _("Started as a revision of the approved plan"))
    return revision


def archive_plan(plan, user):
    """Put an old plan away: it stays readable, is no longer published and cannot be changed."""
    with transaction.atomic():
        plan = _locked(plan)
        if plan.status == Plan.Status.ARCHIVED:
            raise PlanActionError(_("The plan is already archived."))
        plan.status = Plan.Status.ARCHIVED
        plan.published = False
        _save(plan, user, _("Archived"))
    return plan


# Publication -------------------------------------------------------------------


def publish_plan(plan, user):
    """Show an approved plan at its public address, made once and kept when withdrawn and published again."""
    with transaction.atomic():
        plan = _locked(plan)
        if plan.status != Plan.Status.APPROVED:
            raise PlanActionError(_("Only an approved plan can be published."))
        if not plan.public_slug:
            plan.public_slug = _public_slug(plan)
        plan.published = True
        _save(plan, user, _("Published"))
    return plan


def withdraw_plan(plan, user):
    with transaction.atomic():
        plan = _locked(plan)
        plan.published = False
        _save(plan, user, _("Withdrawn from publication"))
    return plan


def _public_slug(plan):
    """Readable (municipality and year) and not guessable from other plans' addresses."""
    return f"{slugify(plan.municipality.slug)}-{plan.school_year}-{secrets.token_hex(4)}"


# Next school year ----------------------------------------------------------------


def start_next_year(plan, user):
    """Copy the plan into the next school year as a draft; the plan itself is not touched.

    Every part is copied. Progress entries move by what they are (see
    `_move_to_next_year`) and are marked "to review"; milestones are kept as a
    starting point; units' texts come along as drafts to look over (texts not
    started stay not started). The school year in the title and subtitle
    follows. A multi-year plan's next action plan keeps the plan period while
    the next school year lies in it.
    """
    data = plan_to_dict(plan)
    data.update(
        # A new document: neither adopted nor changed yet.
        changed_on=None,
        decision=None,
        school_year=plan.school_year + 1,
        status=Plan.Status.DRAFT,
        title=_next_year_text(data["title"], plan),
        subtitle=_next_year_text(data["subtitle"], plan),
    )
    if plan.period and plan.period_last_year < data["school_year"]:
        # The plan period ends with this school year: next year's action plan starts a new period,
        # whose years the advisor sets in the plan's settings.
        data.pop("period", None)
    if plan.municipality.plans.filter(school_year=data["school_year"], title=data["title"]).exists():
        raise PlanActionError(_("There is already a plan with this title for the next school year."))
    # Next year's school calendar, when entered: a meeting that would land in its holidays moves off them.
    calendar = SchoolCalendar.objects.of_year(plan.municipality_id, plan.school_year + 1)
    moved_off = sum(_move_to_next_year(entry, calendar) for entry in data["progress_entries"])
    for routine in data["routines"]:
        for text in routine["unit_texts"]:
            if text["status"] == UnitRoutineText.Status.DONE:
                text["status"] = UnitRoutineText.Status.DRAFT
    with transaction.atomic():
        new_plan = _copied(plan.municipality, data)
        # One flag on every entry is not a change anyone made; an update keeps
        # the new plan's history to the copy itself.
        new_plan.progress_entries.update(to_review=True)
        _save(new_plan, user, _("Started from the plan for %(year)s") % {"year": plan.school_year_label})
    new_plan.moved_off_days_off = moved_off  # for the page's warning
    return new_plan


def _move_to_next_year(entry, calendar=None):
    """Move an entry (of a plan file) a year on by what it is, so that nothing drifts from year to year.

    Months and terms keep their months; a deadline keeps its date (a weekend is
    flagged on the page, not moved); meetings, courses and tasks on a day keep
    their weekday and week of the month, and a span of days keeps its length;
    one that lands in a holiday of next year's school `calendar` moves on a
    week at a time to the same weekday at school. Returns 1 when it moved off
    a holiday, else 0.
    """
    moved_off = 0
    starts_on = datetime.date.fromisoformat(entry["starts_on"])
    ends_on = datetime.date.fromisoformat(entry["ends_on"]) if entry["ends_on"] else None
    if entry["precision"] != "day":
        starts_on, ends_on = same_months_next_year(starts_on, ends_on)
    else:
        moved = (
            same_date_next_year(starts_on)
            if entry["kind"] == "deadline"
            else same_weekday_of_month_next_year(starts_on)
        )
        if entry["kind"] != "deadline":
            moved, moved_off = _off_days_off(moved, calendar)
        if ends_on:
            ends_on = moved + (ends_on - starts_on)
        starts_on = moved
    entry["starts_on"] = starts_on.isoformat()
    entry["ends_on"] = ends_on.isoformat() if ends_on else None
    return moved_off


def _off_days_off(day, calendar):
    """(the first of day, day + 1 week, … that is not a day off, 1 if it moved); left as it is (0) when there
    is no calendar or no school that weekday for five weeks: the month view then marks it."""
    if calendar is None:
        return day, 0
    days_off = calendar.days_off()
    for weeks in range(5):
        candidate = day + datetime.timedelta(weeks=weeks)
        if candidate not in days_off:
            return candidate, int(weeks > 0)
    return day, 0


def _next_year_text(text, plan):
    """«Handlingsplan 2023/2024» → «Handlingsplan 2024/2025»."""
    return text.replace(plan.school_year_label, f"{plan.school_year + 1}/{plan.school_year + 2}")


# New plans besides empty: from Udir's E 1.6 template, or as a copy -------------------

E16_TEMPLATE = Path(__file__).resolve().parent / "plan_templates" / "e16.json"


def plan_from_template(**fields):
    """A plan whose sections are the twelve E 1.6 elements, in the plan's language, to be answered."""
    plan = Plan.objects.create(**fields)
    elements = json.loads(E16_TEMPLATE.read_text(encoding="utf-8"))["elements"]
    # One save each rather than bulk_create, so each section's history starts here.
    for position, element in enumerate(elements):
        text = element[plan.language]
        Section.objects.create(
            plan=plan, position=position, title=text["title"], guiding_question=text["guiding_question"]
        )
    return plan


def copy_of_plan(source, municipality, **fields):
    """A new draft with every part of `source`, through the plan file format so nothing is forgotten.

    The units' own texts come along only within the same municipality: they
    belong to units, and another municipality has other units.
    """
    data = {**plan_to_dict(source), "changed_on": None, "decision": None}
    if source.municipality_id != municipality.pk:
        data["routines"] = [{**routine, "unit_texts": []} for routine in data["routines"]]
    first, last = fields.pop("period_first_year", None), fields.pop("period_last_year", None)
    fields["period"] = {"first": first, "last": last} if first is not None and last is not None else None
    # The source's files are stored for its own municipality, which may be another in the region.
    files = stored_source([source.municipality_id, municipality.pk])
    return _copied(municipality, data, files=files, status=Plan.Status.DRAFT, **fields)
