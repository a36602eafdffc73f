"""Regional gatherings: coordinators plan, the region's municipalities read and send pre-work."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import AgendaItem, Gathering, GroupWork, GroupWorkStep, PreworkNote, WorkGroup
from meetings.programme import programme_pdf_name
from routines.models import Membership
from tests.support.factories import make_member, make_municipality, make_region, make_unit, make_user
from tests.support.worker import rendering_elsewhere

pytestmark = pytest.mark.django_db

ADVISOR, READER, COORDINATOR = Membership.Role.ADVISOR, Membership.Role.READER, Membership.Role.COORDINATOR


@pytest.fixture
def region():
    return make_region(name="Kongsbergregionen")


@pytest.fixture
def gathering(region):
    return Gathering.objects.create(region=region, title="Samling om støttesystem", date=datetime.date(2025, 3, 21))


@pytest.fixture
def coordinator(region):
    return make_member(COORDINATOR, region=region)


@pytest.fixture
def municipality(region):
    return make_municipality(region=region, name="Kongsberg kommune")


def gathering_data(**changes):
    data = {
        "title": "Samling 2",
        "date": "2025-05-02",
        "starts_at": "08:30",
        "ends_at": "14:30",
        "place": "Lampeland",
        "audience": "",
        "theme": "",
        "description": "",
        "organisation": "",
        "prework": "",
        "prework_deadline": "",
        "prework_send_to": "",
        "organiser": "",
        "note": "",
    }
    return {**data, **changes}


def test_coordinator_creates_a_gathering(client, region, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("meetings:gathering_create", args=[region.pk]), gathering_data())
    gathering = Gathering.objects.get(title="Samling 2")
    assert response.status_code == 302 and response.url == gathering.get_absolute_url()
    assert gathering.region == region and gathering.starts_at == datetime.time(8, 30)


@pytest.mark.parametrize(
    "changes",
    [{"title": ""}, {"date": "21.13.2025"}, {"ends_at": "08:00"}, {"starts_at": ""}, {"prework_send_to": "x"}],
)
def test_bad_gathering_input_is_400(client, region, coordinator, changes):
    client.force_login(coordinator)
    response = client.post(reverse("meetings:gathering_create", args=[region.pk]), gathering_data(**changes))
    assert response.status_code == 400
    assert not Gathering.objects.filter(title="Samling 2").exists()


def test_coordinator_edits_and_a_stale_form_is_a_conflict(client, gathering, coordinator):
    client.force_login(coordinator)
    url = reverse("meetings:gathering_edit", args=[gathering.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, gathering_data(title="Nytt navn", seen_version=gathering.version))
    assert response.status_code == 302
    response = client.post(url, gathering_data(title="Gammelt skjema", seen_version=gathering.version))
    assert response.status_code == 409
    gathering.refresh_from_db()
    assert gathering.title == "Nytt navn"


def test_coordinator_deletes_after_confirming(client, gathering, coordinator):
    client.force_login(coordinator)
    url = reverse("meetings:gathering_delete", args=[gathering.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Gathering.objects.exists()


def test_members_of_the_region_read_but_do_not_plan(client, region, gathering, municipality):
    client.force_login(make_member(READER, municipality))
    assert client.get(reverse("meetings:gathering_detail", args=[gathering.pk])).status_code == 200
    assert gathering.title in client.get(reverse("meetings:gathering_list")).text
    assert client.get(reverse("meetings:gathering_edit", args=[gathering.pk])).status_code == 403
    assert client.post(reverse("meetings:gathering_delete", args=[gathering.pk])).status_code == 403
    assert client.post(reverse("meetings:gathering_create", args=[region.pk]), gathering_data()).status_code == 403
    assert client.get(reverse("meetings:agenda_item_create", args=[gathering.pk])).status_code == 403
    unit_leader = make_member(Membership.Role.UNIT_LEADER, unit=make_unit(municipality))
    client.force_login(unit_leader)
    assert client.get(reverse("meetings:gathering_detail", args=[gathering.pk])).status_code == 200


def test_outside_the_region_everything_is_404(client, region, gathering):
    for user in [
        make_member(ADVISOR, make_municipality()),
        make_member(COORDINATOR, region=make_region()),
        make_user(),
    ]:
        client.force_login(user)
        assert client.get(reverse("meetings:gathering_detail", args=[gathering.pk])).status_code == 404
        assert client.get(reverse("meetings:gathering_pdf", args=[gathering.pk])).status_code == 404
        assert client.get(reverse("meetings:gathering_edit", args=[gathering.pk])).status_code == 404
        assert client.get(reverse("meetings:gathering_create", args=[region.pk])).status_code == 404
        assert gathering.title not in client.get(reverse("meetings:gathering_list")).text


def test_gathering_pages_need_login(client, region, gathering):
    for url in [
        reverse("meetings:gathering_list"),
        reverse("meetings:gathering_detail", args=[gathering.pk]),
        reverse("meetings:gathering_pdf", args=[gathering.pk]),
        reverse("meetings:gathering_create", args=[region.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_coordinator_builds_the_agenda_and_group_work(client, gathering, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:agenda_item_create", args=[gathering.pk]),
        {"starts_at": "09:45", "ends_at": "10:45", "title": "Læringskaravane", "presenter": "", "description": ""},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    response = client.post(
        reverse("meetings:group_work_create", args=[gathering.pk]),
        {"title": "Læringskaravane", "agenda_item": item.pk, "instructions": "Velg ordstyrer", "purpose": ""},
    )
    assert response.status_code == 302
    work = GroupWork.objects.get()
    for text in ["Kommunen presenterer", "Utdypende spørsmål"]:
        client.post(reverse("meetings:group_work_step_create", args=[work.pk]), {"text": text})
    client.post(
        reverse("meetings:work_group_create", args=[work.pk]),
        {"name": "Gruppe 1", "municipalities": [municipality.pk], "chair": "Kari", "time_keeper": "Ola"},
    )
    first, second = work.steps.all()
    assert (
        client.post(reverse("meetings:group_work_step_move", args=[second.pk]), {"direction": "up"}).status_code == 302
    )
    assert [step.text for step in work.steps.all()] == ["Utdypende spørsmål", "Kommunen presenterer"]
    text = client.get(gathering.get_absolute_url()).text
    assert "Læringskaravane" in text and "Velg ordstyrer" in text and "Kari" in text and "Kongsberg kommune" in text


def test_agenda_and_group_work_reject_bad_input(client, gathering, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:agenda_item_create", args=[gathering.pk]),
        {"starts_at": "10:00", "ends_at": "09:00", "title": "Baklengs"},
    )
    assert response.status_code == 400
    other_item = AgendaItem.objects.create(
        gathering=Gathering.objects.create(region=gathering.region, title="Annen", date=datetime.date(2025, 6, 1)),
        starts_at=datetime.time(9),
        title="Annen samlings punkt",
    )
    response = client.post(
        reverse("meetings:group_work_create", args=[gathering.pk]),
        {"title": "Gruppearbeid", "agenda_item": other_item.pk},
    )
    assert response.status_code == 400
    work = GroupWork.objects.create(gathering=gathering, title="Gruppearbeid")
    step = GroupWorkStep.objects.create(group_work=work, text="Steg")
    assert (
        client.post(reverse("meetings:group_work_step_move", args=[step.pk]), {"direction": "sideways"}).status_code
        == 302
    )
    response = client.post(
        reverse("meetings:work_group_create", args=[work.pk]),
        {"name": "Gruppe 1", "municipalities": [make_municipality().pk]},  # not in the region
    )
    assert response.status_code == 400
    assert not WorkGroup.objects.exists()


def test_parts_of_another_regions_gathering_are_404(client, gathering, coordinator):
    elsewhere = Gathering.objects.create(region=make_region(), title="Vesterålen", date=datetime.date(2025, 1, 1))
    item = AgendaItem.objects.create(gathering=elsewhere, starts_at=datetime.time(9), title="Velkommen")
    work = GroupWork.objects.create(gathering=elsewhere, title="Gruppearbeid")
    step = GroupWorkStep.objects.create(group_work=work, text="Steg")
    client.force_login(coordinator)
    assert client.get(reverse("meetings:agenda_item_edit", args=[item.pk])).status_code == 404
    assert client.post(reverse("meetings:agenda_item_delete", args=[item.pk])).status_code == 404
    assert client.get(reverse("meetings:group_work_step_create", args=[work.pk])).status_code == 404
    assert client.post(reverse("meetings:group_work_step_move", args=[step.pk]), {"direction": "up"}).status_code == 404
    assert client.get(reverse("meetings:agenda_item_create", args=[elsewhere.pk])).status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_part_edit_and_delete(client, gathering, coordinator):
    item = AgendaItem.objects.create(gathering=gathering, starts_at=datetime.time(9), title="Velkommen")
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:agenda_item_edit", args=[item.pk]),
        {"starts_at": "08:30", "title": "VELKOMMEN", "seen_version": item.version},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "VELKOMMEN" and item.starts_at == datetime.time(8, 30)
    assert client.post(reverse("meetings:agenda_item_delete", args=[item.pk])).status_code == 302
    assert not AgendaItem.objects.exists()


def test_advisor_writes_the_municipalitys_prework_note_once(client, gathering, municipality, coordinator):
    advisor = make_member(ADVISOR, municipality)
    client.force_login(advisor)
    url = reverse("meetings:prework_note_edit", args=[gathering.pk, municipality.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "Vi har kommet langt."}).status_code == 302
    note = PreworkNote.objects.get()
    assert client.post(url, {"text": "Vi har kommet lenger.", "seen_version": note.version}).status_code == 302
    note = PreworkNote.objects.get()
    assert note.text == "Vi har kommet lenger." and note.author == advisor
    assert client.post(url, {"text": "", "seen_version": note.version}).status_code == 400
    client.force_login(coordinator)
    assert "Vi har kommet lenger." in client.get(gathering.get_absolute_url()).text


def test_prework_note_access(client, gathering, municipality):
    url = reverse("meetings:prework_note_edit", args=[gathering.pk, municipality.pk])
    PreworkNote.objects.create(gathering=gathering, municipality=municipality, text="Hemmelig forarbeid")
    client.force_login(make_member(READER, municipality))
    assert client.get(url).status_code == 403
    assert "Hemmelig forarbeid" in client.get(gathering.get_absolute_url()).text
    neighbour = make_municipality(region=gathering.region)
    client.force_login(make_member(ADVISOR, neighbour))
    assert client.get(url).status_code == 404  # another municipality's note
    assert "Hemmelig forarbeid" not in client.get(gathering.get_absolute_url()).text
    client.force_login(make_member(COORDINATOR, region=gathering.region))
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(make_member(ADVISOR, make_municipality()))
    assert client.get(url).status_code == 404


def test_demo_gathering_is_loaded_verbatim_and_idempotently():
    call_command("load_demo_gatherings", stdout=io.StringIO())
    call_command("load_demo_gatherings", stdout=io.StringIO())
    gathering = Gathering.objects.get()
    assert gathering.region.slug == "kongsbergregionen"
    assert gathering.date == datetime.date(2025, 3, 21) and gathering.place == "Lampeland"
    assert gathering.prework_deadline == datetime.date(2025, 3, 14)
    assert gathering.prework_send_to == "line.berget.hedegart@kongsbergregionen.no"
    agenda = list(gathering.agenda_items.all())
    assert len(agenda) == 9
    assert (agenda[0].title, agenda[1].presenter) == ("VELKOMMEN", "Anne Therese Bruserud og Anne Lise Landsverk")
    assert agenda[-1].title == "Takk for i dag :-)"
    work = GroupWork.objects.get()
    assert work.agenda_item.starts_at == datetime.time(9, 45)
    assert [step.text[:30] for step in work.steps.all()] == [
        "Kommunen presenterer hvor lang",
        "Utdypende spørsmål fra de andr",
        "Gruppemedlemmene bruker rundep",
        "Kommunen gir tilbakemelding ti",
    ]


@pytest.mark.pdf
def test_programme_pdf(client):
    call_command("load_demo_gatherings", stdout=io.StringIO())
    gathering = Gathering.objects.get()
    client.force_login(make_member(COORDINATOR, region=gathering.region))
    response = client.get(reverse("meetings:gathering_pdf", args=[gathering.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    text = "".join(pages)
    assert "Støttesystemer for barnehageeiere" in text and "VELKOMMEN" in text and "Lampeland" in text
    assert "Rediger" not in text and "Edit" not in text
    # The region and the date on every page, in the header and the footer.
    assert len(pages) > 1
    for page in pages:
        assert page.count("Kongsbergregionen · 21. mars 2025") >= 2, page[:200]


@pytest.mark.pdf
def test_programme_pdf_is_tagged_stored_and_waits_for_a_busy_renderer(client):
    call_command("load_demo_gatherings", stdout=io.StringIO())
    gathering = Gathering.objects.get()
    client.force_login(make_member(COORDINATOR, region=gathering.region))
    url = reverse("meetings:gathering_pdf", args=[gathering.pk])
    with rendering_elsewhere(programme_pdf_name(gathering, "nb")):
        busy = client.get(url)
    assert busy.status_code == 503 and gathering.get_absolute_url() in busy.text
    response = client.get(url)
    reader = PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.trailer["/Root"]["/Lang"] == "nb"
    assert reader.metadata.title.startswith(gathering.title)
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_programme_page_prints_without_editing_controls(client):
    call_command("load_demo_gatherings", stdout=io.StringIO())
    gathering = Gathering.objects.get()
    client.force_login(make_member(COORDINATOR, region=gathering.region))
    text = client.get(gathering.get_absolute_url()).text
    assert text.count("<h1") == 1
    assert 'class="no-print' in text  # the editing controls are hidden in print
    assert "Kommunen presenterer hvor langt de har kommet" in text
