"""The municipality's look: its logo, cover picture and colour, on the PDF's cover and the plan's reading pages."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _

from routines.access import get_municipality_for_editing
from routines.editing import handle_form
from routines.forms import MunicipalityLookForm


@login_required
def municipality_look(request, municipality_pk):
    """The municipality's advisors choose it; a file is checked (and an SVG cleaned) before it is stored."""
    municipality = get_municipality_for_editing(request.user, municipality_pk)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = MunicipalityLookForm(data, files, instance=municipality)
    url = reverse("routines:municipality_look", args=[municipality.pk])
    context = {"municipality": municipality, "can_edit": True}
    return handle_form(
        request, form, "routines/municipality_look.html", context, url, _("The municipality's look is saved.")
    )
