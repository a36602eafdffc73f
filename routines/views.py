from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .access import can_edit_plan, get_plan_for_user
from .models import Plan


@login_required
def plan_list(request):
    plans = Plan.objects.visible_to(request.user).for_plan_list()
    return render(request, "routines/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    context = {
        "plan": plan,
        "can_edit": can_edit_plan(request.user, plan),
        "focus_areas": plan.focus_areas.all(),
        "milestones": plan.milestones.all(),
    }
    return render(request, "routines/plan_detail.html", context)
