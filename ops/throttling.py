"""Limits on guessing: logins per address across user names, and password reset requests.

The per-user-name lock is django-axes' own (settings.AXES_LOCKOUT_PARAMETERS);
the client's address is ops.security.client_ip everywhere.
"""

import time

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.db.models import Sum
from django.utils.crypto import salted_hmac

from .security import client_ip, security_log


class AddressLimitHandler(AxesDatabaseHandler):
    """axes' database handler, plus a looser limit per address across all user names.

    axes compares one count with one limit, so [["username", "ip_address"],
    "ip_address"] would lock a whole office after AXES_FAILURE_LIMIT typos;
    its maintainers suggest a handler for separate limits
    (jazzband/django-axes#661). Both of axes' checks, before authenticating
    and after a failure, read get_failures, so reporting the address's lock
    there makes axes refuse and show the lockout page as it does for a user.
    """

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request):
    """Failed logins from the request's address within the cool-off time, for any user name."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class BoundedUserName:
    """A login form that refuses a user name longer than any user's before authenticating.

    Django's form sets the field's max_length without its validator, so any
    length reached authenticate() and axes, whose record of a failed attempt
    holds 255 characters: on PostgreSQL a longer name was a 500.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(BoundedUserName, AuthenticationForm):
    pass


class AdminLoginForm(BoundedUserName, AdminAuthenticationForm):
    pass


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form; past the limits it sends nothing, and the view answers as always."""

    def save(self, *args, request=None, **kwargs):
        address = client_ip(request)
        email = self.cleaned_data["email"]
        if reset_allowed(address, email):
            return super().save(*args, request=request, **kwargs)
        security_log.warning("password_reset_throttled", extra={"ip": address})
        return None


def reset_allowed(address, email):
    """Count this request for the address and the e-mail; True while both are within their limits.

    The e-mail is kept in the cache only as a keyed digest. Counts are per
    fixed window and written with an explicit timeout, as the cache's incr()
    would reset it on some backends; two workers counting the same request
    at the same moment may lose one count, which a limit can afford.
    """
    window = int(settings.PASSWORD_RESET_LIMIT_WINDOW.total_seconds())
    bucket = int(time.time()) // window
    digest = salted_hmac("password-reset-limit", email.strip().casefold(), algorithm="sha256").hexdigest()
    within = True
    for key, limit in [
        (f"reset-limit:address:{address}:{bucket}", settings.PASSWORD_RESET_LIMIT_PER_ADDRESS),
        (f"reset-limit:email:{digest}:{bucket}", settings.PASSWORD_RESET_LIMIT_PER_EMAIL),
    ]:
        count = cache.get(key, 0) + 1
        cache.set(key, count, window)
        within = within and count <= limit
    return within
