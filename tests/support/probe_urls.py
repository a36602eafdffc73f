"""A URLconf for tests: the project's URLs plus views that fail or answer non-HTML."""

from django.http import HttpResponse
from django.urls import path

from kibs.urls import handler500  # noqa: F401 -- handler500 is looked up here
from kibs.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("secret detail that must stay in the log")


def pdf(request):
    return HttpResponse(b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")


def calendar(request):
    return HttpResponse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", content_type="text/calendar; charset=utf-8")


urlpatterns = [
    path("probe/boom/", boom),
    path("probe/pdf/", pdf),
    path("probe/calendar/", calendar),
    *project_urlpatterns,
]
