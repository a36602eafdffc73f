"""The one PDF machinery (ops/pdf.py): its URL fetcher, renderer and store."""

import io

import pypdf
import pytest
import weasyprint

from ops.models import StoredPdf
from ops.pdf import (
    BASE_URL,
    PdfBusy,
    StaticOnlyURLFetcher,
    forget,
    get_pdf,
    html_digest,
    html_to_pdf,
)
from tests.support.worker import rendering_elsewhere

pytestmark = pytest.mark.pdf


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/admin/",
        "http://[::1]/x.png",
        "https://example.com/logo.png",
        "https://kibs.invalid/static/../../../etc/passwd",
        "https://kibs.invalid/etc/passwd",
        "data:text/plain,hello",
    ],
)
def test_fetcher_refuses_everything_but_own_static_files(url):
    with pytest.raises(ValueError):
        StaticOnlyURLFetcher().fetch(url)


def test_fetcher_serves_own_static_files():
    response = StaticOnlyURLFetcher().fetch("https://kibs.invalid/static/css/print.css")
    assert b"@page" in response.read()


def test_fetcher_protects_weasyprint_itself():
    html = '<p>x</p><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/a.png"><link rel="stylesheet" href="file:///etc/passwd">'
    data = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher()).write_pdf()
    assert b"root:" not in data


def test_the_renderer_embeds_no_local_file():
    html = (
        '<html lang="nb"><title>T</title><p>x</p><img src="file:///etc/hostname"><img src="/static/../../etc/hostname">'
    )
    data = html_to_pdf(html)
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data and b"/Subtype/Image" not in data


def test_the_digest_follows_the_html_and_the_stylesheet():
    assert html_digest("<p>a</p>") == html_digest("<p>a</p>") != html_digest("<p>b</p>")
    assert html_digest("<p>a</p>") != html_digest("<p>a</p>", "css/unit-pdf.css")


@pytest.mark.django_db
def test_a_document_keeps_only_its_latest_pdf():
    made = []

    def make(data):
        return lambda: made.append(data) or data

    assert get_pdf("doc:1", "d1", make(b"one")) == b"one"
    assert get_pdf("doc:1", "d1", make(b"again")) == b"one"  # stored
    assert get_pdf("doc:1", "d2", make(b"two")) == b"two"
    assert get_pdf("doc:1", "d1", make(b"three")) == b"three"  # d1 was dropped when d2 came
    assert made == [b"one", b"two", b"three"]


@pytest.mark.django_db
def test_one_render_of_a_document_at_a_time_across_sessions():
    with rendering_elsewhere("doc:1"):
        with pytest.raises(PdfBusy):
            get_pdf("doc:1", "d1", lambda: b"one", wait=0.1)
        assert get_pdf("doc:2", "d1", lambda: b"two", wait=0.1) == b"two"  # another document is free
    assert get_pdf("doc:1", "d1", lambda: b"one", wait=0.1) == b"one"


@pytest.mark.django_db
def test_forgetting_a_document_drops_it_and_what_is_under_it_only():
    for name in ("plan:1", "plan:12", "unit:1:2:nb", "unit:1:3:nb", "unit:12:2:nb"):
        get_pdf(name, "d", lambda: b"%PDF")
    forget("plan:1")
    forget("unit:1")
    assert sorted(StoredPdf.objects.values_list("name", flat=True)) == ["plan:12", "unit:12:2:nb"]


def test_a_long_tagged_document_stays_pdf_ua_with_bookmarks_on_the_right_pages():
    sections = "".join(
        f'<h2 style="break-before: page">Kapittel {number}</h2><p>Tekst {number}.</p>' for number in range(1, 13)
    )
    html = f'<!doctype html><html lang="nb"><head><title>Lang</title></head><body>{sections}</body></html>'
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(html)))
    assert len(reader.pages) == 12
    assert b"pdfuaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    page_ids = [page.indirect_reference.idnum for page in reader.pages]
    # Every bookmark points at its own page, in order.
    assert [reader.get_destination_page_number(item) for item in reader.outline] == list(range(12))
    # Every tagged element's /Pg is one of the document's pages, and the headings land on theirs.
    headings = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/Pg" in node:
                assert node.raw_get("/Pg").idnum in page_ids
                if node.get("/S") == "/H2":
                    headings.append(page_ids.index(node.raw_get("/Pg").idnum))
            if "/K" in node:
                walk(node.raw_get("/K"))

    walk(reader.trailer["/Root"].raw_get("/StructTreeRoot"))
    assert headings == list(range(12))
