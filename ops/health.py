"""The load balancer's health check, and the 503 page while the database is away.

Django opens a database connection per request when needed (with health
checks on reused ones), so once PostgreSQL answers again the next request
simply works: no restart.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger("kibs.ops")

# Refused or timed-out connections, a server that went away, a closed link.
DATABASE_DOWN = (OperationalError, InterfaceError)


@never_cache
@require_safe
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_DOWN as exception:
        log.error("health_check_failed", extra={"error": str(exception).strip()})
        return HttpResponse("database unavailable", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def database_unavailable(request, exception):
    log.error("database_unavailable", extra={"path": request.path, "error": str(exception).strip()})
    # Rendered without the request: context processors could touch the database.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers with the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return database_unavailable(request, exception)
        return None


def server_error(request):
    """handler500. Outside views, e.g. while a middleware loads the session,
    a database that is away still gets the 503 page rather than the 500 one."""
    exception = sys.exception()
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(request, exception)
    return defaults.server_error(request)
