"""The 403 page, for every refusal of the site."""

from django.http import HttpResponseForbidden
from django.template import loader


def permission_denied(request, exception):
    """handler403: Django's own, plus the plan a refusal names (routines.access.refuse), to lead back to it."""
    context = {"exception": str(exception), "plan": getattr(exception, "plan", None)}
    return HttpResponseForbidden(loader.render_to_string("403.html", context, request))
