from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What a user chose for themselves, kept across logins and devices."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("user's settings")
        verbose_name_plural = _("users' settings")

    def __str__(self):
        return str(self.user)


class EmailKind(models.TextChoices):
    """The e-mails KIBS sends of its own accord; each one a person can switch off."""

    DIGEST = "digest", _("Weekly digest")
    DEADLINE = "deadline", _("Deadline reminders")
    REVIEW = "review", _("Review reminders")
    NEW_VERSION = "new_version", _("New version of the plan")


class EmailOptOut(models.Model):
    """A kind of e-mail a person has switched off: on their profile, or with the link in the e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs")
    kind = models.CharField(_("kind of e-mail"), max_length=20, choices=EmailKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail switched off")
        verbose_name_plural = _("e-mails switched off")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["digest", "deadline", "review", "new_version"]),
                name="email_opt_out_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.kind}"


class SentEmail(models.Model):
    """What was sent to whom, of which kind, for which period: a retried batch never sends twice.

    `period` names what the e-mail is about, e.g. "2026-W10" for a weekly
    digest or "routine-12-2026-03-02-overdue" for a review reminder.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_emails")
    kind = models.CharField(_("kind of e-mail"), max_length=20, choices=EmailKind.choices)
    period = models.CharField(_("period"), max_length=100)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail sent")
        verbose_name_plural = _("e-mails sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "period"], name="sent_email_once_per_period"),
        ]

    def __str__(self):
        return f"{self.user} – {self.kind} – {self.period}"
