"""Links and attached files of routines and sections: add, delete, download.

A download goes through here, never straight from the storage: the lookup
scopes it to the plans the user may read (another municipality's file is a
404), and the file is sent as a download with its safe name and real type.
"""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from routines.access import (
    get_routine_attachment_for_editing,
    get_routine_attachment_for_user,
    get_routine_for_editing,
    get_section_attachment_for_editing,
    get_section_attachment_for_user,
    get_section_for_editing,
)
from routines.attachments import download
from routines.editing import confirm_delete, handle_form
from routines.forms import attachment_form
from routines.models import RoutineAttachment, SectionAttachment


def attachment_page(request, attachment, plan, owner_label, back, template="routines/attachment_form.html", **extra):
    """The form of a new link or file; back is where the person returns to, on save or cancel.

    A part outside a plan (a gathering's) gives its own `template` and context (`extra`).
    """
    form_class = attachment_form(type(attachment))
    form = (
        form_class(request.POST, request.FILES, instance=attachment)
        if request.method == "POST"
        else form_class(instance=attachment)
    )
    context = {"plan": plan, "owner_label": owner_label, "cancel_url": back, **extra}
    return handle_form(request, form, template, context, back, _("The link or file is added."))


def attachment_delete_page(request, attachment, back, **context):
    """Ask, then delete the link or file (its stored file goes after the commit); back as above."""
    context = {"cancel_url": back, **context}
    return confirm_delete(request, attachment, context, back, _("The link or file is deleted."))


def _routine_back(routine):
    return reverse("routines:routine_detail", args=[routine.pk]) + "#attachments"


def _section_back(section):
    return reverse("routines:section_list", args=[section.plan_id]) + f"#part-{section.pk}"


@login_required
def routine_attachment_create(request, pk):
    routine = get_routine_for_editing(request.user, pk)
    return attachment_page(
        request, RoutineAttachment(routine=routine), routine.plan, routine.title, _routine_back(routine)
    )


@login_required
def routine_attachment_delete(request, pk):
    attachment = get_routine_attachment_for_editing(request.user, pk)
    return attachment_delete_page(request, attachment, _routine_back(attachment.routine), plan=attachment.routine.plan)


@login_required
@require_safe
def routine_attachment_download(request, pk):
    attachment = get_routine_attachment_for_user(request.user, pk)
    return download(attachment)


@login_required
def section_attachment_create(request, pk):
    section = get_section_for_editing(request.user, pk)
    return attachment_page(
        request, SectionAttachment(section=section), section.plan, section.title, _section_back(section)
    )


@login_required
def section_attachment_delete(request, pk):
    attachment = get_section_attachment_for_editing(request.user, pk)
    return attachment_delete_page(request, attachment, _section_back(attachment.section), plan=attachment.section.plan)


@login_required
@require_safe
def section_attachment_download(request, pk):
    attachment = get_section_attachment_for_user(request.user, pk)
    return download(attachment)
