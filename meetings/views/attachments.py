"""Links and attached files of arenas and of regional gatherings: add, delete, download.

As routines' (routines/views/attachments.py): a download goes through here,
scoped by the lookup (another municipality's arena file, another region's
gathering file is a 404), and is sent with its safe name and real type.
"""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.views.decorators.http import require_safe

from meetings.access import (
    get_arena_attachment_for_editing,
    get_arena_attachment_for_user,
    get_arena_for_editing,
    get_gathering_attachment_for_planning,
    get_gathering_attachment_for_user,
    get_gathering_for_planning,
)
from meetings.models import ArenaAttachment, GatheringAttachment
from routines.attachments import download
from routines.views.attachments import attachment_delete_page, attachment_page

GATHERING_LAYOUT = "meetings/gathering_base.html"


def _arena_back(arena):
    return reverse("meetings:arena_list", args=[arena.plan_id]) + f"#arena-{arena.pk}"


def _gathering_back(gathering):
    return gathering.get_absolute_url() + "#attachments"


@login_required
def arena_attachment_create(request, pk):
    arena = get_arena_for_editing(request.user, pk)
    return attachment_page(request, ArenaAttachment(arena=arena), arena.plan, arena.name, _arena_back(arena))


@login_required
def arena_attachment_delete(request, pk):
    attachment = get_arena_attachment_for_editing(request.user, pk)
    return attachment_delete_page(request, attachment, _arena_back(attachment.arena), plan=attachment.arena.plan)


@login_required
@require_safe
def arena_attachment_download(request, pk):
    attachment = get_arena_attachment_for_user(request.user, pk)
    return download(attachment)


@login_required
def gathering_attachment_create(request, pk):
    gathering = get_gathering_for_planning(request.user, pk)
    return attachment_page(
        request,
        GatheringAttachment(gathering=gathering),
        None,
        gathering.title,
        _gathering_back(gathering),
        template="meetings/gathering_attachment_form.html",
        gathering=gathering,
    )


@login_required
def gathering_attachment_delete(request, pk):
    attachment = get_gathering_attachment_for_planning(request.user, pk)
    gathering = attachment.gathering
    return attachment_delete_page(
        request, attachment, _gathering_back(gathering), gathering=gathering, layout=GATHERING_LAYOUT
    )


@login_required
@require_safe
def gathering_attachment_download(request, pk):
    attachment = get_gathering_attachment_for_user(request.user, pk)
    return download(attachment)
