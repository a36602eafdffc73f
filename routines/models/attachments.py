"""Links and attached files on a plan's parts: a team's mandate, a form to fill in, a year wheel.

Each is either a titled link (http or https only) or a file stored through
Django's storage API (routines/attachments.py checks and names it). The
abstract base is shared by the parts of every app: routines and sections here,
arenas and regional gatherings in meetings (meetings/attachment_models.py).
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from routines.attachments import KIND_LABELS, KINDS, storage_name
from routines.recording import PlanHistory

from .base import PlanPart
from .plans import Section
from .routines import Routine

WEB_ADDRESS_MESSAGE = _("Enter a web address starting with https:// or http://.")
web_address = URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)


class Attachment(PlanPart):
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("web address"), max_length=1000, blank=True, validators=[web_address])
    file = models.FileField(_("file"), upload_to=storage_name, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    kind = models.CharField(_("kind of file"), max_length=10, blank=True, choices=[(k, k) for k in KINDS])
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)

    class Meta(PlanPart.Meta):
        abstract = True

    def __str__(self):
        return self.title

    @classmethod
    def link_or_file(cls, prefix):
        """The check that a row is a link or a file, never both or neither (one per concrete model).

        The form says it to people (routines.forms.AttachmentForm); this keeps every other way honest.
        """
        link = Q(file="") & ~Q(url="")
        stored = Q(url="") & ~Q(file="") & ~Q(sha256="")
        return models.CheckConstraint(condition=link | stored, name=f"{prefix}_link_or_file")

    @property
    def is_file(self):
        return bool(self.file)

    @property
    def link(self):
        """The web address, only when it is one: an imported file could hold javascript:."""
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""

    @property
    def content_type(self):
        return KINDS[self.kind][0] if self.kind in KINDS else "application/octet-stream"

    @property
    def description(self):
        """«PDF, 1.2 MB»: what a person learns before they download it."""
        if not self.is_file:
            return ""
        size = self.size or 0
        amount = f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} kB"
        return f"{KIND_LABELS.get(self.kind, self.kind)}, {amount}"

    def get_absolute_url(self):
        """Where its file is downloaded (links have no address of their own here)."""
        return reverse(self.download_route, args=[self.pk]) if self.is_file else self.link

    @property
    def href(self):
        """The address in a printed plan: the link, or the download of the file on this site."""
        return f"{settings.SITE_URL.rstrip('/')}{self.get_absolute_url()}" if self.is_file else self.link


class RoutineAttachment(Attachment):
    parent_field = "routine"
    download_route = "routines:routine_attachment_download"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="attachments")

    history = PlanHistory()

    class Meta(Attachment.Meta):
        verbose_name = _("link or attachment of a routine")
        verbose_name_plural = _("links and attachments of routines")
        constraints = [Attachment.link_or_file("routine_attachment")]


class SectionAttachment(Attachment):
    parent_field = "section"
    download_route = "routines:section_attachment_download"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="attachments")

    history = PlanHistory()

    class Meta(Attachment.Meta):
        verbose_name = _("link or attachment of a section")
        verbose_name_plural = _("links and attachments of sections")
        constraints = [Attachment.link_or_file("section_attachment")]
