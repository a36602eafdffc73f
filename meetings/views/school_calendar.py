"""The municipality's school calendars (skolerute): read by its members, entered by its advisors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from meetings.access import (
    get_school_calendar_for_editing,
    get_school_calendars_for_user,
    get_stored_school_calendar_for_editing,
)
from meetings.forms_school_calendar import SchoolBreakFormSet, SchoolCalendarForm
from routines.editing import confirm_delete, handle_form_and_formset, posted
from routines.school_year import current_school_year

LAYOUT = "municipality_base.html"


def _list_url(municipality, school_year=None):
    url = reverse("meetings:school_calendar_list", args=[municipality.pk])
    return f"{url}#school-year-{school_year}" if school_year else url


@login_required
@require_safe
def school_calendar_list(request, municipality_pk):
    municipality, calendars, can_edit = get_school_calendars_for_user(request.user, municipality_pk)
    calendars = list(calendars)
    this_year = current_school_year()
    entered = {calendar.school_year for calendar in calendars}
    context = {
        "municipality": municipality,
        "calendars": calendars,
        "can_edit": can_edit,
        # This year's and next year's, when not entered yet: the ones an advisor is about to need.
        "missing_years": [year for year in (this_year, this_year + 1) if year not in entered],
    }
    return render(request, "meetings/school_calendar_list.html", context)


@login_required
def school_calendar_edit(request, municipality_pk, school_year):
    calendar = get_school_calendar_for_editing(request.user, municipality_pk, school_year)
    municipality = calendar.municipality
    form = SchoolCalendarForm(posted(request), instance=calendar)
    breaks = SchoolBreakFormSet(posted(request), instance=calendar, prefix="breaks")
    context = {
        "municipality": municipality,
        "calendar": calendar,
        "heading": _("School calendar %(year)s") % {"year": calendar.school_year_label},
        "cancel_url": _list_url(municipality),
    }
    return handle_form_and_formset(
        request,
        form,
        breaks,
        "meetings/school_calendar_form.html",
        context,
        lambda saved: _list_url(municipality, saved.school_year),
        _("The school calendar is saved."),
    )


@login_required
def school_calendar_delete(request, municipality_pk, school_year):
    calendar = get_stored_school_calendar_for_editing(request.user, municipality_pk, school_year)
    municipality = calendar.municipality
    context = {"municipality": municipality, "cancel_url": _list_url(municipality, school_year), "layout": LAYOUT}
    return confirm_delete(request, calendar, context, _list_url(municipality), _("The school calendar is deleted."))
