"""The accessibility audit itself: it must catch a broken page."""

import pytest

from tests.support.browser import accessibility_violations, page_problems
from tests.support.layout import layout_problems

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_audit_catches_an_input_without_a_label(page):
    page.set_content(
        '<!doctype html><html lang="nb"><title>T</title><main><h1>Skjema</h1><input type="text"></main></html>'
    )
    assert "label" in [violation["id"] for violation in accessibility_violations(page)]


def test_audit_passes_a_correct_page(page):
    page.set_content(
        '<!doctype html><html lang="nb"><title>T</title><main><h1>Skjema</h1>'
        '<label for="navn">Navn</label><input id="navn" type="text"></main></html>'
    )
    assert accessibility_violations(page) == []


def test_login_page_has_no_violations(page):
    page.goto("/accounts/login/")
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "nb"
    assert accessibility_violations(page) == []


def page_with(body, language="nb"):
    return f'<!doctype html><html lang="{language}"><title>T</title><main><h1>Side</h1>{body}</main></html>'


def test_layout_check_catches_a_page_wider_than_the_screen(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.set_content(page_with('<div style="width: 600px">Bred</div>'))
    assert any("px wide at 390 px" in problem for problem in layout_problems(page, "nb"))


def test_layout_check_catches_a_small_control_but_allows_a_link_in_running_text(page):
    page.set_content(
        page_with(
            '<button style="padding: 0; font-size: 10px">Lagre</button>'
            '<p>Les mer i <a href="/x">veilederen</a> før møtet.</p>'
        )
    )
    problems = layout_problems(page, "nb")
    assert len(problems) == 1
    assert problems[0].startswith("button «Lagre» is ")


def test_layout_check_catches_a_bar_stuck_over_the_focus(page):
    page.set_content(page_with('<header style="position: sticky; top: 0; height: 60px">Meny</header>'))
    assert any("sticks to the top" in problem for problem in layout_problems(page, "nb"))
    page.add_style_tag(content="html { scroll-padding-top: 70px }")
    assert layout_problems(page, "nb") == []


def test_layout_check_catches_english_but_not_nynorsk_or_names(page):
    page.set_content(page_with("<p>Save</p><p>Select the units</p><p>No</p><p>Logg inn med Entra ID</p>", "nn"))
    assert layout_problems(page, "nn") == ["English text: «Save»", "English text: «Select the units»"]


LOW_CONTRAST = "color: #bbb; background: #fff"
PHONE_ONLY = "<style>.narrow { display: none } @media (max-width: 600px) { .narrow { display: block } }</style>"


SKIP_LINK = '<a class="skip-link" href="#main" style="display: inline-block; padding: 12px">Til innholdet</a>'


def audit_ids(page, language):
    """(width, axe-core rule) of each of page_problems' findings from axe-core."""
    found = []
    for problem in page_problems(page, language):
        width, _, rest = problem.partition(": ")
        if rest.startswith("{"):
            found.append((width, rest.split("'id': '")[1].split("'")[0]))
    return found


def test_each_rule_audits_an_element_at_the_first_width_it_shows(page):
    page.set_content(
        page_with(
            f'{PHONE_ONLY}<p style="{LOW_CONTRAST}">Alltid synlig</p>'
            f'<div class="narrow"><p style="{LOW_CONTRAST}">Bare på telefonen</p><input type="text" style="height: 32px"></div>'
            f"{SKIP_LINK}"
        )
    )
    # What shows at both widths at 1280 px, once; what shows only on a phone at 390 px.
    assert sorted(audit_ids(page, "nb")) == [
        ("1280 px", "color-contrast"),
        ("390 px", "color-contrast"),
        ("390 px", "label"),
    ]


def test_a_second_language_leaves_out_colour_contrast(page):
    page.set_content(page_with(f'<p style="{LOW_CONTRAST}">Alltid synlig</p><input type="text">{SKIP_LINK}', "nn"))
    assert audit_ids(page, "nn") == [("1280 px", "label")]
