"""Regional gatherings: list, programme (page and PDF), planning, and the municipalities' pre-work notes."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meetings.access import (
    can_plan_gathering,
    get_gathering_for_planning,
    get_gathering_for_user,
    get_prework_note_for_editing,
    get_region_for_planning,
    get_visible_gatherings,
    prework_municipalities,
    regions_planned_by,
)
from meetings.forms_gatherings import GatheringForm, PreworkNoteForm
from meetings.models import Gathering
from meetings.programme import programme_context, programme_html, programme_pdf_name
from ops.pdf import html_pdf_response
from routines.editing import confirm_delete, handle_form


@login_required
def gathering_list(request):
    gatherings = get_visible_gatherings(request.user).order_by("region__name", "-date")
    context = {"gatherings": gatherings, "planned_regions": regions_planned_by(request.user)}
    return render(request, "meetings/gathering_list.html", context)


@login_required
def gathering_detail(request, pk):
    gathering = get_gathering_for_user(request.user, pk)
    municipalities = prework_municipalities(request.user, gathering)
    shown = [municipality.pk for municipality, _writes in municipalities]
    notes = {note.municipality_id: note for note in gathering.prework_notes.filter(municipality__in=shown)}
    context = {
        **programme_context(gathering),
        "can_plan": can_plan_gathering(request.user, gathering),
        "prework": [(municipality, notes.get(municipality.pk), writes) for municipality, writes in municipalities],
    }
    return render(request, "meetings/gathering_detail.html", context)


@login_required
def gathering_pdf(request, pk):
    gathering = get_gathering_for_user(request.user, pk)
    language = get_language()
    busy = {
        "layout": "meetings/gathering_base.html",
        "gathering": gathering,
        "back_url": gathering.get_absolute_url(),
        "back_label": _("Back to the gathering"),
    }
    return html_pdf_response(
        request,
        programme_pdf_name(gathering, language),
        programme_html(gathering, language),
        f"program-{gathering.date:%Y-%m-%d}.pdf",
        busy,
    )


@login_required
def gathering_create(request, region_pk):
    region = get_region_for_planning(request.user, region_pk)
    gathering = Gathering(region=region)
    form = GatheringForm(request.POST or None, instance=gathering)
    return handle_form(
        request,
        form,
        "meetings/gathering_form.html",
        {"region": region, "cancel_url": reverse("meetings:gathering_list"), "heading": _("New gathering")},
        gathering,  # redirect() asks it for its URL after the save gave it a primary key
        _("The gathering is saved."),
    )


@login_required
def gathering_edit(request, pk):
    gathering = get_gathering_for_planning(request.user, pk)
    form = GatheringForm(request.POST or None, instance=gathering)
    url = gathering.get_absolute_url()
    return handle_form(
        request,
        form,
        "meetings/gathering_form.html",
        {"gathering": gathering, "region": gathering.region, "cancel_url": url, "heading": _("Edit the gathering")},
        url,
        _("The gathering is saved."),
    )


@login_required
def gathering_delete(request, pk):
    gathering = get_gathering_for_planning(request.user, pk)
    return confirm_delete(
        request,
        gathering,
        {"gathering": gathering, "cancel_url": gathering.get_absolute_url(), "layout": "meetings/gathering_base.html"},
        reverse("meetings:gathering_list"),
        _("The gathering is deleted."),
    )


@login_required
def prework_note_edit(request, pk, municipality_pk):
    """An advisor writes their municipality's pre-work note; one note per municipality."""
    note = get_prework_note_for_editing(request.user, pk, municipality_pk)
    gathering, municipality = note.gathering, note.municipality
    note.author = request.user
    form = PreworkNoteForm(request.POST or None, instance=note)
    url = gathering.get_absolute_url()
    heading = _("Pre-work note from %(municipality)s") % {"municipality": municipality.name}
    return handle_form(
        request,
        form,
        "meetings/gathering_form.html",
        {"gathering": gathering, "region": gathering.region, "cancel_url": url, "heading": heading},
        url,
        _("The pre-work note is saved."),
    )
