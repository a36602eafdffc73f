"""E-mail a person has asked for: their switches, their language, the one-click unsubscribe, sent once.

Every e-mail KIBS sends of its own accord goes through `send_once`: it is
written in the person's language, has a plain-text and an HTML part, a link
straight to the page it is about, and `List-Unsubscribe` with
`List-Unsubscribe-Post` (RFC 8058), so a mail program offers a one-click
unsubscribe for that kind of e-mail. What was sent is recorded per person,
kind and period before the batch moves on, so a retried batch never sends
the same e-mail twice.
"""

import email.policy

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import EmailKind, EmailOptOut, Profile, SentEmail

_SALT = "kibs.unsubscribe"


class ListEmail(EmailMultiAlternatives):
    """An e-mail whose unsubscribe address stays one plain header line.

    The signed address is one long word; folded at 78 characters, Python
    would turn the header into encoded words, which mail programs do not read
    as an address. RFC 5322 allows lines of up to 998 characters.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def absolute_url(path):
    """An address for an e-mail: there is no request to take the host from."""
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_token(user, kind):
    """A signed token naming the person and the kind; it does not expire, like the e-mails it is in."""
    return signing.dumps({"user": user.pk, "kind": kind}, salt=_SALT)


def read_unsubscribe_token(token):
    """(user id, kind) from a token, or None when it is not one of ours."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("kind") not in EmailKind.values or not isinstance(data.get("user"), int):
        return None
    return data["user"], data["kind"]


def unsubscribe_url(user, kind):
    return absolute_url(reverse("accounts:unsubscribe", args=[unsubscribe_token(user, kind)]))


def opted_out(users, kind):
    """The ids of those of `users` who have switched `kind` off: one query for a whole batch."""
    return set(EmailOptOut.objects.filter(user__in=users, kind=kind).values_list("user_id", flat=True))


def languages(users):
    """{user id: interface language} for a batch; the default where a person has not chosen."""
    chosen = dict(Profile.objects.filter(user__in=users).values_list("user_id", "language"))
    return {user.pk: chosen.get(user.pk, settings.LANGUAGE_CODE) for user in users}


def build_email(user, kind, language, subject, template, context, link):
    """The e-mail in the person's language: templates `<template>.txt` and `<template>.html`."""
    with translation.override(language):
        unsubscribe = unsubscribe_url(user, kind)
        context = {
            **context,
            "user": user,
            "link": link,
            "unsubscribe_url": unsubscribe,
            "settings_url": absolute_url(reverse("accounts:email_settings")),
            "kind_label": EmailKind(kind).label,
            "language": language,
        }
        message = ListEmail(
            subject=str(subject),
            body=render_to_string(f"{template}.txt", context),
            to=[user.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": language,
            },
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_once(user, kind, period, build):
    """Send what `build()` returns unless it was already sent to the person for this kind and period.

    The record and the sending are one transaction: if sending fails, no
    record is kept and the next run tries again; if it was recorded, a second
    run (or a retried task) finds it and sends nothing.
    """
    if not user.email:
        return False
    try:
        with transaction.atomic():
            SentEmail.objects.create(user=user, kind=kind, period=period)
            build().send()
    except IntegrityError:
        return False
    return True
