from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .accessibility import AUDIT_STATEMENT


class AccessibilityStatementQuerySet(models.QuerySet):
    def current(self):
        """The statement shown: the one reviewed last, or, before any is saved, the audit's (unsaved).

        Not a data migration: a restore goes into a newly migrated database
        that must be empty (documents.backup).
        """
        return self.order_by("-reviewed_on", "-pk").first() or self.model(**AUDIT_STATEMENT)


class AccessibilityStatement(models.Model):
    """The accessibility statement (tilgjengelighetserklæring) the law asks a public web solution to publish.

    Written by a superuser in the admin, in the municipality's own language
    like a plan; the page around it (headings, the supervisory authority) is
    translated. A new review is a new statement, so earlier ones stay on record.
    """

    class Status(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NOT = "not", _("Not compliant")

    status = models.CharField(_("conformance with WCAG 2.1 AA"), max_length=10, choices=Status.choices)
    language = models.CharField(
        _("language of the texts"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    assessment = models.TextField(_("how it was assessed"))
    deviations = models.TextField(_("known deviations"), blank=True)
    feedback = models.TextField(
        _("how to give feedback"),
        help_text=_("Who to contact about accessibility problems, and how (e-mail, telephone, form)."),
    )
    reviewed_on = models.DateField(_("last reviewed"))

    objects = AccessibilityStatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["full", "partial", "not"]), name="accessibility_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.reviewed_on})"


class StoredPdf(models.Model):
    """The latest rendered PDF of one document, in the database so that every host serves the same copy.

    `name` names the document ("plan:12", "unit:12:3:nb"), `digest` what it
    shows (ops.pdf); a document keeps only its latest PDF, so a new digest
    replaces the row. Not in the backup: PDFs are rendered again.
    """

    name = models.CharField(max_length=200, unique=True)
    digest = models.CharField(max_length=64)
    data = models.BinaryField()
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored PDF")
        verbose_name_plural = _("stored PDFs")

    def __str__(self):
        return f"{self.name} ({self.digest[:12]})"
