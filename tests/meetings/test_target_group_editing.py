import pytest
from django.urls import reverse

from meetings.models import TargetGroup
from routines.models import Membership
from tests.support.factories import make_entry, make_member, make_municipality, make_plan, make_target_group, make_unit
from tests.support.isolation_meetings import MEETINGS_ISOLATION_CASES

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR
CASES = [case for case in MEETINGS_ISOLATION_CASES if case[0].startswith("meetings:target_group_")]
CHANGE_CASES = [case for case in CASES if case[0] != "meetings:target_group_list"]


@pytest.fixture
def advisor_client(client, plan):
    client.force_login(make_member(ADVISOR, plan.municipality))
    return client


def names(plan):
    return list(plan.target_groups.values_list("name", flat=True))


def test_advisor_adds_target_groups_in_order(advisor_client, plan):
    url = reverse("meetings:target_group_create", args=[plan.pk])
    for name in ["Styrere", "Skoleledere", "Foresatte"]:
        response = advisor_client.post(url, {"name": name})
        assert response.status_code == 302
        added = plan.target_groups.get(name=name)
        assert response.url == reverse("meetings:target_group_list", args=[plan.pk]) + f"#targetgroup-{added.pk}"
    assert names(plan) == ["Styrere", "Skoleledere", "Foresatte"]
    page = advisor_client.get(reverse("meetings:target_group_list", args=[plan.pk]))
    assert page.status_code == 200
    assert "Skoleledere" in page.text


def test_advisor_says_which_kinds_of_unit_a_target_group_concerns(advisor_client, plan):
    url = reverse("meetings:target_group_create", args=[plan.pk])
    response = advisor_client.post(url, {"name": "Styrere", "unit_kinds": ["kindergarten"]})
    assert response.status_code == 302
    assert TargetGroup.objects.get(plan=plan).unit_kinds == ["kindergarten"]
    response = advisor_client.post(url, {"name": "Slott", "unit_kinds": ["castle"]})
    assert response.status_code == 400
    assert not TargetGroup.objects.filter(name="Slott").exists()


def test_empty_name_is_refused_next_to_the_field(advisor_client, plan):
    response = advisor_client.post(reverse("meetings:target_group_create", args=[plan.pk]), {"name": ""})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["name"]
    assert 'id="error_1_id_name"' in response.text
    assert not TargetGroup.objects.exists()


