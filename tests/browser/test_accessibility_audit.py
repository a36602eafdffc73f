"""The accessibility audit itself: it must catch a broken page."""

import pytest

from tests.support.browser import accessibility_violations

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
