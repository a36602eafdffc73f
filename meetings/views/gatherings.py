"""Regional gatherings: list, programme (page and PDF), planning, and the municipalities' pre-work notes."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meetings.forms_gatherings import GatheringForm, PreworkNoteForm
from meetings.gathering_access import (
    can_plan_gathering,
    get_gathering_for_planning,
    get_gathering_for_user,
    get_region_for_planning,
)
from meetings.models import Gathering, PreworkNote, coordinated_regions
from ops.pdf import html_pdf_response
from routines.editing import confirm_delete, handle_form
from routines.models import Municipality, Region


def programme_context(gathering):
    """The programme in a fixed number of queries, for the page and the PDF alike."""
    agenda = list(gathering.agenda_items.all())
    group_works = list(gathering.group_works.prefetch_related("steps", "groups__municipalities").order_by("pk"))
    return {
        "gathering": gathering,
        "agenda": [(item, [work for work in group_works if work.agenda_item_id == item.pk]) for item in agenda],
        "loose_group_works": [work for work in group_works if work.agenda_item_id is None],
    }


@login_required
def gathering_list(request):
    gatherings = Gathering.objects.visible_to(request.user).select_related("region").order_by("region__name", "-date")
    planned_regions = Region.objects.filter(pk__in=coordinated_regions(request.user))
    return render(
        request, "meetings/gathering_list.html", {"gatherings": gatherings, "planned_regions": planned_regions}
    )


@login_required
def gathering_detail(request, pk):
    gathering = get_gathering_for_user(request.user, pk)
    # Pre-work notes are between a municipality and the coordinators: each member sees their own.
    municipalities = Municipality.objects.visible_to(request.user).filter(region=gathering.region_id)
    notes = {note.municipality_id: note for note in gathering.prework_notes.filter(municipality__in=municipalities)}
    writable = set(Municipality.objects.editable_by(request.user).values_list("pk", flat=True))
    context = {
        **programme_context(gathering),
        "can_plan": can_plan_gathering(request.user, gathering),
        "prework": [
            (municipality, notes.get(municipality.pk), municipality.pk in writable) for municipality in municipalities
        ],
    }
    return render(request, "meetings/gathering_detail.html", context)


@login_required
def gathering_pdf(request, pk):
    gathering = get_gathering_for_user(request.user, pk)
    html = render_to_string("meetings/gathering_programme_pdf.html", programme_context(gathering), request=request)
    busy = {
        "layout": "meetings/gathering_base.html",
        "gathering": gathering,
        "back_url": gathering.get_absolute_url(),
        "back_label": _("Back to the gathering"),
    }
    # The programme is written in the reader's language: one stored PDF per language.
    name = f"gathering:{gathering.pk}:{get_language()}"
    return html_pdf_response(request, name, html, f"program-{gathering.date:%Y-%m-%d}.pdf", busy)


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
    gathering = get_gathering_for_user(request.user, pk)
    municipality = get_object_or_404(
        Municipality.objects.visible_to(request.user).filter(region=gathering.region_id), pk=municipality_pk
    )
    if not Municipality.objects.editable_by(request.user).filter(pk=municipality.pk).exists():
        raise PermissionDenied
    note = PreworkNote.objects.filter(gathering=gathering, municipality=municipality).first()
    note = note or PreworkNote(gathering=gathering, municipality=municipality)
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