def test_duplicate_name_is_a_field_error_not_a_crash(advisor_client, plan):
    make_target_group(plan, name="Styrere")
    response = advisor_client.post(reverse("meetings:target_group_create", args=[plan.pk]), {"name": "Styrere"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["name"]
    assert 'value="Styrere"' in response.text
    assert names(plan) == ["Styrere"]


def test_renaming_to_another_groups_name_is_refused(advisor_client, plan):
    make_target_group(plan, name="Styrere")
    other = make_target_group(plan, name="Skoleledere")
    url = reverse("meetings:target_group_edit", args=[other.pk])
    response = advisor_client.post(url, {"name": "Styrere", "seen_version": other.version})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors


def test_same_name_is_fine_in_another_plan_and_when_kept(advisor_client, plan):
    make_target_group(make_plan(plan.municipality, school_year=2024), name="Styrere")
    target_group = make_target_group(plan, name="Styrere")
    url = reverse("meetings:target_group_edit", args=[target_group.pk])
    response = advisor_client.post(url, {"name": "Styrere", "seen_version": target_group.version})
    assert response.status_code == 302


def test_advisor_renames_a_target_group(advisor_client, plan):
    target_group = make_target_group(plan, name="Pedagogiske ledere")
    url = reverse("meetings:target_group_edit", args=[target_group.pk])
    assert 'value="Pedagogiske ledere"' in advisor_client.get(url).text
    response = advisor_client.post(url, {"name": "Pedagogiske ledere, SKUT og SFO-ledere", "seen_version": 1})
    assert response.status_code == 302
    target_group.refresh_from_db()
    assert target_group.name == "Pedagogiske ledere, SKUT og SFO-ledere"


def test_second_save_from_the_same_version_is_a_conflict(advisor_client, plan):
    target_group = make_target_group(plan, name="Elever")
    url = reverse("meetings:target_group_edit", args=[target_group.pk])
    assert advisor_client.post(url, {"name": "Elever og elevråd", "seen_version": 1}).status_code == 302
    second = advisor_client.post(url, {"name": "Elever i SFO", "seen_version": 1})
    assert second.status_code == 409
    assert "Elever og elevråd" in second.text
    assert 'value="Elever i SFO"' in second.text
    target_group.refresh_from_db()
    assert target_group.name == "Elever og elevråd"


def test_move_up_and_down(advisor_client, plan):
    make_target_group(plan, name="Styrere")
    make_target_group(plan, name="Skoleledere")
    last = make_target_group(plan, name="Foresatte")
    url = reverse("meetings:target_group_move", args=[last.pk])
    response = advisor_client.post(url, {"direction": "up"})
    assert response.status_code == 302
    assert response.url.endswith(f"#targetgroup-{last.pk}")
    assert names(plan) == ["Styrere", "Foresatte", "Skoleledere"]
    advisor_client.post(url, {"direction": "down"})
    advisor_client.post(url, {"direction": "down"})  # already last: nothing happens
    assert names(plan) == ["Styrere", "Skoleledere", "Foresatte"]
    assert advisor_client.get(url).status_code == 405


def test_delete_asks_first_and_keeps_the_entries(advisor_client, plan):
    target_group = make_target_group(plan, name="Styrere")
    entry = make_entry(plan)
    entry.target_groups.add(target_group)
    url = reverse("meetings:target_group_delete", args=[target_group.pk])
    page = advisor_client.get(url)
    assert page.status_code == 200
    assert page.context["unlinked"] == 1
    assert advisor_client.post(url).status_code == 302
    assert not TargetGroup.objects.exists()
    assert list(entry.target_groups.all()) == []


def test_name_with_markup_is_escaped(client, plan):
    make_target_group(plan, name="<script>alert(1)</script>")
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    text = client.get(reverse("meetings:target_group_list", args=[plan.pk])).text
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("url_name, kwargs_for", CASES)
def test_anonymous_is_sent_to_log_in(client, plan, url_name, kwargs_for):
    url = reverse(url_name, kwargs=kwargs_for(plan))
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("url_name, kwargs_for", CASES)
def test_another_municipalitys_advisor_gets_404(client, plan, url_name, kwargs_for):
    url = reverse(url_name, kwargs=kwargs_for(plan))
    stored = list(TargetGroup.objects.values_list("pk", "name", "version"))
    client.force_login(make_member(ADVISOR, make_municipality()))
    if not url_name.endswith("_move"):  # moving is POST only
        assert client.get(url).status_code == 404
    if not url_name.endswith("_list"):  # lists are GET only
        assert client.post(url, {"name": "Innbrudd", "direction": "up"}).status_code == 404
    assert list(TargetGroup.objects.values_list("pk", "name", "version")) == stored


@pytest.mark.parametrize("url_name, kwargs_for", CHANGE_CASES)
def test_read_only_users_get_403_on_changes(client, plan, url_name, kwargs_for):
    make_target_group(plan, name="Først")
    url = reverse(url_name, kwargs=kwargs_for(plan))
    stored = list(TargetGroup.objects.values_list("pk", "name", "position", "version"))
    municipality = plan.municipality
    for user in [
        make_member(Membership.Role.READER, municipality),
        make_member(Membership.Role.UNIT_LEADER, unit=make_unit(municipality)),
        make_member(Membership.Role.COORDINATOR, region=municipality.region),
    ]:
        client.force_login(user)
        assert client.post(url, {"name": "Endret", "direction": "up"}).status_code == 403
        if not url_name.endswith("_move"):
            assert client.get(url).status_code == 403
        assert client.get(reverse("meetings:target_group_list", args=[plan.pk])).status_code == 200
    assert list(TargetGroup.objects.values_list("pk", "name", "position", "version")) == stored


@pytest.mark.parametrize("size", [9, 27])
def test_list_runs_a_fixed_number_of_queries(client, plan, django_assert_max_num_queries, size):
    client.force_login(make_member(ADVISOR, plan.municipality))
    for n in range(size):
        make_target_group(plan, name=f"Målgruppe {n}")
    with django_assert_max_num_queries(5):
        response = client.get(reverse("meetings:target_group_list", args=[plan.pk]))
    assert response.text.count('id="targetgroup-') == size
