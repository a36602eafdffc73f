"""HTML to PDF for every document of the app: one renderer, one store, one lock per document.

- `html_to_pdf(html, stylesheet, variant)` renders with WeasyPrint. Its URL
  fetcher serves the app's own static files and refuses everything else.
- The store is a database table (`ops.models.StoredPdf`): each document's
  latest PDF with the digest of what it shows, the same for every host.
- `render_lock(name, wait)` admits one render of a document at a time,
  across all processes and hosts (a PostgreSQL advisory lock).
- `pdf_response(...)` answers a download: ETag/304, the stored or a fresh PDF
  as an attachment, or the "being prepared" page (503) while the document is
  rendered elsewhere or, when it is large, by a background worker.

What a document shows, and so its digest, is its owner's business: the plan
digests its rows in one query (documents/pdf_cache.py); a small document
digests its HTML (`html_digest`). The owners' tasks (documents/tasks.py,
meetings/tasks.py) render after a change, so a download usually finds its PDF
stored.

Concurrency: rendering takes a core for a second or more. A request waits
briefly (PDF_RENDER_WAIT_SECONDS) for a render of the same document that is
under way elsewhere, then gets the busy page, so nobody's page queues behind
an export, and no document is rendered twice at once.
"""

import base64
import functools
import hashlib
import logging
import mimetypes
import posixpath
import ssl
import time
from contextlib import contextmanager
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connections, router
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, quote_etag

from ops import weasyprint_tuning
from ops.models import StoredPdf

PRINT_CSS = "css/print.css"
# Tagged, with title and language: readable by screen readers (PDF/UA-1).
ACCESSIBLE = "pdf/ua-1"
# A host name that can never resolve (RFC 2606): relative URLs in a document
# resolve against it, and only its static path is ever served.
BASE_URL = "https://kibs.invalid/"
BUSY_TEMPLATE = "pdf_busy.html"
log = logging.getLogger("kibs.pdf")
weasyprint_tuning.apply()


class PdfBusy(Exception):
    """The same document is being rendered elsewhere; try again shortly."""


DATA_IMAGE_PREFIXES = tuple(f"data:{kind};base64," for kind in ("image/png", "image/jpeg", "image/svg+xml"))


_UNUSED_TLS_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class StaticOnlyURLFetcher(weasyprint.URLFetcher):
    """Serve the app's own static files and images inside the document (data: URIs); refuse everything else.

    WeasyPrint's default fetcher would read `file:///etc/passwd` or call an
    internal address named in a user's text. Refusing raises, which
    WeasyPrint logs as a warning and renders without the resource, so a bad
    URL in a user's text can neither leak a file nor hang the export.
    """

    def __init__(self):
        # fetch() below never opens a connection, so the TLS context is never used; without one,
        # WeasyPrint's opener loads the system's certificates for every document (tens of ms).
        super().__init__(timeout=1, allow_redirects=False, ssl_context=_UNUSED_TLS_CONTEXT)
        self.static_prefix = urljoin(BASE_URL, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        if url.startswith(DATA_IMAGE_PREFIXES):
            # A municipality's logo or cover picture, checked (an SVG cleaned) when it was stored: routines/images.py.
            header, _comma, payload = url.partition(",")
            content_type = header[len("data:") :].split(";")[0]
            return weasyprint.urls.URLFetcherResponse(url, base64.b64decode(payload), {"Content-Type": content_type})
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
    with weasyprint_tuning.collecting_garbage_after():
        document = weasyprint_tuning.Html(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
        return document.write_pdf(stylesheets=[_stylesheet(stylesheet)], **pdf_options(variant))


def pdf_options(variant=ACCESSIBLE):
    """What `write_pdf` is given besides the stylesheets (benchmarks/pdf_phases.py renders in steps with it)."""
    # Embed the subset of glyphs used, not whole font files.
    return {"pdf_variant": variant, "full_fonts": False, "uncompressed_pdf": False}


def html_digest(html, stylesheet=PRINT_CSS, variant=ACCESSIBLE):
    """The digest of a PDF made from `html`: the same input makes the same PDF."""
    digest = hashlib.sha256(f"{variant}\n{stylesheet}\n".encode())
    digest.update(read_static(stylesheet).encode())
    digest.update(html.encode())
    return digest.hexdigest()[:40]


# The store -------------------------------------------------------------------


def stored_pdf(name, digest):
    """The stored PDF of document `name` if it shows `digest`, else None."""
    data = StoredPdf.objects.filter(name=name, digest=digest).values_list("data", flat=True).first()
    return None if data is None else bytes(data)


def is_stored(name, digest):
    return StoredPdf.objects.filter(name=name, digest=digest).exists()


def _store(name, digest, data):
    """Store the document's new PDF in place of its previous one."""
    StoredPdf.objects.update_or_create(name=name, defaults={"digest": digest, "data": data})


def forget(name):
    """Drop the stored PDFs of a document that no longer exists: `name`, and the names under it ("name:…")."""
    StoredPdf.objects.filter(Q(name=name) | Q(name__startswith=f"{name}:")).delete()


def get_pdf(name, digest, make, wait=None):
    """The PDF of digest `digest`: stored, or made now by `make()` under the document's lock and stored.

    `name` names the document (one plan's PDF, one unit's booklet): the store
    keeps only its latest PDF. Raises PdfBusy if someone else (a worker or
    another request, on any host) renders the same document for longer than
    `wait` seconds: PDF_RENDER_WAIT_SECONDS unless given (a task may wait as
    long as a render takes).
    """
    data = stored_pdf(name, digest)
    if data is not None:
        return data
    with render_lock(name, settings.PDF_RENDER_WAIT_SECONDS if wait is None else wait):
        # Someone may have rendered the same document while we waited.
        data = stored_pdf(name, digest)
        if data is None:
            started = time.monotonic()
            data = make()
            _store(name, digest, data)
            log.info("pdf_rendered", extra={"document": name, "digest": digest, "seconds": _since(started)})
    return data


def _since(started):
    return round(time.monotonic() - started, 2)


def _lock_key(name):
    """A document's advisory-lock key: a signed 64-bit number from its name."""
    return int.from_bytes(hashlib.sha256(f"kibs-pdf:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def render_lock(name, wait):
    """Hold the lock on rendering document `name`, waiting at most `wait` seconds for it.

    A PostgreSQL advisory lock of this database session, so it holds across
    every process on every host, and PostgreSQL releases it when the holder's
    connection ends, even if its process was killed. SQLite (one developer's
    machine) has no such lock; there the store's check before storing is all.
    """
    connection = connections[router.db_for_write(StoredPdf)]
    if connection.vendor != "postgresql":
        yield
        return
    key = _lock_key(name)
    deadline = time.monotonic() + wait
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if cursor.fetchone()[0]:
                break
            if time.monotonic() >= deadline:
                raise PdfBusy
            time.sleep(0.05)
        try:
            yield
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


# The download ------------------------------------------------------------------


def pdf_response(request, name, digest, make, filename, busy_context, render_later=None):
    """A download: 304 if the client has it, the PDF as an attachment, or the busy page (503).

    `render_later`, when given, is called instead of rendering in the
    request (a large document: it enqueues the render), and the busy page
    answers. `busy_context` fills pdf_busy.html: its `layout` and what that
    needs, and `back_url` and `back_label` for the way back.
    """
    etag = quote_etag(digest)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag  # a 304 repeats the validator (RFC 9110)
        patch_cache_control(not_modified, private=True, no_cache=True)
        return not_modified
    try:
        if render_later is not None:
            data = stored_pdf(name, digest)
            if data is None:
                render_later()
                raise PdfBusy
        else:
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
