"""The history of a plan: the timeline, one version compared with another, and restoring.

Reading the history is for the municipality's own writers (access.can_read_history);
restoring is for its advisors, and only while the plan is a draft.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from documents.access import get_plan_for_history, get_plan_version, part_records
from routines.access import can_edit_plan
from routines.history import (
    by_day_and_person,
    changed_by,
    compare,
    parts,
    people,
    shown_reason,
    timeline,
    timeline_rows,
)
from routines.models import Plan
from routines.restore import RestoreError, restore
from routines.validators import whole_number

PAGE_SIZE = 25


class TimelineFilterForm(forms.Form):
    part = forms.ChoiceField(label=gettext_lazy("Part of the plan"), required=False)
    person = forms.TypedChoiceField(label=gettext_lazy("Changed by"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", _("All parts"))] + [
            (part.key, part.model._meta.verbose_name_plural) for part in parts()
        ]
        self.fields["person"].choices = [("", _("Everyone"))] + [
            (person.pk, person.get_full_name() or person.username) for person in people
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


def _access(user, plan):
    """What the page shows: the menu's items and, on a draft, the restore buttons."""
    can_edit = can_edit_plan(user, plan)
    return {
        "can_edit": can_edit,
        "can_read_history": True,
        "can_restore": can_edit and plan.status == Plan.Status.DRAFT,
    }


@login_required
def plan_history(request, pk):
    """Every change to the plan and its parts, newest first, filtered by part and person."""
    plan = get_plan_for_history(request.user, pk)
    editors = people(plan)
    form = TimelineFilterForm(request.GET or None, people=editors)
    filters = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            filters = {"part_key": form.cleaned_data["part"] or None, "user_id": form.cleaned_data["person"]}
        else:
            status = 400
    page = Paginator(timeline(plan, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    users_by_id = {person.pk: person for person in editors}
    rows = list(timeline_rows(page.object_list, users_by_id))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "rows": rows,
        "groups": by_day_and_person(rows),
        **_access(request.user, plan),
        "filter_query": query.urlencode(),
    }
    return render(request, "documents/history/plan_history.html", context, status=status)


class CompareForm(forms.Form):
    against = forms.TypedChoiceField(label=gettext_lazy("Compare with"), coerce=int, required=False)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["against"].choices = [(version.history_id, _version_label(version)) for version in versions]
        self.fields["against"].widget.attrs["class"] = "form-select"


def _version_label(version):
    # Seconds tell apart versions saved within the same minute.
    when = formats.date_format(timezone.localtime(version.history_date), "d.m.Y H:i:s")
    return f"{when} · {version.get_history_type_display()} · {version.who}"


@login_required
def history_version(request, pk, part_key, history_id):
    """One version of a part, compared with the one before it or with another chosen version."""
    plan, part, record = get_plan_version(request.user, pk, part_key, history_id)
    return _render_version(request, plan, part, record)


def _render_version(request, plan, part, record, error=None, status=200):
    versions = list(part_records(part, plan).filter(id=record.id).order_by("-history_date", "-history_id"))
    for version in [record, *versions]:
        version.who = changed_by(version.history_user, version.history_change_reason)
        version.reason = shown_reason(version.history_change_reason)
    others = [version for version in versions if version.history_id != record.history_id]
    older = next((version for version in versions if version.history_date < record.history_date), None)
    form = CompareForm(request.GET or None, versions=others, initial={"against": older.history_id if older else None})
    if form.is_bound:
        if form.is_valid() and form.cleaned_data["against"]:
            older = next(version for version in others if version.history_id == form.cleaned_data["against"])
        elif not form.is_valid():
            status = 400
    current = part.model._default_manager.filter(pk=record.id).first()
    rows = compare(part, record, older)
    context = {
        "plan": plan,
        "part": part,
        "record": record,
        "older": older,
        "versions": versions,
        "rows": rows,
        "changes": [row for row in rows if row.get("changed")],
        "current": current,
        "is_current": current is not None and versions[0].history_id == record.history_id,
        **_access(request.user, plan),
        "form": form,
        "error": error,
    }
    return render(request, "documents/history/version.html", context, status=status)


@login_required
@require_POST
def history_restore(request, pk, part_key, history_id):
    """Restore this version: overwrite the part if nobody changed it meanwhile, or bring it back if deleted."""
    plan, part, record = get_plan_version(request.user, pk, part_key, history_id, restoring=True)
    seen_version = request.POST.get("seen_version") or None
    if seen_version is not None:
        seen_version = whole_number(seen_version)
        if seen_version is None:
            return HttpResponseBadRequest(_("The version number is not a number."))
    try:
        restored = restore(part, record, request.user, seen_version)
    except RestoreError as error:
        return _render_version(request, plan, part, record, error=str(error), status=409)
    messages.success(
        request,
        _("Restored %(part)s «%(name)s».") % {"part": part.verbose_name, "name": str(restored)[:80]},
    )
    return redirect("documents:plan_history", pk=plan.pk)
