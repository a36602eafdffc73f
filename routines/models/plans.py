"""The plan of one school year and its ordered parts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ops import dates
from routines.formatting import FormattedHtmlField
from routines.recording import PlanHistory

from .. import plan_parts
from ..school_year import current_school_year, school_year_label
from .base import BTI_LEVELS, PlanPart, VersionedModel
from .municipalities import Membership, Municipality
from .reviews import Reviewed

# «2023–2027» is a four-year plan; nobody plans further than this.
MAX_PERIOD_YEARS = 10


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(municipality__in=Municipality.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(municipality__in=Municipality.objects.editable_by(user))

    def shared_in_region_with(self, user):
        """Approved plans of the municipalities in the regions where the user is an advisor (read-only)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        advisor_regions = Membership.objects.filter(
            user=user, role=Membership.Role.ADVISOR, municipality__region__isnull=False
        ).values("municipality__region")
        return self.filter(status=Plan.Status.APPROVED, municipality__region__in=advisor_regions)

    def in_force(self, school_year=None):
        """The approved plans of a school year (the running one by default), latest approval first.

        "Gjeldende": what units and their staff follow that year. A draft
        revision of it is not in force until it is approved, and an archived
        plan never is. Filter by municipality first; `.first()` is its plan in force.
        """
        if school_year is None:
            school_year = current_school_year()
        return self.filter(status=Plan.Status.APPROVED, school_year=school_year).order_by(
            models.F("approved_at").desc(nulls_last=True), "-pk"
        )

    def for_plan_list(self):
        return self.select_related("municipality").order_by("municipality__name", "-school_year", "title")

    def with_all_parts(self):
        """Every part of the plan, in a fixed number of queries: for what reads the whole plan (PDF, public page)."""
        return self.select_related("municipality").prefetch_related(*plan_parts.prefetch_lookups())


