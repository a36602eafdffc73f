"""The progress plan page (month by month, with filters), and the year wheel (page, SVG download and poster PDF)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from meetings.poster import poster_html, poster_pdf_name
from meetings.progress import filtered_arenas, filtered_entries, months_of
from meetings.school_calendar import calendar_of
from meetings.tasks import render_year_wheel_poster
from meetings.wheel import entry_link, render_year_wheel_svg
from ops.pdf import html_digest, html_to_pdf, pdf_response, stored_pdf
from ops.tasks import enqueue_once
from routines.access import get_plan_for_user, get_plan_rights, get_plan_with_rights
from routines.page_cache import cached_page, fragment_key, lazy


class _Filtered:
    """The filter form, the entries it keeps and their months, computed the first time one is used."""

    def __init__(self, plan, query):
        self.plan, self.query = plan, query

    @cached_property
    def calendar(self):
        return calendar_of(self.plan)

    @cached_property
    def form_and_entries(self):
        return filtered_entries(self.plan, self.query)

    @cached_property
    def months(self):
        form, entries = self.form_and_entries
        return months_of(self.plan, entries, filtered_arenas(self.plan, form), self.calendar)


def _filtered_context(request, plan):
    """The filtered page's context. Without a query, nothing is computed unless the cached part is rendered."""
    filtered = _Filtered(plan, request.GET)
    context = {
        "plan": plan,
        "school_calendar": lazy(lambda: filtered.calendar),
        "calendar_version": lazy(lambda: _calendar_version(filtered.calendar)),
        "filter_form": lazy(lambda: filtered.form_and_entries[0]),
        "entries": lazy(lambda: filtered.form_and_entries[1]),
        "months": lazy(lambda: filtered.months),
        "query": request.GET.urlencode(),
    }
    # A query is checked on every request: a bad one answers 400, cached or not.
    return context, 400 if request.GET and filtered.form_and_entries[0].errors else 200


def _calendar_version(calendar):
    """The school calendar as the cached part shows it (it is the municipality's, outside the plan's digest)."""
    if calendar is None:
        return "no-calendar"
    return ",".join(
        [f"{calendar.pk}.{calendar.version}", *(f"{day.pk}.{day.version}" for day in calendar.breaks.all())]
    )


def _fragment_key(plan, context, *variant):
    return fragment_key(plan, context["query"], context["calendar_version"], *variant)


def _arena_meetings(context):
    return [meeting for month in context["months"] for meeting in month.arena_meetings]


@login_required
def progress_months(request, pk):
    """The progress plan: read month by month with filters, and edited here by those who may."""
    seen = get_plan_rights(request.user, pk)
    can_edit = seen.user_can_edit

    def fill(plan, context):
        context["fragment_key"] = lazy(_fragment_key, plan, context, can_edit)
        context["can_edit"] = can_edit
        # An approved plan's entries are frozen: no edit controls that would answer 403.
        context["can_edit_content"] = can_edit and not plan.is_frozen

    return _cached_page(request, seen, "progress", "meetings/progress_months.html", fill, can_edit)


@login_required
def year_wheel(request, pk):
    seen = get_plan_rights(request.user, pk)

    def fill(plan, context):
        context["fragment_key"] = lazy(_fragment_key, plan, context)
        context["can_edit"] = seen.user_can_edit  # the menu and the banner
        # Built from the plan's own text, escaped in wheel.py.
        context["wheel_svg"] = lazy(
            lambda: mark_safe(
                render_year_wheel_svg(plan, context["entries"], _arena_meetings(context), entry_url=entry_link(plan))
            )
        )

    return _cached_page(request, seen, "year-wheel", "meetings/year_wheel.html", fill, seen.user_can_edit)


def _cached_page(request, seen, name, template, fill, *variant):
    """The whole page from the shared cache while the plan is unchanged (routines/page_cache.py).

    Rendered, it loads the plan and checks the query: a bad one answers 400, which is never kept.
    """

    def page(placeholders):
        plan = get_plan_with_rights(request.user, seen.pk)
        context, status = _filtered_context(request, plan)
        fill(plan, context)
        return render(request, template, {**context, **placeholders}, status=status)

    return cached_page(request, seen, name, page, *variant)


@login_required
def year_wheel_svg(request, pk):
    plan = get_plan_for_user(request.user, pk)
    context, status = _filtered_context(request, plan)
    if status != 200:
        return HttpResponseBadRequest()
    response = HttpResponse(
        render_year_wheel_svg(plan, context["entries"], _arena_meetings(context)),
        content_type="image/svg+xml; charset=utf-8",
    )
    filename = f"arshjul-{slugify(plan.municipality.name)}-{plan.school_year}-{plan.school_year + 1}.svg"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def year_wheel_poster(request, pk):
    """The year wheel as an A3 poster PDF: stored by its HTML's digest; a worker renders it, never this request."""
    plan = get_plan_for_user(request.user, pk)
    html = poster_html(plan)
    busy = {
        "plan": plan,
        "back_url": reverse("meetings:year_wheel", args=[plan.pk]),
        "back_label": _("Back to the year wheel"),
    }
    name, digest = poster_pdf_name(plan), html_digest(html)
    if stored_pdf(name, digest) is None:
        # Asked for first: a worker starts on it at once, and a backend that runs tasks
        # immediately (the tests, a one-process setup) has stored it before the answer below.
        enqueue_once(render_year_wheel_poster, plan.pk)
    return pdf_response(
        request,
        name,
        digest,
        lambda: html_to_pdf(html),
        f"arshjul-plakat-{slugify(plan.municipality.name)}-{plan.school_year}-{plan.school_year + 1}.pdf",
        busy,
        render_later=lambda: enqueue_once(render_year_wheel_poster, plan.pk),
    )
