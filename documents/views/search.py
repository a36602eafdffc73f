"""Search: in one plan on its own pages, or in every plan the person may read (their municipality's and the region's)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from documents import search as plan_search
from documents.access import get_readable_plans, plans_read_on_pages
from routines.access import get_plan_for_user


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=200,
        help_text=_("Words from chapters, duties, routines, meeting arenas or the progress plan."),
        error_messages={"required": _("Type one or more words to search for.")},
    )


def _search_page(request, plans, template, context):
    """The form and, once something is typed, the hits: 400 with the error next to the field for bad input."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    hits = None
    if form.is_bound and form.is_valid():
        hits = plan_search.search(plans, form.cleaned_data["q"], lambda pks: plans_read_on_pages(request.user, pks))
    context.update({"form": form, "hits": hits})
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_safe
def search_all(request):
    plans = get_readable_plans(request.user)
    return _search_page(request, plans, "documents/search/search_all.html", {})


@login_required
@require_safe
def search_plan(request, pk):
    plan = get_plan_for_user(request.user, pk)
    return _search_page(request, [plan.pk], "documents/search/search_plan.html", {"plan": plan})
