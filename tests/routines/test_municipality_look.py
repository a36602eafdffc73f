"""The municipality's look: logo, cover picture and colour; files checked, SVG cleaned, never run."""

import base64
import io
import re

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from documents import pdf
from routines.images import clean_svg
from routines.models import Municipality
from tests.support.factories import make_milestone

pytestmark = pytest.mark.django_db

HOSTILE_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40"
     onload="alert('onload')">
  <script>alert('script')</script>
  <foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert('html')</script></body></foreignObject>
  <a href="javascript:alert('link')"><rect width="10" height="10"/></a>
  <image href="file:///etc/passwd" width="10" height="10"/>
  <use xlink:href="https://example.org/evil.svg#x"/>
  <rect width="120" height="40" fill="url(https://example.org/paint)" style="fill:url(javascript:alert(1))"
        onclick="alert('click')"/>
  <text x="4" y="28" font-size="20" fill="#12385f">Loggotekst</text>
</svg>"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def look_url(municipality):
    return reverse("routines:municipality_look", args=[municipality.pk])


def post(client, municipality, **files):
    data = {"accent": files.pop("accent", "blue"), "seen_version": municipality.version, **files}
    return client.post(look_url(municipality), data)


def png(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1e5b3a").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_script_inside_an_svg_never_reaches_a_page_or_the_pdf(client, advisor, plan):
    client.force_login(advisor)
    response = post(client, plan.municipality, logo=SimpleUploadedFile("logo.svg", HOSTILE_SVG, "image/svg+xml"))
    assert response.status_code == 302
    municipality = Municipality.objects.get(pk=plan.municipality_id)
    stored = municipality.logo.read()
    assert b"Loggotekst" in stored
    for bad in (b"script", b"alert", b"onload", b"onclick", b"foreignObject", b"passwd", b"example.org", b"style"):
        assert bad not in stored, bad

    make_milestone(plan)
    page = client.get(reverse("documents:plan_read", args=[plan.pk])).text
    (uri,) = re.findall(r'class="reading-logo" src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert base64.b64decode(uri) == stored
    assert "alert(" not in page

    loaded = pdf.load_plan(plan.pk)
    assert "alert(" not in pdf.render_plan_html(loaded)
    reader = pypdf.PdfReader(io.BytesIO(pdf.render_plan_pdf(loaded)))
    assert "Loggotekst" in reader.pages[0].extract_text()  # the logo is drawn on the cover
    assert "/JavaScript" not in str(reader.trailer["/Root"])


def test_a_png_logo_a_cover_picture_and_a_colour(client, advisor, plan):
    client.force_login(advisor)
    response = post(
        client,
        plan.municipality,
        logo=SimpleUploadedFile("logo.png", png(), "image/png"),
        cover_picture=SimpleUploadedFile("forside.jpg", png((200, 100)), "image/png"),
        accent="green",
    )
    assert response.status_code == 302
    page = client.get(reverse("documents:plan_read", args=[plan.pk])).text
    assert 'class="reading-logo" src="data:image/png;base64,' in page
    assert 'class="reading-cover" src="data:image/png;base64,' in page
    assert "reading accent-green" in page
    html = pdf.render_plan_html(pdf.load_plan(plan.pk))
    assert "#1e5b3a" in html and 'class="cover-logo"' in html and 'class="cover-picture"' in html


def test_an_oversized_file_is_refused_next_to_the_field(client, advisor, plan):
    client.force_login(advisor)
    huge = SimpleUploadedFile("logo.png", png() + b"\0" * (600 * 1024), "image/png")
    response = post(client, plan.municipality, logo=huge, accent="red")
    assert response.status_code == 400
    assert 'aria-describedby="id_logo_helptext id_logo_error"' in response.text
    assert re.search(r'id="error_1_id_logo"><strong>Filen er 600,\d\sKB; høyst 512,0\sKB er tillatt.', response.text)
    municipality = Municipality.objects.get(pk=plan.municipality_id)
    assert not municipality.logo and municipality.accent == "blue"


@pytest.mark.parametrize(
    "name, content",
    [("logo.png", b"just text, not a picture"), ("logo.svg", b"<svg><unclosed"), ("logo.gif", b"GIF89a\x01\x00")],
)
def test_a_file_that_is_not_an_image_is_refused(client, advisor, plan, name, content):
    client.force_login(advisor)
    response = post(client, plan.municipality, logo=SimpleUploadedFile(name, content, "image/png"))
    assert response.status_code == 400
    assert "Velg et PNG-, JPEG- eller SVG-bilde." in response.text or "SVG-filen kunne ikke leses" in response.text
    assert not Municipality.objects.get(pk=plan.municipality_id).logo


def test_the_cover_picture_takes_no_svg(client, advisor, plan):
    client.force_login(advisor)
    response = post(client, plan.municipality, cover_picture=SimpleUploadedFile("f.svg", HOSTILE_SVG, "image/svg+xml"))
    assert response.status_code == 400 and "Velg et PNG- eller JPEG-bilde." in response.text


def test_an_svg_with_entities_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    with pytest.raises(Exception, match="SVG"):
        clean_svg(bomb)


def test_only_the_municipalitys_advisors_choose_it(client, plan, reader, outsider):
    client.force_login(reader)
    assert client.get(look_url(plan.municipality)).status_code == 403
    client.force_login(outsider)
    assert client.get(look_url(plan.municipality)).status_code == 404
    client.logout()
    assert client.get(look_url(plan.municipality)).status_code == 302


def test_every_colour_keeps_aa_contrast_with_white():
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert set(Municipality.ACCENT_COLOURS) == set(Municipality.Accent.values)
    for colour in Municipality.ACCENT_COLOURS.values():
        assert (1.05) / (luminance(colour) + 0.05) >= 7, colour
