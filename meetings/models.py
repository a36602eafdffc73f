"""Meeting arenas, target groups and the dated progress plan of a plan."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from routines.formatting import FormattedHtmlField
from routines.models import (
    BTI_LEVELS,
    Membership,
    Milestone,
    Municipality,
    Plan,
    PlanPart,
    Region,
    Unit,
    VersionedModel,
)
from routines.recording import PlanHistory
from routines.school_year import is_weekend, is_whole_months, term_of

from .rhythm import rhythm_problems
from .unit_kinds import ALL_KINDS, UnitKindsModelField


class TargetGroup(PlanPart):
    """Who a progress-plan entry is for (Styrere, Skoleledere, SUT/BUG …)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="target_groups")
    name = models.CharField(_("name"), max_length=200)
    unit_kinds = UnitKindsModelField(_("kinds of unit"), help_text=_("Empty means all kinds of unit."))

    history = PlanHistory()

    class Meta(PlanPart.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="target_group_name_unique_in_plan"),
        ]

    def __str__(self):
        return self.name

    def stated_kinds(self):
        """The kinds of unit it names; empty when it concerns every kind (Foresatte)."""
        return frozenset(self.unit_kinds)


class ArenaQuerySet(models.QuerySet):
    def concerning(self, unit):
        """The arenas the unit takes part in, as a list in the plan's order (one query).

        The unit page asks `plan.arenas.concerning(unit)`; their links and files come in a second query.
        """
        arenas = self.select_related("escalates_to").prefetch_related("attachments")
        return [arena for arena in arenas if arena.concerns(unit)]


