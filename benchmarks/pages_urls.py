"""The project's URLs plus /bench/constant/<name>/: a page's bytes from a string, through the same middleware.

The bytes are the files benchmarks/pages.py saved before gunicorn started (KIBS_BENCH_CONSTANTS).
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from kibs.urls import handler403, handler500  # noqa: F401 (the error handlers)
from kibs.urls import urlpatterns as project_urls

PAGES = {page.stem: page.read_bytes() for page in Path(os.environ["KIBS_BENCH_CONSTANTS"]).glob("*.html")}


def constant(request, name):
    return HttpResponse(PAGES[name], content_type="text/html; charset=utf-8")


urlpatterns = [*project_urls, path("bench/constant/<slug:name>/", constant)]
