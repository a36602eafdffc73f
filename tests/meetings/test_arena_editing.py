import re

import pytest
from django.urls import reverse

from meetings.models import Arena
from routines.models import Membership
from tests.support.factories import make_arena, make_attachment, make_entry, make_member, make_municipality, make_unit
from tests.support.isolation_meetings import MEETINGS_ISOLATION_CASES

pytestmark = pytest.mark.django_db

ADVISOR = Membership.Role.ADVISOR
CASES = [case for case in MEETINGS_ISOLATION_CASES if case[0].startswith("meetings:arena_")]
# Pages that only read: the list, and a file's download (tests/meetings/test_attachments.py).
CHANGE_CASES = [case for case in CASES if case[0] not in ("meetings:arena_list", "meetings:arena_attachment_download")]


def arena_data(**changes):
    data = {
        "name": "Skoleeiers utviklingsgruppe",
        "abbreviation": "SUT",
        "category": "group",
        "purpose": "Leder utviklingsarbeidet i skolene.\n\n- Planlegger felles kompetansetiltak",
        "led_by": "Assisterende kommunalsjef",
        "participants": "Tre skoleledere og skoleutvikler",
        "frequency": "Fire ganger i året",
        "scope": "municipality",
        "bti_levels": ["0", "1"],
    }
    data.update(changes)
    return data


@pytest.fixture
def advisor_client(client, plan):
    client.force_login(make_member(ADVISOR, plan.municipality))
    return client


def test_advisor_adds_an_arena(advisor_client, plan):
    response = advisor_client.post(reverse("meetings:arena_create", args=[plan.pk]), arena_data())
    assert response.status_code == 302
    arena = Arena.objects.get(plan=plan)
    assert response.url == reverse("meetings:arena_list", args=[plan.pk]) + f"#arena-{arena.pk}"
    assert arena.abbreviation == "SUT"
    assert arena.category == Arena.Category.GROUP
    assert arena.bti_levels == [0, 1]
    assert arena.participants == "Tre skoleledere og skoleutvikler"


def test_arena_in_every_unit_names_its_kind_of_unit(advisor_client, plan):
    data = arena_data(name="Lokal utviklingsgruppe", abbreviation="SKUT", scope="every_unit", unit_kinds=["school"])
    advisor_client.post(reverse("meetings:arena_create", args=[plan.pk]), data)
    arena = Arena.objects.get(plan=plan)
    assert (arena.scope, arena.unit_kind, arena.unit_kinds) == ("every_unit", "school", ["school"])


def test_the_arena_form_asks_once_which_kinds_of_unit(advisor_client, plan):
    """One set of tick boxes; an arena that only had its one kind in unit_kind shows it ticked, and a
    municipality-wide arena keeps no kind of its own."""
    arena = make_arena(plan, name="SKUT", scope="every_unit", unit_kind="school")
    page = advisor_client.get(reverse("meetings:arena_edit", args=[arena.pk])).text
    assert 'name="unit_kind"' not in page
    school = re.search(r'<input[^>]*name="unit_kinds"[^>]*value="school"[^>]*>', page).group()
    assert "checked" in school
    data = arena_data(scope="municipality", unit_kinds=["school"], seen_version=arena.version)
    advisor_client.post(reverse("meetings:arena_edit", args=[arena.pk]), data)
    arena.refresh_from_db()
    assert (arena.scope, arena.unit_kind, arena.unit_kinds) == ("municipality", "", ["school"])


def test_arena_without_name_is_refused_and_keeps_what_was_typed(advisor_client, plan):
    data = arena_data(name="", led_by="Kommunalsjef for oppvekst")
    response = advisor_client.post(reverse("meetings:arena_create", args=[plan.pk]), data)
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert 'id="error_1_id_name"' in response.text
    assert 'value="Kommunalsjef for oppvekst"' in response.text
    assert not Arena.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"unit_kinds": ["castle"]}, "unit_kinds"),
        ({"bti_levels": ["4"]}, "bti_levels"),
        ({"category": "party"}, "category"),
    ],
)
def test_inconsistent_arena_is_refused_next_to_the_field(advisor_client, plan, changes, field):
    response = advisor_client.post(reverse("meetings:arena_create", args=[plan.pk]), arena_data(**changes))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not Arena.objects.exists()


