"""An arena as municipalities describe it: for whom, responsible, minute-taker, participants, levels, next step."""

import pytest
from django.urls import reverse

from meetings.models import Arena
from tests.support.factories import make_arena, make_plan
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


def arena_data(**changes):
    data = {
        "name": "Ressursteam",
        "category": "meeting",
        "purpose": "Drøfter **saker** skolen ikke løser alene.",
        "audience": "Alle elever på skolen",
        "led_by": "Rektor",
        "responsible": "Kommunalsjef",
        "minute_taker": "Sosiallærer",
        "fixed_participants": "Rektor\nSosiallærer\n\nSpesialpedagog",
        "invited_participants": "PPT-rådgiver\nHelsesykepleier",
        "frequency": "Hver måned",
        "scope": "every_unit",
        "unit_kinds": ["school"],
        "bti_levels": ["1"],
        "escalation_criterion": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def team(plan):
    return make_arena(plan, name="Kommunalt konsultasjonsteam")


def test_advisor_describes_an_arena_and_the_list_shows_it(client, plan, advisor, team):
    client.force_login(advisor)
    data = arena_data(escalates_to=team.pk, escalation_criterion="Når tiltakene ikke har hjulpet etter seks uker")

    response = client.post(reverse("meetings:arena_create", args=[plan.pk]), data)

    assert response.status_code == 302
    arena = plan.arenas.get(name="Ressursteam")
    assert arena.fixed_participant_list == ["Rektor", "Sosiallærer", "Spesialpedagog"]
    assert arena.invited_participant_list == ["PPT-rådgiver", "Helsesykepleier"]
    assert (arena.audience, arena.responsible, arena.minute_taker) == (
        "Alle elever på skolen",
        "Kommunalsjef",
        "Sosiallærer",
    )
    assert arena.escalates_to == team
    page = client.get(reverse("meetings:arena_list", args=[plan.pk])).text
    for shown in (
        "Målgruppe",
        "Alle elever på skolen",
        "Ansvarlig",
        "Kommunalsjef",
        "Referent",
        "<li>Spesialpedagog</li>",
        "Inviteres ved behov",
        "<li>Helsesykepleier</li>",
        "BTI-nivå 1",
        "Neste steg",
        "Kommunalt konsultasjonsteam: Når tiltakene ikke har hjulpet etter seks uker",
    ):
        assert shown in page


def test_a_criterion_without_a_next_step_is_refused_and_kept(client, plan, advisor):
    client.force_login(advisor)
    data = arena_data(escalation_criterion="Når skolen ber om det")

    response = client.post(reverse("meetings:arena_create", args=[plan.pk]), data)

    assert response.status_code == 400
    assert 'id="error_1_id_escalation_criterion"' in response.text and "Velg arenaen saken løftes til." in response.text
    assert "Når skolen ber om det" in response.text and "PPT-rådgiver" in response.text
    assert not plan.arenas.exists()


def test_the_next_step_is_an_arena_of_the_same_plan_and_not_itself(client, plan, advisor, team):
    client.force_login(advisor)
    foreign = make_arena(make_plan(plan.municipality, title="Annen plan"), name="Fremmed")
    url = reverse("meetings:arena_edit", args=[team.pk])
    for target in (foreign.pk, team.pk):
        data = form_data(client.get(url), "name")
        data["escalates_to"] = target
        response = client.post(url, data)
        assert response.status_code == 400 and 'id="error_1_id_escalates_to"' in response.text
    team.refresh_from_db()
    assert team.escalates_to is None


def test_the_plan_names_its_own_levels_and_the_arena_form_offers_them(client, plan, advisor):
    client.force_login(advisor)
    plan.level_names = "I enheten\nPå tvers av enheter\nKommunalt team"
    plan.save()

    form = client.get(reverse("meetings:arena_create", args=[plan.pk])).text
    assert "Nivåer" in form and "På tvers av enheter" in form and "BTI-nivå" not in form
    client.post(reverse("meetings:arena_create", args=[plan.pk]), arena_data(bti_levels=["0", "2"]))
    assert plan.arenas.get().bti_levels == [0, 2]
    page = client.get(reverse("meetings:arena_list", args=[plan.pk])).text
    assert "I enheten, Kommunalt team" in page


def test_at_most_four_levels_in_the_plan_settings(client, plan, advisor):
    client.force_login(advisor)
    url = reverse("documents:plan_edit", args=[plan.pk])
    data = form_data(client.get(url), "title")
    data["level_names"] = "En\nTo\nTre\nFire\nFem"

    response = client.post(url, data)

    assert response.status_code == 400 and "Høyst fire nivåer, ett per linje." in response.text
    data["level_names"] = "I enheten\nKommunalt team"
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert [label for _number, label in plan.levels] == ["I enheten", "Kommunalt team"]


def test_a_reader_may_not_and_another_municipality_sees_nothing(client, plan, reader, outsider, team):
    data = arena_data(escalates_to=team.pk)
    client.force_login(reader)
    assert client.post(reverse("meetings:arena_create", args=[plan.pk]), data).status_code == 403
    client.force_login(outsider)
    assert client.post(reverse("meetings:arena_edit", args=[team.pk]), data).status_code == 404
    assert Arena.objects.count() == 1
