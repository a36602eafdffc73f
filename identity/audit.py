"""MFA events in the security log (ops.audit logs logins, failures and logouts, whichever way they came)."""

import logging

from allauth.mfa import signals
from django.dispatch import receiver

from ops.security import client_ip, security_log


def _log(event, level, request, user, authenticator):
    security_log.log(
        level,
        event,
        extra={
            "user_id": user.pk if user else None,
            "authenticator": getattr(authenticator, "type", None),
            "ip": client_ip(request) if request else None,
        },
    )


@receiver(signals.authenticator_added)
def log_mfa_added(sender, request, user, authenticator, **kwargs):
    _log("mfa_enrolled", logging.INFO, request, user, authenticator)


@receiver(signals.authenticator_removed)
def log_mfa_removed(sender, request, user, authenticator, **kwargs):
    _log("mfa_removed", logging.WARNING, request, user, authenticator)


@receiver(signals.authenticator_reset)
def log_mfa_reset(sender, request, user, authenticator, **kwargs):
    _log("mfa_recovery_codes_renewed", logging.INFO, request, user, authenticator)


@receiver(signals.authentication_failed)
def log_mfa_failed(sender, request, user, authenticator=None, **kwargs):
    _log("mfa_failed", logging.WARNING, request, user, authenticator)
