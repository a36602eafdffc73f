"""What ops/weasyprint_tuning.py changes in WeasyPrint and pydyf is in effect, and changes nothing the PDF shows."""

import gc
import io
import re
import zlib

import pydyf
import pypdf
import pytest
from weasyprint import html as weasyprint_html
from weasyprint import svg as weasyprint_svg

from ops import weasyprint_tuning
from ops.pdf import html_to_pdf

pytestmark = pytest.mark.pdf


def test_page_references_are_built_once_per_page_count():
    """pydyf's quadratic `page_references` is memoised; a page added later is never missed."""
    assert pydyf.PDF.page_references.fget is weasyprint_tuning.memoised_page_references
    document = pydyf.PDF()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page"})
        document.add_page(page)
    first = document.page_references
    assert document.page_references is first  # not rebuilt on each access
    assert first == tuple(f"{number} 0 R".encode() for number in document.pages["Kids"][::3])
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(document.page_references) == 4 and document.page_references[:3] == first


def _page_content(data):
    """The first page's content stream and every form XObject's, decoded (the SVG is drawn in forms)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    return b"\n".join(zlib.decompress(stream) for stream in streams if stream[:1] == b"x")


def _text_blocks(content):
    """(font size, text object) of each text object in the content, the running footer's (10 px) left out."""
    for block in re.findall(rb"BT\n.*?\nET", content, re.S):
        size = re.search(rb" ([0-9.]+) Tf", block).group(1)
        if size != b"10":
            yield size, block


SVG_TEXT = (
    '<!doctype html><html lang="nb"><title>T</title><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" '
    'width="100%" font-family="sans-serif"><text x="200" y="50" text-anchor="middle" dominant-baseline="middle" '
    'font-size="17" font-weight="bold">August midten</text><text x="10" y="90" font-size="13">'
    '<tspan x="10 20 30">Tre</tspan></text></svg></html>'
)


def test_svg_text_with_one_position_is_drawn_in_one_run():
    assert weasyprint_svg.TAGS["text"] is weasyprint_tuning.text_in_one_run
    assert weasyprint_svg.text is weasyprint_tuning.text_in_one_run  # its text-anchor and bounding box see it
    data = html_to_pdf(SVG_TEXT)
    content = _page_content(data)
    shown = {size: len(re.findall(rb"TJ", block)) for size, block in _text_blocks(content)}
    # One text-showing operator for the 13 letters of the first text (17 px); the tspan's letters, placed one by
    # one, 3 (13 px).
    assert shown == {b"17": 1, b"13": 3}
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "August midten" in text


def test_documents_are_styled_without_the_note_pseudo_elements():
    """WeasyPrint's own stylesheet less its footnote and note rules (found as written), the marker for `li` only."""
    stylesheet = weasyprint_tuning.USER_AGENT_STYLESHEET
    assert stylesheet is not weasyprint_html.UA_STYLESHEET
    assert weasyprint_tuning.Html(string="<p>x</p>")._ua_stylesheets() == [stylesheet]
    data = html_to_pdf('<!doctype html><html lang="nb"><title>T</title><ol><li>Første</li><li>Andre</li></ol></html>')
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Første" in text and "1. " in text and "2. " in text  # the list's markers are still there


def test_the_cycle_collector_is_off_during_a_render_and_collects_after():
    assert gc.isenabled()
    with weasyprint_tuning.collecting_garbage_after():
        assert not gc.isenabled()
        cycle = []
        cycle.append(cycle)
        found = gc.get_count()[0]
        del cycle
    assert gc.isenabled() and found > 0 and gc.get_count()[0] < found
    gc.disable()
    try:
        with weasyprint_tuning.collecting_garbage_after():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