class Arena(PlanPart):
    """A meeting arena, group or practice action; its rhythm, when it has a fixed one, is a rule
    (`meetings.rhythm` reads it in words and finds its meetings in the school year) beside the
    free-text note `frequency`."""

    class Rhythm(models.TextChoices):
        NONE = "", _("No fixed rhythm")
        WEEKLY = "weekly", _("Every week")
        EVERY_SECOND_WEEK = "every_second_week", _("Every second week")
        MONTHLY = "monthly", _("Monthly, on a weekday of a given week")
        PER_TERM = "per_term", _("A number of times a term")
        AS_NEEDED = "as_needed", _("As needed")

    class Category(models.TextChoices):
        GROUP = "group", _("Development group or body")
        MEETING = "meeting", _("Meeting arena")
        PRACTICE = "practice", _("Practice action")

    class Scope(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality-wide")
        EVERY_UNIT = "every_unit", _("One in every unit")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="arenas")
    category = models.CharField(_("kind"), max_length=20, choices=Category.choices, default=Category.MEETING)
    name = models.CharField(_("name"), max_length=300)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_html = FormattedHtmlField(source="purpose")
    audience = models.TextField(
        _("for whom"), blank=True, help_text=_("E.g. all pupils of the school, or the children starting school.")
    )
    led_by = models.CharField(_("led by"), max_length=300, blank=True)
    responsible = models.CharField(
        _("responsible"),
        max_length=300,
        blank=True,
        help_text=_("Who answers for the arena, when not the one leading it."),
    )
    minute_taker = models.CharField(_("minute-taker"), max_length=300, blank=True)
    fixed_participants = models.TextField(_("fixed participants"), blank=True, help_text=_("One per line."))
    invited_participants = models.TextField(
        _("invited when needed"), blank=True, help_text=_("One per line, e.g. the PPT advisor or the health nurse.")
    )
    participants = models.TextField(_("who takes part"), blank=True)
    frequency = models.CharField(_("how often"), max_length=300, blank=True)
    rhythm = models.CharField(_("rhythm"), max_length=20, choices=Rhythm.choices, blank=True, default="")
    rhythm_weekday = models.PositiveSmallIntegerField(
        _("weekday"), null=True, blank=True, choices=[(day, day) for day in range(7)]
    )
    rhythm_week = models.PositiveSmallIntegerField(
        _("week of the month"),
        null=True,
        blank=True,
        help_text=_("1 for the first … 4 for the fourth, 5 for the last."),
    )
    rhythm_times = models.PositiveSmallIntegerField(_("times a term"), null=True, blank=True)
    rhythm_starts_on = models.DateField(
        _("first meeting"), null=True, blank=True, help_text=_("For every week or every second week: the first date.")
    )
    rhythm_starts_at = models.TimeField(_("at"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.MUNICIPALITY)
    unit_kind = models.CharField(
        _("kind of unit"),
        max_length=20,
        choices=Unit.Kind.choices,
        blank=True,
        help_text=_("For arenas in every unit: which kind of unit has one. Empty means all."),
    )
    bti_levels = models.JSONField(_("BTI levels"), default=list, blank=True)
    unit_kinds = UnitKindsModelField(
        _("kinds of unit"),
        help_text=_("Which kinds of unit the arena concerns, e.g. schools for SUT. Empty means all."),
    )
    escalates_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalated_from",
        verbose_name=_("next step"),
        help_text=_("The arena a case is lifted to when this one cannot resolve it."),
    )
    escalation_criterion = models.TextField(
        _("when a case is lifted"),
        blank=True,
        help_text=_("The criterion in words, e.g. «when the measures have not helped after six weeks»."),
    )

    objects = ArenaQuerySet.as_manager()

    history = PlanHistory()

    class Meta(PlanPart.Meta):
        verbose_name = _("meeting arena")
        verbose_name_plural = _("meeting arenas")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=["group", "meeting", "practice"]), name="arena_category_valid"
            ),
            models.CheckConstraint(condition=Q(scope__in=["municipality", "every_unit"]), name="arena_scope_valid"),
            models.CheckConstraint(
                condition=Q(rhythm__in=["", "weekly", "every_second_week", "monthly", "per_term", "as_needed"]),
                name="arena_rhythm_valid",
            ),
            # Entries name their arena: two of the same name could not be told apart.
            models.UniqueConstraint(fields=["plan", "name"], name="arena_name_unique_in_plan"),
        ]

    def __str__(self):
        return self.name

    def stated_kinds(self):
        """The kinds of unit it names, or the kind that has one in every unit (SKUT: schools)."""
        if self.unit_kinds:
            return frozenset(self.unit_kinds)
        if self.scope == self.Scope.EVERY_UNIT and self.unit_kind:
            return frozenset([self.unit_kind])
        return frozenset()

    def concerns(self, unit):
        kinds = self.stated_kinds()
        return not kinds or unit.kind in kinds

    @property
    def fixed_participant_list(self):
        return [line.strip() for line in self.fixed_participants.splitlines() if line.strip()]

    @property
    def invited_participant_list(self):
        return [line.strip() for line in self.invited_participants.splitlines() if line.strip()]

    def level_labels(self):
        """The arena's levels by the plan's names for them («BTI level 1», or «Across units»)."""
        return [self.plan.level_label(level) for level in self.bti_levels]

    def siblings(self):
        # The plan lists groups, meeting arenas and practice actions apart, so
        # moving up or down only makes sense within the same kind.
        return super().siblings().filter(category=self.category)

    def clean(self):
        super().clean()
        errors = {}
        if self.unit_kind and self.scope != self.Scope.EVERY_UNIT:
            errors["unit_kind"] = _("A kind of unit only applies to arenas found in every unit.")
        if not isinstance(self.bti_levels, list) or any(level not in BTI_LEVELS for level in self.bti_levels):
            errors["bti_levels"] = _("BTI levels are whole numbers from 0 to 3.")
        errors.update(rhythm_problems(self))
        if self.escalates_to_id and self.plan_id and self.escalates_to.plan_id != self.plan_id:
            errors["escalates_to"] = _("The next step must be an arena of the same plan.")
        elif self.escalates_to_id and self.escalates_to_id == self.pk:
            errors["escalates_to"] = _("A case cannot be lifted to the arena it is in.")
        if self.escalation_criterion.strip() and not self.escalates_to_id:
            errors["escalation_criterion"] = _("Choose the arena the case is lifted to.")
        if errors:
            raise ValidationError(errors)