class Plan(VersionedModel, Reviewed):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        ARCHIVED = "archived", _("Archived")

    class Language(models.TextChoices):
        BOKMAL = "nb", _("Norwegian Bokmål")
        NYNORSK = "nn", _("Norwegian Nynorsk")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="plans", verbose_name=_("municipality")
    )
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        help_text=_("The year the school year starts in: 2023 means 2023/2024."),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    # A multi-year plan (a four-year plan, «2023–2027») whose yearly action plan this is: the
    # school year above lies within it. Both empty: a plan of one school year.
    period_first_year = models.PositiveSmallIntegerField(
        _("plan period from"),
        null=True,
        blank=True,
        help_text=_("For a plan that covers several years, e.g. 2023 in «2023–2027». Empty: the school year only."),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    period_last_year = models.PositiveSmallIntegerField(
        _("plan period to"),
        null=True,
        blank=True,
        help_text=_("E.g. 2027 in «2023–2027»."),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(_("document language"), max_length=2, choices=Language.choices, default=Language.BOKMAL)
    intro = models.TextField(_("introduction"), blank=True)
    intro_html = FormattedHtmlField(source="intro")
    level_names = models.TextField(
        _("names of the support system's levels"),
        blank=True,
        help_text=_(
            "Your own names for the levels, one per line, from the first level up (at most four), "
            "e.g. «In the unit», «Across units», «Municipal team». Empty: the BTI levels 0–3."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # The document's own "last changed" date when it came from a file (an imported plan, a revision):
    # the cover shows it rather than the day of the import. Saving the plan's settings ends it.
    document_changed_on = models.DateField(_("last changed (document)"), null=True, blank=True, editable=False)

    # Approval and publication (routines/services.py): an approved plan is
    # frozen; changing it means a new draft that revises it.
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="revisions",
        verbose_name=_("revision of"),
    )
    # The decision that approved it, as the municipality's records have it.
    decision_body = models.CharField(_("decided by"), max_length=200, blank=True, editable=False)
    decision_reference = models.CharField(_("case reference"), max_length=100, blank=True, editable=False)
    decision_date = models.DateField(_("decision date"), null=True, blank=True, editable=False)
    # The approved version whose read confirmations still count for this one:
    # itself (null) unless it is a revision whose changes did not need re-reading.
    read_baseline = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("read confirmations count from"),
    )
    published = models.BooleanField(_("published"), default=False, editable=False)
    public_slug = models.SlugField(
        _("public address"), max_length=100, unique=True, null=True, blank=True, editable=False
    )

    objects = PlanQuerySet.as_manager()

    history = PlanHistory()

    class Meta:
        ordering = ["municipality", "-school_year", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(school_year__gte=2000) & Q(school_year__lte=2100), name="plan_school_year_range"
            ),
            models.CheckConstraint(condition=Q(status__in=["draft", "approved", "archived"]), name="plan_status_valid"),
            models.CheckConstraint(condition=Q(language__in=["nb", "nn"]), name="plan_language_valid"),
            # A plan period has both ends, in order, around the school year of its action plan.
            models.CheckConstraint(
                condition=(Q(period_first_year__isnull=True) & Q(period_last_year__isnull=True))
                | (
                    Q(period_first_year__lte=models.F("school_year")) & Q(period_last_year__gte=models.F("school_year"))
                ),
                name="plan_period_around_school_year",
            ),
            # Only an approved plan is ever shown at its public address.
            models.CheckConstraint(
                condition=Q(published=False) | Q(status="approved"), name="plan_published_only_when_approved"
            ),
        ]

    def __str__(self):
        return self.full_title

    @property
    def school_year_label(self):
        return school_year_label(self.school_year)

    @property
    def period(self):
        """(first, last) year of the plan period, or None for a plan of one school year."""
        if self.period_first_year is None or self.period_last_year is None:
            return None
        return (self.period_first_year, self.period_last_year)

    @property
    def period_label(self):
        return dates.plan_period(*self.period) if self.period else ""

    @property
    def title_years(self):
        """The years after the title, those the title names left out: «2023/2024», «2023–2027, action plan 2024/2025»."""
        return dates.plan_years(self.school_year, self.period, self.title)

    @property
    def full_title(self):
        """The title with its years, each written once: how lists, headings and e-mails name the plan."""
        return f"{self.title} {self.title_years}".strip()

    @property
    def years_described(self):
        """«School year 2023/2024», or «Plan period 2023–2027 · Action plan for the school year 2024/2025»."""
        return dates.plan_years_described(self.school_year, self.period)

    def load_all_parts(self):
        """Fetch every part into this plan object, as `with_all_parts` does for a query; returns the plan.

        For a page whose parts are read only when its cached part must be rendered again.
        """
        models.prefetch_related_objects([self], *plan_parts.prefetch_lookups())
        return self

    @property
    def is_in_force(self):
        return self.status == Plan.Status.APPROVED and self.school_year == current_school_year()

    @property
    def is_frozen(self):
        """The municipality's common content is what was approved; units' own parts live on."""
        return self.status != Plan.Status.DRAFT

    @property
    def status_label(self):
        """The status as a person asks it: in force, approved, a draft revision, a draft, archived."""
        if self.is_in_force:
            return _("In force")
        if self.status == Plan.Status.DRAFT and self.revision_of_id:
            return _("Draft revision")
        return self.get_status_display()

    @property
    def last_changed(self):
        """The date the cover gives as "last changed": the document's own, or the last save in KIBS."""
        return self.document_changed_on or timezone.localdate(self.updated_at)

    @property
    def has_decision(self):
        return bool(self.decision_body or self.decision_reference or self.decision_date)

    @property
    def levels(self):
        """[(number, label)] of the support system's levels: the plan's own names, or BTI 0–3."""
        names = [line.strip() for line in self.level_names.splitlines() if line.strip()]
        if names:
            return list(enumerate(names[: len(BTI_LEVELS)]))
        return [(level, _("BTI level %(level)s") % {"level": level}) for level in BTI_LEVELS]

    def level_label(self, number):
        return dict(self.levels).get(number, str(number))

    def clean(self):
        super().clean()
        if len([line for line in self.level_names.splitlines() if line.strip()]) > len(BTI_LEVELS):
            raise ValidationError({"level_names": _("At most four levels, one per line.")})
        self._clean_period()

    def _clean_period(self):
        first, last = self.period_first_year, self.period_last_year
        if first is None and last is None:
            return
        if first is None or last is None:
            field = "period_last_year" if last is None else "period_first_year"
            raise ValidationError({field: _("Give both the first and the last year of the plan period.")})
        if last < first:
            raise ValidationError({"period_last_year": _("The plan period ends before it begins.")})
        if last - first > MAX_PERIOD_YEARS:
            raise ValidationError(
                {"period_last_year": _("A plan period is at most %(years)s years.") % {"years": MAX_PERIOD_YEARS}}
            )
        if self.school_year is not None and not first <= self.school_year <= last:
            raise ValidationError(
                {
                    "school_year": _("The school year of the action plan must lie within the plan period %(period)s.")
                    % {"period": dates.plan_period(first, last)}
                }
            )


class FocusArea(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="focus_areas")
    name = models.CharField(_("name"), max_length=200)
    goals = models.TextField(_("goals"), blank=True, help_text=_("One goal per line."))

    history = PlanHistory()

    class Meta(PlanPart.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name

    @property
    def goal_list(self):
        return [line.strip() for line in self.goals.splitlines() if line.strip()]


class Section(PlanPart):
    """A chapter of the plan's outline: its own text, and optionally one of the plan's structured parts.

    The sections in their order are the plan's outline, as the municipality
    writes it (Sortland: eight chapters, the tables of actors, arenas and
    milestones under "Organisering og aktører"). A section on level 2 continues
    the chapter above it. The PDF, the reading page and the public page follow
    this outline (documents/outline.py).
    """

    class Level(models.IntegerChoices):
        CHAPTER = 1, _("Chapter")
        UNDER_CHAPTER = 2, _("Part of the chapter above")

    class Part(models.TextChoices):
        # The keys name parts of other apps too (arenas, progress plan, year
        # wheel): they are only names here; documents/ shows them.
        INTRO = "intro", _("The plan's introduction")
        FOCUS_AREAS = "focus_areas", _("Vision and focus areas")
        ACTORS = "actors", _("Actors and their duties")
        ARENAS = "arenas", _("Groups and meeting arenas")
        SUPPORT_SYSTEM = "support_system", _("Diagram of the support system")
        MILESTONES = "milestones", _("Milestones")
        PROGRESS = "progress", _("Progress plan")
        YEAR_WHEEL = "year_wheel", _("Year wheel")
        COMMON_ROUTINES = "common_routines", _("Common routines")
        UNIT_ROUTINES = "unit_routines", _("Unit-specific routines")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=300)
    guiding_question = models.TextField(_("guiding question"), blank=True)
    body = models.TextField(_("text"), blank=True)
    body_html = FormattedHtmlField(source="body")
    level = models.PositiveSmallIntegerField(_("place in the outline"), choices=Level.choices, default=Level.CHAPTER)
    part = models.CharField(
        _("part of the plan shown here"),
        max_length=30,
        choices=Part.choices,
        blank=True,
        help_text=_("Shown after the text. Each part has one place in the plan."),
    )

    history = PlanHistory()

    class Meta(PlanPart.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "part"],
                condition=~Q(part=""),
                name="section_part_once_in_plan",
                violation_error_message=_("Each part has one place in the plan."),
            ),
            models.CheckConstraint(condition=Q(level__in=[1, 2]), name="section_level_valid"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.part and self.plan_id:
            elsewhere = Section.objects.filter(plan_id=self.plan_id, part=self.part).exclude(pk=self.pk).first()
            if elsewhere:
                raise ValidationError(
                    {"part": _("This part is already shown in “%(title)s”.") % {"title": elsewhere.title}}
                )


class ActorQuerySet(models.QuerySet):
    def with_duties(self):
        return self.prefetch_related("duties")


class Actor(PlanPart):
    """One member of the team around the child (Laget rundt barnet)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=300, blank=True)
    applies_to_units = models.BooleanField(
        _("duties of unit leaders and staff"),
        default=False,
        help_text=_("Show this actor's duties on every unit's page, e.g. the unit's leadership or each employee."),
    )

    objects = ActorQuerySet.as_manager()

    history = PlanHistory()

    class Meta(PlanPart.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            # Routines name their responsible actor: two of the same name could not be told apart.
            models.UniqueConstraint(fields=["plan", "name"], name="actor_name_unique_in_plan"),
        ]

    def __str__(self):
        return self.name


class Duty(PlanPart):
    parent_field = "actor"

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField(_("duty"))

    history = PlanHistory()

    class Meta(PlanPart.Meta):
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self):
        return self.text[:80]


class Milestone(VersionedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text = models.TextField(_("milestone"))

    history = PlanHistory()

    class Meta:
        ordering = ["number"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="milestone_number_unique_in_plan"),
            models.CheckConstraint(condition=Q(number__gte=1), name="milestone_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    @property
    def full_label(self):
        """Its number and whole text, for tick boxes: a label that wraps, never cut mid-word."""
        return f"{self.number}. {self.text}"
