"""Search in one plan and in every plan a person may read: stemming, ranking, snippets, tenancy, fallback."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from documents.search import MARK_START, MARK_STOP, marked_html
from routines.models import Membership, Plan
from tests.support.factories import (
    make_actor,
    make_arena,
    make_entry,
    make_member,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_unit,
)

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's (CI runs on PostgreSQL)"
)


def search_plan(client, plan, words):
    return client.get(reverse("documents:search_plan", args=[plan.pk]), {"q": words})


def search_all(client, words):
    return client.get(reverse("documents:search_all"), {"q": words})


@pytest.fixture
def words_everywhere(plan):
    """One part of every kind, each with a word of its own."""
    return {
        "section": make_section(plan, title="Pedagogisk analyse", body="Analysen gjøres i teamet."),
        "routine": make_routine(plan, title="Overgang barnehage–skole", body="Skolen inviterer foresatte."),
        "duty": make_actor(plan, name="PPD", duties=["Veileder barnehagene i lekemiljø"]).duties.get(),
        "arena": make_arena(plan, name="SKUT", purpose="Drøfter elevsaker med helsesykepleier."),
        "entry": make_entry(plan, starts_on=datetime.date(2023, 10, 5), content="Kartlegging av leseferdigheter"),
    }


@postgresql_only
def test_stemming_finds_other_forms_of_a_word(client, advisor, plan):
    routine = make_routine(plan, title="Rutine for skolestart")
    make_routine(plan, title="Mobbeombud")
    client.force_login(advisor)
    response = search_plan(client, plan, "rutinene")
    assert response.status_code == 200
    assert [hit.part for hit in response.context["hits"]] == [routine]


@postgresql_only
def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(client, advisor, plan):
    in_text = make_routine(plan, title="Overgang", body="Foresatte får tilbud om samtale.\n" * 3)
    in_title = make_routine(plan, title="Samtale med foresatte", body="Kontaktlærer innkaller.")
    client.force_login(advisor)
    hits = search_plan(client, plan, "samtale").context["hits"]
    assert [hit.part for hit in hits] == [in_title, in_text]
    assert hits[0].rank > hits[1].rank


@postgresql_only
def test_snippets_mark_the_words_found_and_never_let_the_text_be_html(client, advisor, plan):
    body = "Skolen følger opp <script>alert('x')</script> mobbing når 5 < 6 & <b>straks</b>."
    make_section(plan, title="Tiltak <i>nå</i>", body=body)
    client.force_login(advisor)
    [hit] = search_plan(client, plan, "mobbingen").context["hits"]
    # PostgreSQL's headline leaves tags out; what is left is escaped, and only the marks are HTML.
    assert str(hit.snippet).startswith(
        "Skolen følger opp  alert(&#x27;x&#x27;)  <mark>mobbing</mark> når 5 &lt; 6 &amp;"
    )
    assert "<script" not in str(hit.snippet) and "<b>" not in str(hit.snippet)
    assert str(hit.title) == "Tiltak &lt;i&gt;nå&lt;/i&gt;"


@postgresql_only
def test_every_kind_of_part_is_found_and_links_to_its_place(client, advisor, plan, words_everywhere):
    client.force_login(advisor)
    parts = words_everywhere
    expected = {
        "analyse": f"{reverse('documents:plan_read', args=[plan.pk])}#section-{parts['section'].pk}",
        "foresatte": reverse("routines:routine_page", args=[parts["routine"].pk]),
        "lekemiljøet": f"{reverse('routines:actor_list', args=[plan.pk])}#part-{parts['duty'].actor_id}",
        "helsesykepleier": f"{reverse('meetings:arena_list', args=[plan.pk])}#arena-{parts['arena'].pk}",
        "leseferdighet": f"{reverse('meetings:progress_months', args=[plan.pk])}#entry-{parts['entry'].pk}",
    }
    for words, url in expected.items():
        hits = search_plan(client, plan, words).context["hits"]
        assert [hit.url for hit in hits] == [url], words


@postgresql_only
def test_another_municipalitys_text_is_never_found(client, advisor, plan):
    make_routine(plan, title="Vår egen rutine for fravær")
    neighbour = make_plan(make_municipality(region=plan.municipality.region), status=Plan.Status.DRAFT)
    make_routine(neighbour, title="Nabokommunens utkast om fravær")
    far_away = make_plan(make_municipality(), status=Plan.Status.APPROVED)
    make_routine(far_away, title="En fjern rutine om fravær")
    client.force_login(advisor)
    titles = [str(hit.title) for hit in search_all(client, "fravær").context["hits"]]
    assert titles == ["Vår egen rutine for <mark>fravær</mark>"]
    assert search_plan(client, far_away, "fravær").status_code == 404


@postgresql_only
def test_the_regions_approved_plans_are_found_and_read_on_the_shared_page(client, advisor, plan):
    neighbour = make_plan(
        make_municipality(region=plan.municipality.region, name="Hadsel"), status=Plan.Status.APPROVED
    )
    arena = make_arena(neighbour, name="Ressursteam", purpose="Drøfter tiltak for klassen.")
    client.force_login(advisor)
    response = search_all(client, "ressursteamet")
    [hit] = response.context["hits"]
    assert hit.url == f"{reverse('documents:shared_plan', args=[neighbour.pk])}#arena-{arena.pk}"
    assert "Hadsel" in response.text
    # A reader of the own municipality is no advisor: the region's plans are not theirs to read.
    client.force_login(make_member(Membership.Role.READER, plan.municipality))
    assert search_all(client, "ressursteamet").context["hits"] == []


@postgresql_only
def test_a_coordinator_finds_the_regions_plans_and_a_unit_leader_only_their_municipalitys(client, plan):
    make_routine(plan, title="Skolevegring")
    other = make_plan(make_municipality(), title="Annen plan")
    make_routine(other, title="Skolevegring der")
    coordinator = make_member(Membership.Role.COORDINATOR, region=plan.municipality.region)
    leader = make_member(Membership.Role.UNIT_LEADER, unit=make_unit(plan.municipality))
    for user in (coordinator, leader):
        client.force_login(user)
        assert [hit.plan for hit in search_all(client, "skolevegring").context["hits"]] == [plan]


def test_bad_input_is_answered_next_to_the_field(client, advisor, plan):
    client.force_login(advisor)
    empty = search_plan(client, plan, "   ")
    assert empty.status_code == 400
    assert "Skriv ett eller flere ord" in empty.text
    too_long = search_all(client, "ord " * 100)
    assert too_long.status_code == 400 and too_long.context["hits"] is None
    odd = search_all(client, "!&|:*()<> ' \" -")
    assert odd.status_code == 200 and odd.context["hits"] == []
    opened = client.get(reverse("documents:search_all"))
    assert opened.status_code == 200 and opened.context["hits"] is None


def test_login_is_needed_and_another_municipalitys_plan_is_not_found(client, plan, outsider):
    assert client.get(reverse("documents:search_all"), {"q": "rutine"}).status_code == 302
    client.force_login(outsider)
    assert search_plan(client, plan, "rutine").status_code == 404


def test_without_postgresql_every_word_is_looked_up_as_typed(client, advisor, plan, monkeypatch):
    """The SQLite fallback, forced on whatever database runs the tests: icontains, no stemming."""
    monkeypatch.setattr(connection, "vendor", "sqlite")
    routine = make_routine(plan, title="Rutine for fravær", body="Kontaktlærer <b>ringer</b> hjem etter to dager.")
    make_routine(plan, title="Rutine for mobbing")
    client.force_login(advisor)
    response = search_plan(client, plan, "Fravær RINGER")
    [hit] = response.context["hits"]
    assert hit.part == routine
    assert str(hit.title) == "Rutine for <mark>fravær</mark>"
    assert "&lt;b&gt;<mark>ringer</mark>&lt;/b&gt;" in str(hit.snippet)
    assert search_plan(client, plan, "rutinene").context["hits"] == []


@pytest.mark.parametrize("size", [1, 25])
def test_the_number_of_queries_does_not_grow_with_the_plan(client, advisor, plan, size, django_assert_max_num_queries):
    actor = make_actor(plan, name="Rektor")
    for n in range(size):
        make_section(plan, title=f"Kapittel {n} om lesing")
        make_routine(plan, title=f"Rutine {n} om lesing")
        make_arena(plan, name=f"Arena {n}", purpose="Lesing")
        make_entry(plan, content=f"Lesing {n}")
        actor.duties.create(position=n, text=f"Følger opp lesing {n}")
    client.force_login(advisor)
    with django_assert_max_num_queries(12):
        assert len(search_plan(client, plan, "lesing").context["hits"]) == 5 * size
    with django_assert_max_num_queries(12):
        search_all(client, "lesing")


def test_only_the_marks_of_the_words_found_become_html():
    text = f"<i>a</i> {MARK_START}b{MARK_STOP} {MARK_STOP}c {MARK_START}d"
    assert marked_html(text) == "&lt;i&gt;a&lt;/i&gt; <mark>b</mark> c <mark>d</mark>"
