"""Security events for the log: logins, failed logins, lockouts, denied access.

Each is one line from the "kibs.security" logger; the message is the event's
name and the details are fields of the JSON line (see ops.logformat).
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .security import client_ip, security_log


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    security_log.warning(
        "login_failed",
        extra={"username": credentials.get("username"), "ip": client_ip(request) if request else None},
    )


@receiver(user_locked_out)
def log_locked_out(sender, request, username, ip_address, **kwargs):
    security_log.warning("login_locked_out", extra={"username": username, "ip": ip_address})


@receiver(user_logged_in)
def log_logged_in(sender, request, user, **kwargs):
    security_log.info("login", extra={"user_id": user.pk, "ip": client_ip(request)})


@receiver(user_logged_out)
def log_logged_out(sender, request, user, **kwargs):
    security_log.info("logout", extra={"user_id": user.pk if user else None, "ip": client_ip(request)})


class DeniedAccessLogMiddleware:
    """Log a signed-in user's 403 and 404 answers.

    Another municipality's object is simply not found (routines.access), so
    a 404 is what probing across tenants looks like.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (403, 404) and request.user.is_authenticated:
            security_log.warning(
                "access_denied",
                extra={
                    "status_code": response.status_code,
                    "method": request.method,
                    "path": request.path,
                    "user_id": request.user.pk,
                    "ip": client_ip(request),
                },
            )
        return response
