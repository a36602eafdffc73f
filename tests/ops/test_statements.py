"""The privacy page and the accessibility statement: public, in every language, linked from every page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from ops.accessibility import AUDIT_STATEMENT
from ops.models import AccessibilityStatement
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db


def get(name, language="nb"):
    return Client(headers={"accept-language": language}).get(reverse(name))


@pytest.mark.parametrize(
    "name, words",
    [
        (
            "ops:privacy",
            {"nb": "Ingen opplysninger om barn", "nn": "Ingen opplysningar om barn", "en": "No data about children"},
        ),
        (
            "ops:accessibility_statement",
            {"nb": "Tilgjengelighetserklæring", "nn": "Tilgjengelegheitserklæring", "en": "Accessibility statement"},
        ),
    ],
)
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_statements_are_public_in_every_language(name, words, language):
    response = get(name, language)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert words[language] in response.text


def test_privacy_names_the_configured_controller(settings):
    settings.DATA_CONTROLLER = "Sortland kommune"
    settings.DATA_CONTROLLER_CONTACT = "postmottak@sortland.kommune.no"
    settings.DATA_PROTECTION_OFFICER = "personvernombud@sortland.kommune.no"
    text = get("ops:privacy").text
    assert "Sortland kommune er behandlingsansvarlig" in text
    assert "postmottak@sortland.kommune.no" in text
    assert "Personvernombud: personvernombud@sortland.kommune.no" in text


def test_privacy_without_a_configured_controller_names_the_municipality_in_general(settings):
    settings.DATA_CONTROLLER = settings.DATA_CONTROLLER_CONTACT = settings.DATA_PROTECTION_OFFICER = ""
    text = get("ops:privacy").text
    assert "Behandlingsansvarlig er kommunen som driver denne KIBS-installasjonen" in text
    assert "Kommunens personvernombud" in text


def test_privacy_states_the_lifetimes_the_settings_apply(settings):
    settings.SESSION_COOKIE_AGE = 45 * 60
    settings.SESSION_ABSOLUTE_TIMEOUT = 8 * 3600
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=20)
    settings.LOGIN_LOG_DAYS = 60
    text = get("ops:privacy", "en").text
    assert "until 45 minutes pass without activity, and at most 8 hours" in text
    assert "(20 minutes)" in text
    assert "kept for 60 days" in text


def test_a_new_installation_shows_the_statement_of_the_projects_own_audit():
    assert not AccessibilityStatement.objects.exists()
    text = get("ops:accessibility_statement").text
    assert "Delvis i samsvar" in text
    assert "WCAG 2.2" in text  # said honestly: not yet checked
    assert "uutilsynet.no" in text
    assert "4. desember 2026" in text


def test_the_latest_review_is_shown():
    AccessibilityStatement.objects.create(
        **{**AUDIT_STATEMENT, "status": "full", "reviewed_on": datetime.date(2027, 3, 1)}
    )
    assert "Fullt i samsvar" in get("ops:accessibility_statement").text


def test_statement_texts_are_marked_with_their_language():
    AccessibilityStatement.objects.create(**{**AUDIT_STATEMENT, "language": "nn"})
    assert '<div lang="nn">' in get("ops:accessibility_statement", "en").text


@pytest.mark.parametrize("path", ["/accounts/login/", "/no-such-page/"])
def test_every_page_links_both_statements_in_its_footer(path):
    text = Client().get(path).text
    footer = text[text.index("<footer") :]
    assert reverse("ops:privacy") in footer
    assert reverse("ops:accessibility_statement") in footer


def test_only_a_superuser_writes_the_statement_in_the_admin():
    url = reverse("admin:ops_accessibilitystatement_add")
    client = Client()
    client.force_login(make_user(is_staff=True))
    assert client.get(url).status_code == 403
    client.force_login(make_user(is_staff=True, is_superuser=True))
    form = client.get(url)
    assert form.status_code == 200
    # The first one starts from the audit's statement.
    assert "WCAG 2.2" in form.text
    data = {
        "status": "full",
        "language": "nb",
        "assessment": "Gjennomgått manuelt.",
        "deviations": "",
        "feedback": "postmottak@sortland.kommune.no",
        "reviewed_on": "2027-01-15",
    }
    assert client.post(url, data).status_code == 302
    text = get("ops:accessibility_statement").text
    assert "Ingen er kjent." in text
    assert "postmottak@sortland.kommune.no" in text
