"""Roles from the identity provider: the rules applied at every login, and who may read and edit them."""

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError
from django.urls import reverse

from identity.models import MunicipalLogin, RoleRule
from identity.services import apply_role_rules, claim_values
from routines.models import Membership
from tests.support.factories import make_member, make_municipality, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(municipality):
    app = SocialApp.objects.create(provider="openid_connect", provider_id="kommune", name="Kommune", client_id="c")
    MunicipalLogin.objects.create(municipality=municipality, provider=app)
    return app


def rule(app, municipality, value, role, unit=None, claim="groups"):
    return RoleRule.objects.create(
        provider=app, claim=claim, value=value, municipality=municipality, role=role, unit=unit
    )


def roles(user):
    return sorted(Membership.objects.filter(user=user).values_list("role", "municipality_id", "unit_id"))


def test_a_matching_rule_gives_the_role_and_the_unit(app, municipality, unit, caplog):
    rule(app, municipality, "rektorer", "unit_leader", unit)
    user = make_user()
    apply_role_rules(user, app, {"groups": ["alle-ansatte", "rektorer"]})
    assert roles(user) == [("unit_leader", municipality.pk, unit.pk)]
    line = next(r for r in caplog.records if r.getMessage() == "role_changed_by_provider")
    assert (line.user_id, line.before, line.after) == (user.pk, None, f"unit_leader@unit:{unit.pk}")


def test_leaving_the_group_loses_the_role_at_the_next_login(app, municipality, caplog):
    rule(app, municipality, "pp-radgivere", "advisor")
    user = make_user()
    apply_role_rules(user, app, {"groups": ["pp-radgivere"]})
    apply_role_rules(user, app, {"groups": []})
    assert roles(user) == []
    assert [r.after for r in caplog.records if r.getMessage() == "role_changed_by_provider"] == ["advisor", None]


def test_a_changed_group_changes_the_role(app, municipality, unit):
    rule(app, municipality, "lesere", "reader")
    rule(app, municipality, "rektorer", "unit_leader", unit)
    user = make_user()
    apply_role_rules(user, app, {"groups": "lesere"})
    apply_role_rules(user, app, {"groups": ["rektorer"]})
    assert roles(user) == [("unit_leader", municipality.pk, unit.pk)]


def test_the_strongest_matching_role_wins(app, municipality, unit):
    rule(app, municipality, "lesere", "reader")
    rule(app, municipality, "rektorer", "unit_leader", unit)
    rule(app, municipality, "radgivere", "advisor")
    user = make_user()
    apply_role_rules(user, app, {"groups": ["lesere", "radgivere", "rektorer"]})
    assert roles(user) == [("advisor", municipality.pk, None)]


def test_rules_match_any_claim_single_values_and_lists(app, municipality):
    rule(app, municipality, "employee", "reader", claim="eduPersonAffiliation")
    user = make_user()
    apply_role_rules(user, app, {"eduPersonAffiliation": ["member", "employee"], "groups": "x"})
    assert roles(user) == [("reader", municipality.pk, None)]
    assert claim_values({"roles": "KIBS.Advisor"}, "roles") == {"KIBS.Advisor"}
    assert claim_values({"roles": [{"nested": 1}, 7]}, "roles") == {"7"}
    assert claim_values({}, "groups") == set()


def test_roles_elsewhere_are_left_alone(app, municipality):
    other = make_municipality()
    user = make_member("advisor", other)
    make_member("coordinator", region=municipality.region, user=user)
    apply_role_rules(user, app, {"groups": []})
    assert roles(user) == sorted([("advisor", other.pk, None), ("coordinator", None, None)])


def test_a_rule_of_a_municipality_the_provider_does_not_serve_gives_nothing(app, municipality):
    other = make_municipality()
    RoleRule.objects.create(provider=app, claim="groups", value="g", municipality=other, role="advisor")
    user = make_user()
    apply_role_rules(user, app, {"groups": ["g"]})
    assert roles(user) == []


@pytest.mark.parametrize(
    ("role", "unit_of", "field"),
    [
        ("unit_leader", None, "unit"),
        ("advisor", "own", "unit"),
        ("unit_leader", "other", "unit"),
        ("coordinator", None, "role"),
        ("no-such-role", None, "role"),
    ],
)
def test_a_rule_that_could_not_give_its_role_is_refused(app, municipality, role, unit_of, field):
    unit = {"own": make_unit(municipality), "other": make_unit(), None: None}[unit_of]
    bad = RoleRule(provider=app, claim="groups", value="g", municipality=municipality, role=role, unit=unit)
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert field in refused.value.message_dict


def test_a_rule_needs_the_municipality_to_use_the_provider(app):
    bad = RoleRule(provider=app, claim="groups", value="g", municipality=make_municipality(), role="advisor")
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert "municipality" in refused.value.message_dict


def test_advisors_read_their_municipalitys_rules(client, app, municipality, unit, advisor):
    rule(app, municipality, "8d2c-rektorer", "unit_leader", unit)
    client.force_login(advisor)
    page = client.get(reverse("identity:role_rules", args=[municipality.pk])).content.decode()
    assert "8d2c-rektorer" in page and unit.name in page and "Kommune" in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0]


def test_a_municipality_without_a_provider_says_so(client, advisor, municipality):
    client.force_login(advisor)
    page = client.get(reverse("identity:role_rules", args=[municipality.pk])).content.decode()
    assert "brukernavn og passord" in page


@pytest.mark.parametrize("persona", ["reader", "unit_leader"])
def test_others_of_the_municipality_may_not_read_the_rules(client, request, municipality, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("identity:role_rules", args=[municipality.pk])).status_code == 403


def test_only_superusers_edit_rules_in_the_admin(client, app, municipality, advisor):
    advisor.is_staff = True
    advisor.save()
    client.force_login(advisor)
    assert client.get(reverse("admin:identity_rolerule_changelist")).status_code == 403
    superuser = make_user(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:identity_rolerule_add"),
        {
            "provider": app.pk,
            "claim": "groups",
            "value": "radgivere",
            "municipality": municipality.pk,
            "role": "advisor",
        },
    )
    assert response.status_code == 302
    assert RoleRule.objects.get().role == "advisor"


def test_employee_and_approver_map_too(app, municipality, unit):
    rule(app, municipality, "ansatte-bakken", "employee", unit)
    rule(app, municipality, "godkjennere", "approver")
    employee, approver = make_user(), make_user()
    apply_role_rules(employee, app, {"groups": ["ansatte-bakken"]})
    apply_role_rules(approver, app, {"groups": ["godkjennere", "ansatte-bakken"]})
    assert roles(employee) == [("employee", municipality.pk, unit.pk)]
    assert roles(approver) == [("approver", municipality.pk, None)]
    with pytest.raises(ValidationError):
        RoleRule(provider=app, claim="groups", value="x", municipality=municipality, role="employee").full_clean()
