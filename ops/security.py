"""Sessions and accounts: the client's address, the idle and absolute session
lifetimes, and ending every session of a user who is deactivated."""

import ipaddress
import logging
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout, user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver

security_log = logging.getLogger("kibs.security")

LOGIN_TIME_KEY = "kibs_login_time"
RENEWED_KEY = "kibs_renewed"
# Seconds between two renewals of an active session; the idle timeout is exact to within this.
RENEW_AFTER = 60


def client_ip(request):
    """The browser's address, for login throttling and the security log.

    X-Forwarded-For is believed only as far as trusted proxies vouch for it:
    starting from the socket's peer, while that address is one of
    TRUSTED_PROXIES, the entry it appended (the rightmost not yet taken) is
    the next hop. Anything further left was written by the client and could
    be forged, so a request that reaches gunicorn directly is counted at its
    own address whatever it sends.
    """
    address = request.META.get("REMOTE_ADDR", "")
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while hops and is_trusted_proxy(address):
        hop = hops.pop().strip()
        if not valid_address(hop):
            break
        address = hop
    return address


def valid_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_trusted_proxy(address):
    if not settings.TRUSTED_PROXIES or not valid_address(address):
        return False
    return any(ipaddress.ip_address(address) in network for network in settings.TRUSTED_PROXIES)


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    request.session[LOGIN_TIME_KEY] = request.session[RENEWED_KEY] = int(time.time())


class SessionLifetimeMiddleware:
    """Keep a session alive while it is used, and end it SESSION_ABSOLUTE_TIMEOUT after the login.

    Idle timeout: the session expires SESSION_COOKIE_AGE after it was last
    saved. Saving it again at most once a minute while the user is active
    keeps it alive, at a fraction of the database writes of saving on every
    request (SESSION_SAVE_EVERY_REQUEST), and without changing the queries
    of ordinary requests.

    Absolute timeout: counted from the login, however active the user is. A
    session without a login time predates this rule and ends too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(LOGIN_TIME_KEY, 0) > settings.SESSION_ABSOLUTE_TIMEOUT:
                security_log.info("session_expired", extra={"user_id": request.user.pk, "ip": client_ip(request)})
                logout(request)
            elif now - request.session.get(RENEWED_KEY, 0) > RENEW_AFTER:
                # A change makes the session middleware save it with a new expiry and cookie.
                request.session[RENEWED_KEY] = now
        return self.get_response(request)


def deactivate_user(user):
    """Lock a person out now: mark them inactive and end all their sessions.

    Django already refuses an inactive user on every request (ModelBackend
    rejects them in get_user); deleting the sessions also throws away what
    they held. Sessions are stored in the database (the default engine).
    """
    user.is_active = False
    user.save(update_fields=["is_active"])
    user_id = str(user.pk)
    theirs = [session.pk for session in Session.objects.iterator() if session.get_decoded().get(SESSION_KEY) == user_id]
    Session.objects.filter(pk__in=theirs).delete()
    security_log.info("user_deactivated", extra={"user_id": user.pk, "sessions_ended": len(theirs)})
