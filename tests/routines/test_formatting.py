"""User-written Markdown is shown formatted and can never carry script."""

from html.parser import HTMLParser

import pytest

from routines.formatting import render_markdown


class ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


def dangerous(html):
    """Real elements (not escaped text) that could run script."""
    found = []
    for tag, attrs in elements(html):
        if tag in {"script", "iframe", "svg", "object", "embed", "style", "img"}:
            found.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                found.append(f"{tag}[{name}]")
            if value and value.strip().lower().startswith("javascript:"):
                found.append(f"{tag}[{name}=javascript:]")
    return found


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klikk](javascript:alert(1))",
    '<a href="javascript:alert(1)">klikk</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://example.org"></iframe>',
    "[x](JaVaScRiPt:alert(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_and_handlers_are_inert(payload):
    html = render_markdown(f"Tekst før\n\n{payload}\n\nTekst etter")
    assert dangerous(html) == []
    assert "Tekst etter" in html


def test_the_checker_itself_sees_danger():
    assert dangerous('<p><img src=x onerror="alert(1)"></p>') == ["img", "img[onerror]"]
    assert dangerous('<a href=" javascript:alert(1)">x</a>') == ["a[href=javascript:]"]


def test_markdown_is_formatted():
    html = render_markdown("Rektor **skal**:\n\n- følge med\n- gripe inn\n\n[Udir](https://www.udir.no)")
    assert "<strong>skal</strong>" in html
    assert "<li>følge med</li>" in html
    assert 'href="https://www.udir.no"' in html
    assert 'rel="noopener noreferrer"' in html


def test_headings_in_user_text_start_below_the_page_headings():
    html = render_markdown("# Første\n\n## Andre")
    assert "<h3>Første</h3>" in html and "<h4>Andre</h4>" in html
    assert "<h1" not in html and "<h2" not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""


def test_headings_can_start_at_a_given_level_without_skipping():
    # The PDF puts a routine's text under an h3: its headings start at h4.
    html = render_markdown("# Én\n\n### Tre\n\n## To", top_heading=4)
    assert "<h4>Én</h4>" in html and "<h5>To</h5>" in html and "<h6>Tre</h6>" in html


def test_the_filter_takes_the_heading_level():
    from django.template import Context, Template

    rendered = Template("{% load formatting %}{{ text|printed:5 }}").render(Context({"text": "### Tittel"}))
    assert rendered.strip() == "<h5>Tittel</h5>"


NB_MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november"]


@pytest.mark.parametrize("month", [*NB_MONTHS, "desember"])
def test_a_line_that_starts_with_a_date_stays_a_date(month):
    # "15. mai - frist" once printed as "1. mai - frist": CommonMark read the date as item 15 of a list.
    for day in range(1, 32):
        for line in (f"{day}. {month} - frist for søknad", f"- {day}. {month}: frist", f"{day}.–{day}. {month} kurs"):
            html = render_markdown(f"Frister:\n\n{line}")
            assert "<ol" not in html, line
            assert f"{day}." in html and month in html, line


def test_a_real_numbered_list_keeps_its_numbers():
    assert '<ol start="3">' in render_markdown("3. Kartlegging\n4. Tiltak")
    assert "<ol>" in render_markdown("1. Kartlegging\n2. Tiltak")
    # The PDF's renderer ignores start=, so its HTML also carries the counter.
    printed = render_markdown("3. Kartlegging\n4. Tiltak", for_print=True)
    assert '<ol start="3" style="counter-reset: list-item 2">' in printed
    assert "style" not in render_markdown("3. Kartlegging\n4. Tiltak")


def test_a_date_and_a_list_in_one_text():
    html = render_markdown("15. mai - frist\n\n1. Les rutinen\n2. Bekreft")
    assert "<p>15. mai - frist</p>" in html and "<li>Les rutinen</li>" in html
