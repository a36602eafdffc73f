"""The progress plan (fremdriftsplan) read month by month, with combinable filters.

The month view, the year wheel and the calendar feeds all read entries through
`plan_entries` and `EntryFilterForm`, so they always agree on what an entry is
and which entries a filter keeps.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from routines.models import Unit
from routines.school_year import school_year_months

from .rhythm import DATED, meetings_of


def plan_entries(plan):
    """All entries of a plan with what the views show, in a fixed number of queries."""
    return plan.progress_entries.for_progress_list()


def next_month(first):
    return (first + datetime.timedelta(days=32)).replace(day=1)


def months_between(start, end):
    """First days of every month from start's month to end's month."""
    first = start.replace(day=1)
    while first <= end:
        yield first
        first = next_month(first)


def headline(entry):
    """The first line of an entry's text without Markdown list or heading marks: its short name."""
    for line in entry.content.splitlines():
        text = line.strip().lstrip("-*#· ").strip()
        if text:
            return text
    return ""


def milestone_label(entry):
    if entry.all_milestones:
        return _("All")
    return ", ".join(str(milestone.number) for milestone in entry.milestones.all())


class EntryFilterForm(forms.Form):
    """The filters of the progress plan, read from the query string so a link keeps them."""

    target_group = forms.ModelChoiceField(queryset=None, required=False, label=_("Target group"))
    arena = forms.ModelChoiceField(queryset=None, required=False, label=_("Meeting arena"))
    milestone = forms.ModelChoiceField(queryset=None, required=False, label=_("Milestone"))
    unit_kind = forms.ChoiceField(
        choices=[("", _("All kinds of unit"))] + Unit.Kind.choices, required=False, label=_("Kind of unit")
    )
    unit = forms.ModelChoiceField(queryset=None, required=False, label=_("Unit"))
    to_review = forms.BooleanField(required=False, label=_("Show only what must be checked"))

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this plan's parts: another plan's target group is not a valid choice.
        self.fields["target_group"].queryset = plan.target_groups.all()
        self.fields["target_group"].empty_label = _("All target groups")
        self.fields["arena"].queryset = plan.arenas.all()
        self.fields["arena"].empty_label = _("All arenas")
        self.fields["milestone"].queryset = plan.milestones.all()
        self.fields["milestone"].empty_label = _("All milestones")
        self.fields["unit"].queryset = Unit.objects.filter(municipality_id=plan.municipality_id)
        self.fields["unit"].empty_label = _("All units")

    @property
    def is_filtering(self):
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())

    def apply(self, entries):
        """The entries (prefetched, see plan_entries) that pass every chosen filter."""
        data = self.cleaned_data
        kept = []
        for entry in entries:
            if data["target_group"] and data["target_group"] not in entry.target_groups.all():
                continue
            if data["arena"] and entry.arena_id != data["arena"].pk:
                continue
            if data["milestone"] and not (entry.all_milestones or data["milestone"] in entry.milestones.all()):
                continue
            if data["unit_kind"] and data["unit_kind"] not in entry.concerned_kinds():
                continue
            # A unit is concerned by what concerns its kind: entries name no single unit.
            if data["unit"] and data["unit"].kind not in entry.concerned_kinds():
                continue
            if data["to_review"] and not entry.to_review:
                continue
            kept.append(entry)
        return kept


def filtered_arenas(plan, form):
    """The arenas whose fixed meetings go with the filtered entries: those the arena, unit or kind filter
    keeps; none when the filter asks for target groups, milestones or what must be checked."""
    if form.is_bound and not form.is_valid():
        return []
    data = form.cleaned_data if form.is_bound else {}
    if data.get("target_group") or data.get("milestone") or data.get("to_review"):
        return []
    arenas = [arena for arena in plan.arenas.all() if arena.rhythm in DATED]
    if data.get("arena"):
        arenas = [arena for arena in arenas if arena.pk == data["arena"].pk]
    for kind in (data.get("unit_kind"), data.get("unit") and data["unit"].kind):
        if kind:
            arenas = [arena for arena in arenas if not arena.stated_kinds() or kind in arena.stated_kinds()]
    return arenas


def filtered_entries(plan, query):
    """(form, entries) for a query string; entries is empty when the filter is invalid."""
    form = EntryFilterForm(plan, query or None)
    entries = list(plan_entries(plan))
    if not form.is_bound:
        return form, entries
    if not form.is_valid():
        return form, []
    return form, form.apply(entries)


def order_in_month(entry, month_first):
    """Sort key within a month: month-wide items first ("hele måneden"), then by date and time.

    A multi-day entry sorts by its first day in the month, so "14.–15.9." never
    comes before "4.9.".
    """
    return (
        not entry.is_month_wide,
        # Month-wide items by where they began (the autumn term before September–November).
        entry.starts_on if entry.is_month_wide else max(entry.starts_on, month_first),
        entry.starts_at or datetime.time.min,
        entry.pk,
    )


@dataclass
class Row:
    entry: object
    continued: bool  # started in an earlier month
    no_school: str = ""  # why there is no school on its day («Vinterferie»), from the school calendar

    @property
    def headline(self):
        return headline(self.entry)


@dataclass
class Month:
    first_day: datetime.date
    rows: list = field(default_factory=list)
    arena_meetings: list = field(default_factory=list)  # (arena, [days]) of fixed rhythms
    breaks: list = field(default_factory=list)  # the school calendar's days off in the month

    @property
    def month_wide_rows(self):
        """Whole months and terms, listed first under "hele måneden"."""
        return [row for row in self.rows if row.entry.is_month_wide]

    @property
    def day_rows(self):
        return [row for row in self.rows if not row.entry.is_month_wide]


def months_of(plan, entries, arenas=(), calendar=None):
    """The school year's months (August–June, plus any other month with entries), each with its rows.

    A period appears in every month it touches, so «September – November»
    is seen when reading October too. In a month, month-wide items come
    first, then the rest in date order. `arenas` with a fixed rhythm add their
    meetings of each month. With the municipality's school `calendar`, the
    meetings skip its days off, each month lists its days off, and a row on
    a day without school says why.
    """
    # July only appears when something happens then: the summer holiday.
    months = {first: Month(first) for first in school_year_months(plan.school_year)[:-1]}
    for entry in entries:
        no_school = calendar.no_school_during(entry) if calendar is not None else ""
        for month_first in months_between(entry.starts_on, entry.ends_on or entry.starts_on):
            month = months.setdefault(month_first, Month(month_first))
            month.rows.append(Row(entry, continued=entry.starts_on < month_first, no_school=no_school))
    for arena in arenas:
        by_month = {}
        for day in meetings_of(arena, plan.school_year, calendar):
            by_month.setdefault(day.replace(day=1), []).append(day)
        for first, days in by_month.items():
            months.setdefault(first, Month(first)).arena_meetings.append((arena, days))
    for month in months.values():
        month.rows.sort(key=lambda row: order_in_month(row.entry, month.first_day))
        if calendar is not None:
            month.breaks = calendar.breaks_in_month(month.first_day)
    return [months[key] for key in sorted(months)]
