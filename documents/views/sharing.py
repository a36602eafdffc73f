"""Learning from each other: read the approved plans of the region and compare two side by side."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from documents.access import get_readable_plan, get_readable_plans, get_region_shared_plans
from documents.changes import compare_by_part
from meetings.progress import months_of, plan_entries
from meetings.wheel import render_year_wheel_svg

# The parts of a shared plan, as at a gathering: (heading, template of one plan's part).
PARTS = [
    (_("Actors and duties"), "documents/parts/_actors.html"),
    (_("Meeting arenas"), "documents/parts/_arenas.html"),
    (_("Milestones"), "documents/parts/_milestones.html"),
    (_("Common and unit-specific routines"), "documents/parts/_routines.html"),
]


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        return f"{plan.municipality.name}: {plan.full_title} ({plan.get_status_display()})"


class ComparePlansForm(forms.Form):
    left = PlanChoiceField(queryset=None, label=_("First plan"))
    right = PlanChoiceField(queryset=None, label=_("Second plan"))

    def __init__(self, readable, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plans = readable.select_related("municipality").order_by("municipality__name", "-school_year")
        self.fields["left"].queryset = plans
        self.fields["right"].queryset = plans

    def clean(self):
        data = super().clean()
        if data.get("left") and data.get("left") == data.get("right"):
            raise forms.ValidationError(_("Choose two different plans."))
        return data


@login_required
def region_plans(request):
    plans = get_region_shared_plans(request.user).for_plan_list()
    context = {"plans": plans, "compare_form": ComparePlansForm(get_readable_plans(request.user))}
    return render(request, "documents/region_plans.html", context)


@login_required
def shared_plan(request, pk):
    plan = get_readable_plan(request.user, pk)
    entries = list(plan_entries(plan))
    context = {
        "plan": plan,
        "parts": PARTS,
        "months": months_of(plan, entries),
        # Built from the plan's own text, escaped in wheel.py.
        "wheel_svg": mark_safe(render_year_wheel_svg(plan, entries)) if entries else "",
    }
    return render(request, "documents/shared_plan.html", context)


@login_required
def compare_plans(request):
    readable = get_readable_plans(request.user)
    if "right" in request.GET:
        form = ComparePlansForm(readable, request.GET)
    else:
        # From a plan's page: the first plan is chosen, the second not yet.
        form = ComparePlansForm(readable, initial={"left": request.GET.get("left")})
    context = {"form": form}
    if form.is_bound and form.is_valid():
        # The form's choices are the readable plans: both are the user's to read.
        first, second = form.cleaned_data["left"], form.cleaned_data["right"]
        context.update(pair=[first, second], compared=compare_by_part(first, second))
    return render(request, "documents/compare_plans.html", context, status=400 if form.errors else 200)
