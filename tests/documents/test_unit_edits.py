"""A unit's own text for a unit-specific routine, and its local supplement to a common routine."""

import html
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from routines.models import Membership, Plan, Routine, UnitRoutineText
from tests.support.factories import make_member, make_municipality, make_plan, make_routine, make_unit, make_unit_text
from tests.support.forms import form_data
from tests.support.units import (
    ADVISOR,
    READER,
    leader_of,
    load_demo,
    make_unit_plan,
    unit_page_url,
    unit_test_settings,  # noqa: F401  (an autouse fixture)
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return make_unit_plan()


def edit_url(unit, routine):
    """The unit text editor as the unit's page links it: back to the routine on that page after saving."""
    back = unit_page_url(routine.plan, unit) + f"#routine-{routine.pk}"
    return reverse("routines:routine_unit_text", args=[routine.pk, unit.pk]) + "?" + urlencode({"next": back})


def test_the_old_editor_address_moved_permanently(client, setup):
    client.force_login(leader_of(setup.school))
    old = reverse("documents:unit_text_moved", args=[setup.school.pk, setup.own.pk])
    response = client.get(old)
    assert response.status_code == 301
    assert response.url == reverse("routines:routine_unit_text", args=[setup.own.pk, setup.school.pk])


def test_the_unit_page_links_the_editor_back_to_itself(client, setup):
    client.force_login(leader_of(setup.school))
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert html.escape(edit_url(setup.school, setup.own)) in page


def test_next_never_leads_to_another_site(client, setup):
    client.force_login(leader_of(setup.school))
    url = reverse("routines:routine_unit_text", args=[setup.own.pk, setup.school.pk]) + "?next=https://evil.example/"
    response = client.post(url, {"body": "Vår rutine", "status": "draft"})
    assert response.status_code == 302
    assert response.url == reverse("routines:routine_detail", args=[setup.own.pk])


def test_a_unit_leader_writes_their_units_first_text(client, setup):
    client.force_login(leader_of(setup.school))
    form = client.get(edit_url(setup.school, setup.own))
    assert form.status_code == 200
    assert 'for="id_body"' in form.text and "Our unit&#x27;s text" in form.text
    response = client.post(edit_url(setup.school, setup.own), {"body": "Vår rutine", "status": "draft"})
    assert response.status_code == 302
    assert response.url == unit_page_url(setup.plan, setup.school) + f"#routine-{setup.own.pk}"
    text = UnitRoutineText.objects.get(routine=setup.own, unit=setup.school)
    assert (text.body, text.status, text.version) == ("Vår rutine", "draft", 1)


def test_a_unit_leader_changes_their_text(client, setup):
    text = make_unit_text(setup.own, setup.school, body="Gammel", status="draft")
    client.force_login(leader_of(setup.school))
    response = client.post(
        edit_url(setup.school, setup.own), {"body": "Ny", "status": "done", "seen_version": text.version}
    )
    assert response.status_code == 302
    text.refresh_from_db()
    assert (text.body, text.status, text.version) == ("Ny", "done", 2)
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert "The unit&#x27;s text is saved." in page and "Status: Done" in page


def test_an_advisor_writes_any_units_text(client, setup):
    client.force_login(make_member(ADVISOR, setup.municipality))
    response = client.post(edit_url(setup.kindergarten, setup.own), {"body": "Rådgiverens utkast", "status": "draft"})
    assert response.status_code == 302
    assert UnitRoutineText.objects.get(unit=setup.kindergarten).body == "Rådgiverens utkast"


def test_a_local_supplement_where_the_routine_allows_one(client, setup):
    client.force_login(leader_of(setup.school))
    form = client.get(edit_url(setup.school, setup.common)).text
    assert "Our local supplement" in form and "Felles <strong>tekst</strong>" in form
    response = client.post(edit_url(setup.school, setup.common), {"body": "Hos oss", "status": "done"})
    assert response.status_code == 302
    assert UnitRoutineText.objects.get(routine=setup.common, unit=setup.school).body == "Hos oss"


def test_no_supplement_where_the_routine_allows_none(client, setup):
    client.force_login(leader_of(setup.school))
    assert client.get(edit_url(setup.school, setup.closed)).status_code == 404
    assert client.post(edit_url(setup.school, setup.closed), {"body": "x", "status": "done"}).status_code == 404
    assert not UnitRoutineText.objects.exists()


def test_bad_input_is_kept_with_the_error_next_to_the_field(client, setup):
    client.force_login(leader_of(setup.school))
    response = client.post(edit_url(setup.school, setup.own), {"body": "Teksten min", "status": "finished"})
    assert response.status_code == 400
    assert "Teksten min" in response.text
    error = response.text.split('id="id_status_error"')[1].split("</div>")[0]
    assert "finished" in error
    assert not UnitRoutineText.objects.exists()


def test_conflict_keeps_both_versions(client, setup):
    text = make_unit_text(setup.own, setup.school, body="Første", status="draft")
    seen = text.version
    text.body = "Kollegaens versjon"
    text.save()
    client.force_login(leader_of(setup.school))
    response = client.post(
        edit_url(setup.school, setup.own), {"body": "Min versjon", "status": "draft", "seen_version": seen}
    )
    assert response.status_code == 409
    assert "Min versjon" in response.text and "Kollegaens versjon" in response.text
    text.refresh_from_db()
    assert text.body == "Kollegaens versjon"
    merged = client.post(
        edit_url(setup.school, setup.own), {"body": "Flettet", "status": "done", "seen_version": text.version}
    )
    assert merged.status_code == 302


def test_a_first_text_written_meanwhile_is_a_conflict(client, setup):
    client.force_login(leader_of(setup.school))
    make_unit_text(setup.own, setup.school, body="Kom først")
    response = client.post(edit_url(setup.school, setup.own), {"body": "Min", "status": "draft", "seen_version": ""})
    assert response.status_code == 409
    assert UnitRoutineText.objects.get().body == "Kom først"


def test_another_units_edit_url_is_404_for_a_unit_leader(client, setup):
    client.force_login(leader_of(setup.school))
    assert client.get(edit_url(setup.kindergarten, setup.own)).status_code == 404
    assert client.post(edit_url(setup.kindergarten, setup.own), {"body": "x", "status": "done"}).status_code == 404


def test_a_reader_gets_403(client, setup):
    client.force_login(make_member(READER, setup.municipality))
    assert client.post(edit_url(setup.school, setup.own), {"body": "x", "status": "done"}).status_code == 403
    assert client.get(edit_url(setup.school, setup.own)).status_code == 403
    assert not UnitRoutineText.objects.exists()


def test_a_reader_here_who_leads_a_unit_elsewhere_gets_403(client, setup):
    user = leader_of(make_unit())
    make_member(READER, setup.municipality, user=user)
    client.force_login(user)
    assert client.post(edit_url(setup.school, setup.own), {"body": "x", "status": "done"}).status_code == 403


def test_a_regional_coordinator_reads_but_gets_403_on_edit(client, setup):
    client.force_login(make_member(Membership.Role.COORDINATOR, region=setup.municipality.region))
    assert client.get(unit_page_url(setup.plan, setup.school)).status_code == 200
    assert client.post(edit_url(setup.school, setup.own), {"body": "x", "status": "done"}).status_code == 403


def test_another_municipality_is_404(client, setup):
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.post(edit_url(setup.school, setup.own), {"body": "x", "status": "done"}).status_code == 404


def test_a_routine_of_another_municipality_is_404_with_ones_own_unit(client, setup):
    foreign = make_routine(make_plan(), scope=Routine.Scope.UNIT)
    client.force_login(leader_of(setup.school))
    assert client.get(edit_url(setup.school, foreign)).status_code == 404


def test_editing_needs_login(client, setup):
    response = client.get(edit_url(setup.school, setup.own))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_demo_unit_leader_writes_a_routine_text(client):
    demo = load_demo()
    routine = demo.plan.routines.get(title="BTI nivå 2–3: rutiner og ansvarsfordeling")
    client.force_login(demo.rektor)
    response = client.post(
        edit_url(demo.school, routine), {"body": "Slik gjør vi det på barneskolen", "status": "draft"}
    )
    assert response.status_code == 302
    page = client.get(unit_page_url(demo.plan, demo.school)).text
    assert "Slik gjør vi det på barneskolen" in page


# -- the model rule behind the supplement ---------------------------------------------------------


def test_a_supplement_needs_a_common_routine_that_allows_one():
    unit = make_unit()
    plan = make_plan(unit.municipality)
    allowing = make_routine(plan, allows_local_supplement=True)
    UnitRoutineText(routine=allowing, unit=unit, body="Tillegg").full_clean()
    with pytest.raises(ValidationError, match="allow a local supplement"):
        UnitRoutineText(routine=make_routine(plan), unit=unit, body="x").full_clean()


def test_only_common_routines_allow_a_supplement():
    routine = make_routine(scope=Routine.Scope.UNIT, allows_local_supplement=False)
    routine.allows_local_supplement = True
    with pytest.raises(ValidationError) as error:
        routine.full_clean()
    assert "allows_local_supplement" in error.value.message_dict


# -- the advisor decides: supplements per routine, actors for the unit pages ---------------------


def edit_routine(client, routine, **changes):
    url = reverse("routines:routine_edit", args=[routine.pk])
    data = form_data(client.get(url), "title")
    data.update(changes)
    return client.post(url, data)


def test_the_advisor_lets_units_add_a_supplement(client, setup):
    client.force_login(make_member(ADVISOR, setup.municipality))
    assert edit_routine(client, setup.closed, allows_local_supplement="on").status_code == 302
    setup.closed.refresh_from_db()
    assert setup.closed.allows_local_supplement


def test_a_unit_specific_routine_takes_no_supplement(client, setup):
    client.force_login(make_member(ADVISOR, setup.municipality))
    response = edit_routine(client, setup.own, allows_local_supplement="on")
    assert response.status_code == 400
    assert 'id="error_1_id_allows_local_supplement"' in response.text


def test_supplements_keep_a_routine_common(client, setup):
    make_unit_text(setup.common, setup.school, body="Tillegg")
    client.force_login(make_member(ADVISOR, setup.municipality))
    assert edit_routine(client, setup.common, title="Nytt navn").status_code == 302
    response = edit_routine(client, setup.common, scope="unit")
    assert response.status_code == 400 and "stays common while they exist" in response.text
    setup.common.refresh_from_db()
    assert setup.common.scope == Routine.Scope.COMMON and setup.common.title == "Nytt navn"


def test_the_advisor_marks_an_actor_for_the_unit_pages(client, setup):
    actor = setup.plan.actors.get(name="Kommunedirektør")
    client.force_login(make_member(ADVISOR, setup.municipality))
    url = reverse("routines:actor_edit", args=[actor.pk])
    data = form_data(client.get(url), "name")
    data["applies_to_units"] = "on"
    assert client.post(url, data).status_code == 302
    actor.refresh_from_db()
    assert actor.applies_to_units


def test_the_advisor_marks_an_entry_for_municipal_units_only(client, setup):
    entry = setup.plan.progress_entries.get(content="Felles styrermøte")
    client.force_login(make_member(ADVISOR, setup.municipality))
    url = reverse("meetings:entry_edit", args=[entry.pk])
    page = client.get(url)
    assert "Municipal and private units" in page.text
    data = form_data(page, "content")
    data["unit_owner"] = "municipal"
    assert client.post(url, data).status_code == 302
    private_page = client.get(unit_page_url(setup.plan, setup.private_kindergarten)).text
    assert "Felles styrermøte" not in private_page


# -- the unit's own part lives on in an approved plan, until it is archived ---------------------


def test_a_unit_leader_writes_the_units_part_of_an_approved_plan(client):
    setup = make_unit_plan(status=Plan.Status.APPROVED)
    leader = leader_of(setup.school)
    client.force_login(leader)
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert html.escape(edit_url(setup.school, setup.own)) in page
    assert client.get(edit_url(setup.school, setup.own)).status_code == 200
    response = client.post(edit_url(setup.school, setup.common), {"body": "Vårt tillegg", "status": "done"})
    assert response.status_code == 302
    text = UnitRoutineText.objects.get(routine=setup.common, unit=setup.school)
    assert text.body == "Vårt tillegg"
    assert text.history.get().history_user == leader


def test_an_archived_plans_unit_texts_are_frozen_with_a_way_back(client):
    setup = make_unit_plan(status=Plan.Status.ARCHIVED)
    client.force_login(leader_of(setup.school))
    page = client.get(unit_page_url(setup.plan, setup.school)).text
    assert edit_url(setup.school, setup.own) not in page and "archived" in page
    refused = client.get(edit_url(setup.school, setup.own))
    assert refused.status_code == 403 and reverse("documents:plan_detail", args=[setup.plan.pk]) in refused.text
    assert client.post(edit_url(setup.school, setup.common), {"body": "x", "status": "done"}).status_code == 403
    assert not UnitRoutineText.objects.exists()
