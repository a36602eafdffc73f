"""The municipality's logo and cover picture: checked, size-limited, SVG cleaned; shown as data URIs.

A logo is PNG, JPEG or SVG; a cover picture PNG or JPEG. Raster images are
opened with Pillow and must be what their bytes say. An SVG is parsed as XML
(no DOCTYPE, so no entities) and rebuilt from an allow-list of drawing
elements and attributes: scripts, event handlers, links, embedded HTML and
references to other files are dropped, so nothing in it can run or fetch.
Pages and PDFs show the stored file as a data: URI inside <img>, where a
browser would not run a script anyway.
"""

import base64
import io
import re
import xml.etree.ElementTree as ET

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 512 * 1024
COVER_MAX_BYTES = 3 * 1024 * 1024
MAX_PIXELS = 4000 * 4000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SVG_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "title", "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath", "mask", "symbol", "use",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "id", "class", "width", "height", "viewbox", "preserveaspectratio", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke",
    "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "opacity",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "offset",
    "stop-color", "stop-opacity", "gradientunits", "gradienttransform", "clip-path", "clip-rule", "mask",
    "dx", "dy", "href", "version", "role", "aria-label", "aria-hidden",
}  # fmt: skip
# Paint and clip references may point inside the drawing only: url(#id).
EXTERNAL_REFERENCE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)

RASTER_FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg")}


def checked_logo(upload):
    """The upload as a safe logo file (PNG, JPEG or cleaned SVG), or a ValidationError saying what is wrong."""
    return _checked(upload, LOGO_MAX_BYTES, allow_svg=True)


def checked_cover(upload):
    return _checked(upload, COVER_MAX_BYTES, allow_svg=False)


def _checked(upload, limit, allow_svg):
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    data = upload.read()
    if allow_svg and _looks_like_svg(data):
        return ContentFile(clean_svg(data), name="logo.svg")
    kind = _raster_kind(data)
    if kind is None:
        if allow_svg:
            raise ValidationError(_("Choose a PNG, JPEG or SVG image."), code="not_an_image")
        raise ValidationError(_("Choose a PNG or JPEG image."), code="not_an_image")
    extension, _content_type = RASTER_FORMATS[kind]
    return ContentFile(data, name=f"image.{extension}")


def _looks_like_svg(data):
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head


def _raster_kind(data):
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in RASTER_FORMATS or image.width * image.height > MAX_PIXELS:
                return None
            image.verify()
            return image.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def clean_svg(data):
    """The SVG rebuilt from its allowed elements and attributes (bytes); ValidationError when it is not one."""
    unreadable = ValidationError(_("The SVG file could not be read as a drawing."), code="bad_svg")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise unreadable
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise unreadable from error
    if _local(root.tag) != "svg":
        raise unreadable
    _clean(root)
    ET.register_namespace("", SVG_NS)
    return ET.tostring(root, encoding="utf-8")


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def _clean(element):
    for child in list(element):
        if not isinstance(child.tag, str) or _local(child.tag) not in SVG_ELEMENTS:
            element.remove(child)
        else:
            _clean(child)
    for name, value in list(element.attrib.items()):
        local = _local(name)
        inside = local != "href" or value.startswith("#")
        if local not in SVG_ATTRIBUTES or not inside or EXTERNAL_REFERENCE.search(value):
            del element.attrib[name]


def data_uri(field_file):
    """The stored image as a data: URI for <img src>, read through the storage API; "" when there is none."""
    if not field_file:
        return ""
    try:
        with field_file.open("rb") as file:
            data = file.read()
    except OSError:
        return ""
    content_type = "image/svg+xml" if field_file.name.endswith(".svg") else _content_type(data)
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"


def _content_type(data):
    return "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
