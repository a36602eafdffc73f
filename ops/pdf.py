"""HTML to PDF for every document of the app: one renderer, one render slot, one store.

- `html_to_pdf(html, stylesheet, variant)` renders with WeasyPrint. Its URL
  fetcher serves the app's own static files and refuses everything else.
- `render_slot(wait)` admits one render at a time on the host.
- The `pdf` cache stores rendered PDFs by a digest of what they show.
- `pdf_response(...)` answers a download: ETag/304, the stored or a fresh PDF
  as an attachment, or the "being prepared" page (503) while the slot is taken.

What a document shows, and so its digest, is its owner's business: the plan
digests its rows in one query (documents/pdf_cache.py); a small document
digests its HTML (`html_digest`).

Concurrency: rendering takes a core for a second or more. A lock file under
VAR_DIR admits one render at a time across every worker process on the host
(flock is released by the kernel if a worker dies, so it cannot stay stuck).
A request that finds it taken waits briefly (PDF_RENDER_WAIT_SECONDS), then
gets the busy page, so other people's pages never queue behind more than one
export.
"""

import fcntl
import functools
import hashlib
import mimetypes
import os
import posixpath
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, quote_etag

PRINT_CSS = "css/print.css"
# Tagged, with title and language: readable by screen readers (PDF/UA-1).
ACCESSIBLE = "pdf/ua-1"
# A host name that can never resolve (RFC 2606): relative URLs in a document
# resolve against it, and only its static path is ever served.
BASE_URL = "https://kibs.invalid/"
CACHE_ALIAS = "pdf"
BUSY_TEMPLATE = "pdf_busy.html"


class PdfBusy(Exception):
    """Another PDF is being rendered on this host; try again shortly."""


class StaticOnlyURLFetcher(weasyprint.URLFetcher):
    """Serve the app's own static files; refuse everything else.

    WeasyPrint's default fetcher would read `file:///etc/passwd` or call an
    internal address named in a user's text. Refusing raises, which
    WeasyPrint logs as a warning and renders without the resource, so a bad
    URL in a user's text can neither leak a file nor hang the export.
    """

    def __init__(self):
        super().__init__(timeout=1, allow_redirects=False)
        self.static_prefix = urljoin(BASE_URL, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        if not url.startswith(self.static_prefix):
            raise ValueError(f"Only the app's static files may be used in a PDF, not {url[:200]}")
        name = posixpath.normpath(unquote(urlsplit(url).path[len(urlsplit(self.static_prefix).path) :]))
        if name.startswith(("/", "..")) or "\0" in name:
            raise ValueError(f"Not a static file: {url[:200]}")
        path = _static_path(name)
        if path is None:
            raise ValueError(f"No such static file: {name}")
        with open(path, "rb") as file:
            body = file.read()
        return weasyprint.urls.URLFetcherResponse(url, body, {"Content-Type": _content_type(name)})


def _static_path(name):
    """The file behind a static name: collected (hashed) files first, then the finders."""
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (NotImplementedError, ValueError):
        pass
    found = finders.find(name)
    return found if isinstance(found, str) else None


def _content_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@functools.cache
def read_static(name):
    """A static text file as deployed; it never changes at run time."""
    with open(_static_path(name), encoding="utf-8") as file:
        return file.read()


@functools.cache
def _stylesheet(name):
    """A stylesheet, parsed once per process."""
    return weasyprint.CSS(string=read_static(name), base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())


def html_to_pdf(html, stylesheet=PRINT_CSS, variant=ACCESSIBLE):
    """PDF bytes for a whole HTML document styled by one static stylesheet. Takes seconds: callers store."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    return document.write_pdf(
        stylesheets=[_stylesheet(stylesheet)],
        pdf_variant=variant,
        # Embed the subset of glyphs used, not whole font files.
        full_fonts=False,
        uncompressed_pdf=False,
    )


def html_digest(html, stylesheet=PRINT_CSS, variant=ACCESSIBLE):
    """The digest of a PDF made from `html`: the same input makes the same PDF."""
    digest = hashlib.sha256(f"{variant}\n{stylesheet}\n".encode())
    digest.update(read_static(stylesheet).encode())
    digest.update(html.encode())
    return digest.hexdigest()[:40]


# The store -------------------------------------------------------------------


def _cache_key(digest):
    return f"pdf:{digest}"


def cached_pdf(digest):
    return caches[CACHE_ALIAS].get(_cache_key(digest))


def is_stored(digest):
    # has_key reads a stored file's header, not the whole PDF.
    return caches[CACHE_ALIAS].has_key(_cache_key(digest))


def get_pdf(name, digest, make, wait=None):
    """The PDF of digest `digest`: stored, or made now by `make()` in the render slot and stored.

    `name` names the document (one plan's PDF, one unit's booklet): the store
    keeps only its latest PDF. Raises PdfBusy if another render holds the
    slot for longer than `wait` seconds: PDF_RENDER_WAIT_SECONDS unless given
    (a management command may wait as long as a render takes).
    """
    data = cached_pdf(digest)
    if data is not None:
        return data
    with render_slot(settings.PDF_RENDER_WAIT_SECONDS if wait is None else wait):
        # Someone may have rendered the same document while we waited.
        data = cached_pdf(digest)
        if data is None:
            data = make()
            _store(name, digest, data)
    return data


def _store(name, digest, data):
    """Store the document's new PDF and drop its previous one."""
    cache = caches[CACHE_ALIAS]
    latest_key = f"pdf-latest:{name}"
    previous = cache.get(latest_key)
    cache.set(_cache_key(digest), data, timeout=None)
    cache.set(latest_key, digest, timeout=None)
    if previous and previous != digest:
        cache.delete(_cache_key(previous))


@contextmanager
def render_slot(wait):
    """Hold the host-wide render lock, waiting at most `wait` seconds for it."""
    lock_dir = Path(settings.VAR_DIR)
    lock_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_dir / "pdf-render.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PdfBusy from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# The download ------------------------------------------------------------------


def pdf_response(request, name, digest, make, filename, busy_context):
    """A download: 304 if the client has it, the PDF as an attachment, or the busy page (503).

    `busy_context` fills pdf_busy.html: its `layout` and what that needs,
    and `back_url` and `back_label` for the way back.
    """
    etag = quote_etag(digest)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag  # a 304 repeats the validator (RFC 9110)
        patch_cache_control(not_modified, private=True, no_cache=True)
        return not_modified
    try:
        data = get_pdf(name, digest, make)
    except PdfBusy:
        response = render(request, BUSY_TEMPLATE, busy_context, status=503)
        response["Retry-After"] = "5"
        return response
    response = HttpResponse(data, content_type="application/pdf")
    response["ETag"] = etag
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Private (plans may be unpublished drafts); revalidate with the ETag.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def html_pdf_response(request, name, html, filename, busy_context, stylesheet=PRINT_CSS):
    """`pdf_response` for a document whose digest is its HTML's."""
    digest = html_digest(html, stylesheet)
    return pdf_response(request, name, digest, lambda: html_to_pdf(html, stylesheet), filename, busy_context)
