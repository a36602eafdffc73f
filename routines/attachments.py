"""Attached files: what may be uploaded, and how a file is named, checked and handed out.

A file's type is read from its content, never from its name: a program renamed
to «skjema.pdf» is refused. Files are stored through Django's storage API
(the default storage), under a random name, so a deployment may keep them in
S3-compatible storage (django-storages) and no name a person typed ever
becomes a path. The name people see is kept beside it and given to the
browser as the download's file name.
"""

import hashlib
import io
import unicodedata
import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

# kind: (MIME type, file name endings, the ending a download gets when its name has none of them)
KINDS = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "odt": ("application/vnd.oasis.opendocument.text", (".odt",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
}
KIND_LABELS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "odt": "ODT", "png": "PNG", "jpeg": "JPEG"}
ALLOWED_LABEL = "PDF, DOCX, ODT, XLSX, PNG, JPEG"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def max_bytes():
    return settings.ATTACHMENT_MAX_BYTES


def sniff(data):
    """The kind of file the bytes are (a key of KINDS), or None when it is none of the allowed ones."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def _office_kind(data):
    """DOCX, XLSX and ODT are zip files; what is inside tells them apart (and from any other zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return "docx"
                if any(name.startswith("xl/") for name in names):
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    return None


def checksum(data):
    return hashlib.sha256(data).hexdigest()


def safe_file_name(name, kind):
    """The name a download gets: no folders, no odd characters, and an ending that fits its content."""
    stem = PurePath(str(name).replace("\\", "/")).name
    stem = unicodedata.normalize("NFC", stem)
    suffix = PurePath(stem).suffix.lower()
    endings = KINDS[kind][1]
    if suffix in endings:
        stem = stem[: -len(suffix)]
    try:
        stem = get_valid_filename(stem)
    except Exception:  # Django refuses names like "." and ".."
        stem = ""
    stem = stem.strip("._")[:100] or "vedlegg"
    return f"{stem}{endings[0] if suffix not in endings else suffix}"


def max_bytes_label():
    return max_bytes() // (1024 * 1024)


def check_upload(data, name, size=None):
    """(kind, safe name) of an uploaded file, or ValidationError saying why it is refused."""
    if (len(data) if size is None else size) > max_bytes():
        raise ValidationError(
            _("The file is too large: at most %(limit)s MB."),
            code="too_large",
            params={"limit": max_bytes_label()},
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff(data)
    if kind is None:
        raise ValidationError(
            _("This kind of file cannot be attached. Allowed: %(kinds)s (the content decides, not the name)."),
            code="kind",
            params={"kinds": ALLOWED_LABEL},
        )
    return kind, safe_file_name(name, kind)


def storage_name(instance, filename):
    """Where a file is stored: a random name under attachments/, never what a person typed."""
    return f"attachments/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def download(attachment):
    """The stored file as a download: its safe name, its real type, never shown inside the site."""
    if not attachment.is_file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.file_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