def test_advisor_edits_an_arena(advisor_client, plan):
    arena = make_arena(plan, name="BUG")
    data = arena_data(name="Barnehagenes utviklingsgruppe", abbreviation="BUG", seen_version=arena.version)
    response = advisor_client.post(reverse("meetings:arena_edit", args=[arena.pk]), data)
    assert response.status_code == 302
    arena.refresh_from_db()
    assert arena.name == "Barnehagenes utviklingsgruppe"
    assert arena.version == 2


def test_edit_form_shows_the_stored_arena(advisor_client, plan):
    arena = make_arena(plan, name="Styrermøte", bti_levels=[2])
    response = advisor_client.get(reverse("meetings:arena_edit", args=[arena.pk]))
    assert response.status_code == 200
    assert 'value="Styrermøte"' in response.text
    assert response.context["form"]["bti_levels"].value() == [2]


def test_second_save_from_the_same_version_is_a_conflict(advisor_client, plan):
    arena = make_arena(plan, name="SUT", purpose="Opprinnelig formål")
    url = reverse("meetings:arena_edit", args=[arena.pk])
    first = advisor_client.post(url, arena_data(purpose="Første versjon av formålet", seen_version=1))
    assert first.status_code == 302
    second = advisor_client.post(url, arena_data(purpose="Andre versjon av formålet", seen_version=1))
    assert second.status_code == 409
    assert "Første versjon av formålet" in second.text  # the stored version is shown
    assert "Andre versjon av formålet" in second.text  # what was typed is kept
    arena.refresh_from_db()
    assert arena.purpose == "Første versjon av formålet"
    # The refused form now carries the stored version, so saving the merge works.
    seen_version = second.context["form"]["seen_version"].value()
    assert advisor_client.post(url, arena_data(purpose="Flettet", seen_version=seen_version)).status_code == 302


def test_list_groups_arenas_by_category_in_their_order(client, plan):
    make_arena(plan, name="Aksjoner på enhetene", category="practice")
    make_arena(plan, name="Styrermøter", category="meeting")
    make_arena(plan, name="SUT og BUG", category="meeting")
    make_arena(plan, name="Referansegruppe KIBS", category="group")
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    response = client.get(reverse("meetings:arena_list", args=[plan.pk]))
    assert response.status_code == 200
    text = response.text
    order = ["Referansegruppe KIBS", "Styrermøter", "SUT og BUG", "Aksjoner på enhetene"]
    assert sorted(order, key=text.index) == order
    assert [label for label, _ in response.context["categories"]] == [
        Arena.Category.GROUP.label,
        Arena.Category.MEETING.label,
        Arena.Category.PRACTICE.label,
    ]
    assert reverse("meetings:arena_create", args=[plan.pk]) not in text  # readers get no edit buttons


