"""Marking a routine reviewed (documents marks the plan as a whole): who and when go into its history."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _

from routines.access import get_routine_for_reviewing
from routines.editing import handle_form, posted
from routines.forms import RoutineReviewForm


def review_page(request, form, reviewed, plan, back_url):
    def save():
        form.instance.mark_reviewed(request.user, form.cleaned_data["review_note"])

    context = {"plan": plan, "reviewed": reviewed, "cancel_url": back_url}
    return handle_form(
        request, form, "routines/review_form.html", context, back_url, _("The review is recorded."), save=save
    )


@login_required
def routine_review(request, pk):
    routine = get_routine_for_reviewing(request.user, pk)
    back_url = reverse("routines:routine_detail", args=[routine.pk])
    form = RoutineReviewForm(posted(request), instance=routine)
    return review_page(request, form, routine, routine.plan, back_url)