class ProgressEntryQuerySet(models.QuerySet):
    def for_progress_list(self):
        """Entries in date order with everything the progress-plan list shows."""
        return self.select_related("arena").prefetch_related("target_groups", "milestones")

    def concerning(self, unit):
        """The unit's entries as a list in date order, loaded for showing (three queries).

        The unit page asks `plan.progress_entries.concerning(unit)`.
        """
        return [entry for entry in self.for_progress_list() if entry.concerns(unit)]


class ProgressEntry(VersionedModel):
    """One line of the progress plan (fremdriftsplan): a day, a day range, whole months or a term.

    Its kind says what it means (a meeting keeps its weekday from year to year,
    a deadline its date); its precision says how the municipality wrote its
    time. Whole months and terms are stored as their first and last day, so
    sorting and filtering by date work the same for every entry, and shown as
    written ("i løpet av september–november", "høsten").
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        DEADLINE = "deadline", _("Deadline")
        COURSE = "course", _("Course or gathering")
        TASK = "task", _("Task in a period")

    class Precision(models.TextChoices):
        DAY = "day", _("A day or days")
        MONTHS = "months", _("Whole months")
        TERM = "term", _("A term")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress_entries")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    precision = models.CharField(_("time given as"), max_length=10, choices=Precision.choices, default=Precision.DAY)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("to date"), null=True, blank=True, help_text=_("Only for periods."))
    starts_at = models.TimeField(_("from time"), null=True, blank=True)
    ends_at = models.TimeField(_("to time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    content = models.TextField(_("content"))
    content_html = FormattedHtmlField(source="content")
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="entries", verbose_name=_("target groups")
    )
    milestones = models.ManyToManyField(
        Milestone, blank=True, related_name="progress_entries", verbose_name=_("milestones")
    )
    all_milestones = models.BooleanField(_("serves all milestones"), default=False)
    arena = models.ForeignKey(
        Arena,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("meeting arena"),
    )
    at_every_unit = models.BooleanField(
        _("at every unit"), default=False, help_text=_("Done at every kindergarten and school during the period.")
    )
    unit_kinds = UnitKindsModelField(
        _("kinds of unit"),
        help_text=_("Only when it differs from what the arena and target groups concern. Empty means: derive it."),
    )
    to_review = models.BooleanField(
        _("to review"), default=False, help_text=_("Copied from last school year: check the date and content.")
    )
    unit_owner = models.CharField(
        _("only for units that are"),
        max_length=20,
        choices=Unit.Owner.choices,
        blank=True,
        help_text=_("E.g. a meeting for the municipal kindergartens only. Empty means municipal and private units."),
    )

    history = PlanHistory(m2m_fields=["target_groups", "milestones"])
    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "starts_at", "pk"]
        verbose_name = _("progress-plan entry")
        verbose_name_plural = _("progress-plan entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="entry_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=False),
                name="entry_end_time_needs_start_time",
            ),
            models.CheckConstraint(
                condition=Q(unit_owner__in=["", "municipal", "private"]), name="entry_unit_owner_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["meeting", "deadline", "course", "task"]), name="entry_kind_valid"
            ),
            models.CheckConstraint(condition=Q(precision__in=["day", "months", "term"]), name="entry_precision_valid"),
            models.CheckConstraint(
                condition=Q(precision="day") | Q(ends_on__isnull=False, starts_at__isnull=True),
                name="entry_months_and_terms_are_spans_without_times",
            ),
        ]

    def __str__(self):
        return f"{self.starts_on:%d.%m.%Y} {self.content[:60]}"

    @property
    def is_period(self):
        return self.ends_on is not None and self.ends_on != self.starts_on

    @property
    def month(self):
        """The first day of the month it starts in: the progress plan's grouping."""
        return self.starts_on.replace(day=1)

    @property
    def is_month_wide(self):
        """Given as whole months or a term: listed first in a month, under "hele måneden"."""
        return self.precision != self.Precision.DAY

    @property
    def is_deadline_on_a_weekend(self):
        """A deadline keeps its date from year to year; on a Saturday or Sunday it is flagged, not moved."""
        return self.kind == self.Kind.DEADLINE and self.precision == self.Precision.DAY and is_weekend(self.starts_on)

    @property
    def term(self):
        """ "autumn", "spring" or "year" for a term, else None."""
        return term_of(self.starts_on, self.ends_on) if self.precision == self.Precision.TERM else None

    def clean(self):
        super().clean()
        # The database refuses these too; here they become errors next to the field.
        errors = {}
        if self.precision == self.Precision.MONTHS and not is_whole_months(self.starts_on, self.ends_on):
            errors["precision"] = _("Whole months run from the first of a month to the last day of a month.")
        if self.precision == self.Precision.TERM and self.starts_on and self.ends_on and self.term is None:
            errors["precision"] = _("A term is the autumn, the spring or the whole school year.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period cannot end before it starts.")
        if self.ends_at and not self.starts_at:
            errors["ends_at"] = _("An end time needs a start time.")
        elif self.starts_at and self.ends_at and not self.is_period and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The end time cannot be before the start time.")
        if self.arena_id and self.plan_id and self.arena.plan_id != self.plan_id:
            errors["arena"] = _("The meeting arena must belong to the same plan.")
        if errors:
            raise ValidationError(errors)

    def concerned_kinds(self):
        """The kinds of unit this entry concerns (for the unit filters and unit feeds).

        Its own `unit_kinds` win; an entry done at every unit concerns all
        kinds. Otherwise it concerns the kinds its target groups and arena
        name together: «Skoleledermøte» (Skoleledere) in «Skoleleder- og
        styrermøter» (no kind named) concerns schools. When nothing names a
        kind, it concerns all. Prefetch `arena` and `target_groups`.
        """
        if self.unit_kinds:
            return frozenset(self.unit_kinds)
        if self.at_every_unit:
            return ALL_KINDS
        named = frozenset().union(*(group.stated_kinds() for group in self.target_groups.all()))
        if self.arena is not None:
            named |= self.arena.stated_kinds()
        return named or ALL_KINDS

    def concerns(self, unit):
        """Whether the entry is for this unit: its kind, and its owner where the entry names one."""
        if self.unit_owner and self.unit_owner != unit.owner:
            return False
        return unit.kind in self.concerned_kinds()