def test_moving_stays_within_the_category(advisor_client, plan):
    group = make_arena(plan, name="SUT", category="group")
    first = make_arena(plan, name="Styrermøter", category="meeting")
    second = make_arena(plan, name="Skoleledermøter", category="meeting")
    response = advisor_client.post(reverse("meetings:arena_move", args=[second.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert response.url.endswith(f"#arena-{second.pk}")
    meetings = list(plan.arenas.filter(category="meeting").values_list("name", flat=True))
    assert meetings == ["Skoleledermøter", "Styrermøter"]
    # The first in its category cannot move up into another category.
    advisor_client.post(reverse("meetings:arena_move", args=[second.pk]), {"direction": "up"})
    group.refresh_from_db()
    first.refresh_from_db()
    assert (group.position, first.position) == (0, 1)


def test_arena_changing_category_goes_last_in_its_new_category(advisor_client, plan):
    make_arena(plan, name="SUT", category="group")
    make_arena(plan, name="BUG", category="group")
    moved = make_arena(plan, name="TOPS", category="meeting")
    data = arena_data(name="TOPS", category="group", seen_version=moved.version)
    advisor_client.post(reverse("meetings:arena_edit", args=[moved.pk]), data)
    groups = list(plan.arenas.filter(category="group").values_list("name", flat=True))
    assert groups == ["SUT", "BUG", "TOPS"]


def test_move_needs_a_direction_and_post(advisor_client, plan):
    arena = make_arena(plan)
    url = reverse("meetings:arena_move", args=[arena.pk])
    assert advisor_client.post(url, {"direction": "sideways"}).status_code == 400
    assert advisor_client.get(url).status_code == 405


def test_delete_asks_first_and_keeps_the_entries(advisor_client, plan):
    arena = make_arena(plan, name="Styrermøte")
    entry = make_entry(plan, arena=arena)
    url = reverse("meetings:arena_delete", args=[arena.pk])
    page = advisor_client.get(url)
    assert page.status_code == 200
    assert "Styrermøte" in page.text
    assert Arena.objects.filter(pk=arena.pk).exists()
    response = advisor_client.post(url)
    assert response.status_code == 302
    assert not Arena.objects.filter(pk=arena.pk).exists()
    entry.refresh_from_db()
    assert entry.arena is None


def test_purpose_with_script_is_rendered_inert(client, plan):
    make_arena(plan, purpose='<script>alert("x")</script> <img src=x onerror="alert(1)">')
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    text = client.get(reverse("meetings:arena_list", args=[plan.pk])).text
    assert "<script>alert" not in text
    assert "<img" not in text
    assert "&lt;script&gt;" in text


@pytest.mark.parametrize("url_name, kwargs_for", CASES)
def test_anonymous_is_sent_to_log_in(client, plan, url_name, kwargs_for):
    url = reverse(url_name, kwargs=kwargs_for(plan))
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("url_name, kwargs_for", CASES)
def test_another_municipalitys_advisor_gets_404(client, plan, url_name, kwargs_for):
    url = reverse(url_name, kwargs=kwargs_for(plan))
    stored = list(Arena.objects.values_list("pk", "name", "position", "version"))
    client.force_login(make_member(ADVISOR, make_municipality()))
    if not url_name.endswith("_move"):  # moving is POST only
        assert client.get(url).status_code == 404
    if not url_name.endswith(("_list", "_download")):  # lists and downloads are GET only
        assert client.post(url, {**arena_data(), "direction": "up"}).status_code == 404
    assert list(Arena.objects.values_list("pk", "name", "position", "version")) == stored


def read_only_users(plan):
    municipality = plan.municipality
    return [
        make_member(Membership.Role.READER, municipality),
        make_member(Membership.Role.UNIT_LEADER, unit=make_unit(municipality)),
        make_member(Membership.Role.COORDINATOR, region=municipality.region),
    ]


@pytest.mark.parametrize("url_name, kwargs_for", CHANGE_CASES)
def test_read_only_users_get_403_on_changes(client, plan, url_name, kwargs_for):
    make_arena(plan, name="Først", category="meeting")
    url = reverse(url_name, kwargs=kwargs_for(plan))
    stored = list(Arena.objects.values_list("pk", "name", "position", "version"))
    for user in read_only_users(plan):
        client.force_login(user)
        assert client.post(url, {**arena_data(), "direction": "up"}).status_code == 403
        if not url_name.endswith("_move"):
            assert client.get(url).status_code == 403
        assert client.get(reverse("meetings:arena_list", args=[plan.pk])).status_code == 200
    assert list(Arena.objects.values_list("pk", "name", "position", "version")) == stored


@pytest.mark.parametrize("size", [10, 30])
def test_list_runs_a_fixed_number_of_queries(client, plan, django_assert_max_num_queries, size):
    client.force_login(make_member(ADVISOR, plan.municipality))
    for n in range(size):
        arena = make_arena(plan, name=f"Arena {n}", category=Arena.Category.values[n % 3], purpose="- punkt")
        make_attachment(arena)
    # 6: the arenas' links and files are one prefetch.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("meetings:arena_list", args=[plan.pk]))
    assert response.text.count('class="border-bottom py-3"') == size
