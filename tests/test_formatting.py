"""Markdown in user-written text: safe HTML, headings that never skip a level."""

from django.template import Context, Template

from routines.formatting import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("**Viktig**\n\n- én\n- to")
    assert "<strong>Viktig</strong>" in html and "<li>én</li>" in html


def test_raw_html_and_dangerous_links_are_not_markup():
    html = render_markdown('<img src="file:///etc/passwd"> [x](javascript:alert(1)) ![y](file:///etc/passwd)')
    assert "<img" not in html and "javascript:" not in html.replace("[x](javascript:", "")
    assert "&lt;img" in html


def test_headings_are_renumbered_from_the_given_level():
    html = render_markdown("# Én\n\n### Tre\n\n## To", top_heading=4)
    assert "<h4>Én</h4>" in html and "<h6>Tre</h6>" in html and "<h5>To</h5>" in html


def test_empty_text_and_the_template_filter():
    assert render_markdown("") == "" and render_markdown(None) == ""
    rendered = Template("{% load formatting %}{{ text|formatted:3 }}").render(Context({"text": "# Tittel"}))
    assert rendered.strip() == "<h3>Tittel</h3>"
