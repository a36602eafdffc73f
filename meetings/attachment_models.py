"""Links and attached files of a plan's arenas (a team's mandate, a referral form) and of a regional
gathering (the pre-work template, last time's presentation).

Both are routines' `Attachment`: a titled link or a file checked and named by
routines/attachments.py. An arena's belong to its plan (history, digest, plan
file, copies); a gathering's to the gathering, read by whoever reads it.
`meetings.models` imports these models, so Django registers them with the app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from routines.models import Attachment
from routines.recording import PlanHistory


class ArenaAttachment(Attachment):
    parent_field = "arena"
    download_route = "meetings:arena_attachment_download"

    arena = models.ForeignKey("meetings.Arena", on_delete=models.CASCADE, related_name="attachments")

    history = PlanHistory()

    class Meta(Attachment.Meta):
        verbose_name = _("link or attachment of a meeting arena")
        verbose_name_plural = _("links and attachments of meeting arenas")
        constraints = [Attachment.link_or_file("arena_attachment")]


class GatheringAttachment(Attachment):
    parent_field = "gathering"
    download_route = "meetings:gathering_attachment_download"

    gathering = models.ForeignKey("meetings.Gathering", on_delete=models.CASCADE, related_name="attachments")

    class Meta(Attachment.Meta):
        verbose_name = _("link or attachment of a gathering")
        verbose_name_plural = _("links and attachments of gatherings")
        constraints = [Attachment.link_or_file("gathering_attachment")]