# --- The school year at a glance: calendar feeds and regional gatherings ---


class FeedToken(models.Model):
    """The secret in a plan's calendar-feed URLs; calendar programs cannot log in.

    One token per plan covers the plan, unit and arena feeds. Regenerating it
    replaces the token, so every old link stops working at once.
    """

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="feed_token")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self):
        return str(self.plan)

    @classmethod
    def regenerate(cls, plan, user):
        feed_token, _created = cls.objects.update_or_create(
            plan=plan,
            defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now(), "created_by": user},
        )
        return feed_token


class GatheringQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Gatherings of the regions the user coordinates or has a municipality in."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        memberships = Membership.objects.filter(user=user)
        return self.filter(
            Q(region__in=memberships.filter(role=Membership.Role.COORDINATOR).values("region"))
            | Q(region__in=memberships.filter(municipality__region__isnull=False).values("municipality__region"))
        )

    def editable_by(self, user):
        return self.filter(region__in=coordinated_regions(user))


def coordinated_regions(user):
    """Primary keys of the regions whose gatherings the user plans (a values queryset)."""
    if not user.is_authenticated or not user.is_active:
        return Region.objects.none().values("pk")
    if user.is_superuser:
        return Region.objects.values("pk")
    return Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).values("region")


class Gathering(VersionedModel):
    """A regional gathering (samling) of several municipalities."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="gatherings", verbose_name=_("region"))
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from time"), null=True, blank=True)
    ends_at = models.TimeField(_("to time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    audience = models.TextField(_("who it is for"), blank=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(_("about the gathering"), blank=True)
    description_html = FormattedHtmlField(source="description")
    organisation = models.CharField(_("how the work is organised"), max_length=500, blank=True)
    prework = models.TextField(_("pre-work"), blank=True, help_text=_("What the municipalities prepare and send in."))
    prework_html = FormattedHtmlField(source="prework")
    prework_deadline = models.DateField(_("pre-work deadline"), null=True, blank=True)
    prework_send_to = models.EmailField(_("send pre-work to"), blank=True)
    organiser = models.CharField(_("led by"), max_length=300, blank=True)
    note = models.CharField(_("note under the programme"), max_length=300, blank=True)

    objects = GatheringQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=False),
                name="gathering_end_time_needs_start_time",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="gathering_ends_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("meetings:gathering_detail", args=[self.pk])


class AgendaItem(VersionedModel):
    """One slot of a gathering's programme; the programme runs in time order."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.TimeField(_("from time"))
    ends_at = models.TimeField(_("to time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    presenter = models.CharField(_("presenter"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_html = FormattedHtmlField(source="description")

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="agenda_item_ends_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.starts_at:%H.%M} {self.title[:60]}"


class GroupWork(VersionedModel):
    """Group work across municipalities, e.g. a learning caravan (læringskaravane)."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="group_works")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_works",
        verbose_name=_("during agenda item"),
    )
    title = models.CharField(_("title"), max_length=300)
    instructions = models.TextField(
        _("instructions"), blank=True, help_text=_("E.g. choose a chair and a time keeper.")
    )
    instructions_html = FormattedHtmlField(source="instructions")
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_html = FormattedHtmlField(source="purpose")

    class Meta:
        ordering = ["gathering", "pk"]
        verbose_name = _("group work")
        verbose_name_plural = _("group work")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.agenda_item_id and self.agenda_item.gathering_id != self.gathering_id:
            raise ValidationError({"agenda_item": _("The agenda item must belong to the same gathering.")})


class GroupWorkStep(PlanPart):
    """One step of the group work, done in order (present, ask, give feedback, take home)."""

    parent_field = "group_work"

    group_work = models.ForeignKey(GroupWork, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(_("step"))

    class Meta(PlanPart.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.text[:80]

    @property
    def gathering(self):
        return self.group_work.gathering


class WorkGroup(PlanPart):
    """One group of the group work: its municipalities and who leads and keeps time."""

    parent_field = "group_work"

    group_work = models.ForeignKey(GroupWork, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=200)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="work_groups", verbose_name=_("municipalities")
    )
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    time_keeper = models.CharField(_("time keeper"), max_length=200, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return self.name

    @property
    def gathering(self):
        return self.group_work.gathering


class PreworkNote(VersionedModel):
    """A municipality's short pre-work note for a gathering (one per municipality)."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="prework_notes")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="prework_notes", verbose_name=_("municipality")
    )
    text = models.TextField(_("pre-work note"))
    text_html = FormattedHtmlField(source="text")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("pre-work note")
        verbose_name_plural = _("pre-work notes")
        constraints = [
            models.UniqueConstraint(fields=["gathering", "municipality"], name="prework_note_once_per_municipality"),
        ]

    def __str__(self):
        return f"{self.gathering} – {self.municipality}"

    def clean(self):
        super().clean()
        if self.gathering_id and self.municipality_id and self.municipality.region_id != self.gathering.region_id:
            raise ValidationError({"municipality": _("The municipality must belong to the gathering's region.")})


# The municipality's school calendar lives in its own module; imported here so Django registers it.
from .attachment_models import ArenaAttachment, GatheringAttachment  # noqa: E402, F401
from .school_calendar import SchoolBreak, SchoolCalendar  # noqa: E402, F401
