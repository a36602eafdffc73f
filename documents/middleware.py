"""The published plan's page for the public, served before the rest of the middleware.

Someone without a session asks for the same bytes as everyone else without
one (routines/page_cache.py keeps them, with an ETag), and everything after
this middleware would only look for what such a request has not got: a
session, a user, messages, a language to choose (the page is in the plan's
own). So a kept page is answered here, as WhiteNoise answers a static file,
with the headers the rest would have added (tests/documents/test_public_page_middleware.py
holds them equal); anything else, or a page not kept, goes on as usual.
"""

import functools

from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_vary_headers

from .access import get_kept_public_page


@functools.cache
def _public_prefix():
    return reverse("documents:public_plan", args=["x"]).removesuffix("x/")


def public_page_middleware(get_response):
    def middleware(request):
        response = None
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and request.path_info.startswith(_public_prefix())
        ):
            response = _kept_public_page(request)
        return response or get_response(request)

    return middleware


def _kept_public_page(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name != "documents:public_plan":
        return None
    response = get_kept_public_page(request, match.kwargs["slug"])
    if response is not None:
        # What SessionMiddleware, LocaleMiddleware, CommonMiddleware and XFrameOptionsMiddleware add.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers["Content-Length"] = str(len(response.content))
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
    return response
