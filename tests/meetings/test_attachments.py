"""Links and attached files on meeting arenas and regional gatherings: adding, checking, downloading, deleting."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import ArenaAttachment, Gathering, GatheringAttachment
from routines import attachments
from routines.models import Membership, Plan
from tests.support.attachments import assert_safe_download, link_targets
from tests.support.factories import PDF_BYTES, make_arena, make_attachment, make_member, make_region

pytestmark = pytest.mark.django_db

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00 a Windows program"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def upload(data, name="mandat.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def arena_create_url(arena):
    return reverse("meetings:arena_attachment_create", args=[arena.pk])


# Arenas


def test_an_advisor_attaches_an_arenas_mandate_and_a_reader_downloads_it(client, plan, advisor, reader):
    arena = make_arena(plan, name="SKUT")
    client.force_login(advisor)
    assert client.get(arena_create_url(arena)).status_code == 200
    response = client.post(
        arena_create_url(arena),
        {"title": "Mandat for SKUT", "url": "", "upload": upload(PDF_BYTES, "../Mandat SKUT.pdf")},
    )
    assert response.status_code == 302 and response.url.endswith(f"#arena-{arena.pk}")
    attachment = ArenaAttachment.objects.get()
    assert (attachment.file_name, attachment.kind, attachment.arena) == ("Mandat_SKUT.pdf", "pdf", arena)
    assert attachment.sha256 == attachments.checksum(PDF_BYTES)
    assert attachment.file.name.startswith("attachments/") and "Mandat" not in attachment.file.name
    page = client.get(reverse("meetings:arena_list", args=[plan.pk])).text
    assert "Mandat for SKUT" in page and attachment.get_absolute_url() in page
    assert reverse("meetings:arena_attachment_delete", args=[attachment.pk]) in page

    client.force_login(reader)
    page = client.get(reverse("meetings:arena_list", args=[plan.pk])).text
    assert attachment.get_absolute_url() in page
    assert reverse("meetings:arena_attachment_delete", args=[attachment.pk]) not in page
    assert_safe_download(client.get(attachment.get_absolute_url()), PDF_BYTES, "Mandat_SKUT.pdf")


def test_an_advisor_links_an_arena_to_a_page(client, plan, advisor):
    arena = make_arena(plan)
    client.force_login(advisor)
    response = client.post(arena_create_url(arena), {"title": "Udir om team", "url": "https://www.udir.no/team"})
    assert response.status_code == 302
    assert ArenaAttachment.objects.get().url == "https://www.udir.no/team"
    page = client.get(reverse("meetings:arena_list", args=[plan.pk])).text
    assert '<a href="https://www.udir.no/team">Udir om team</a>' in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"upload": upload(PROGRAM, "skjema.pdf")}, "upload", "This kind of file cannot be attached"),
        ({"url": "javascript:alert(1)"}, "url", "https://"),
        ({}, "upload", "Choose a file to upload, or give a web address."),
    ],
)
def test_bad_input_on_an_arena_is_explained_and_the_title_kept(client, plan, advisor, data, field, message):
    arena = make_arena(plan)
    client.force_login(advisor)
    response = client.post(arena_create_url(arena), {"title": "Henvisningsskjema", "url": "", **data})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert 'value="Henvisningsskjema"' in response.text
    assert not ArenaAttachment.objects.exists()


def test_an_over_size_file_on_an_arena_is_refused(client, plan, advisor, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    arena = make_arena(plan)
    client.force_login(advisor)
    big = PDF_BYTES + b"\0" * (1024 * 1024)
    response = client.post(arena_create_url(arena), {"title": "Stor", "url": "", "upload": upload(big)})
    assert response.status_code == 400
    assert "The file is too large: at most 1 MB." in response.context["form"].errors["upload"]
    assert not ArenaAttachment.objects.exists()


def test_another_municipalitys_arena_file_is_not_found(client, plan, outsider):
    attachment = make_attachment(make_arena(plan))
    client.force_login(outsider)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.post(reverse("meetings:arena_attachment_delete", args=[attachment.pk])).status_code == 404
    response = client.post(arena_create_url(attachment.arena), {"title": "x", "url": "https://x.no"})
    assert response.status_code == 404


def test_a_reader_downloads_an_arena_file_but_neither_adds_nor_deletes(client, plan, reader):
    attachment = make_attachment(make_arena(plan))
    client.force_login(reader)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    assert client.post(reverse("meetings:arena_attachment_delete", args=[attachment.pk])).status_code == 403
    assert client.post(arena_create_url(attachment.arena), {"title": "x", "url": "https://x.no"}).status_code == 403
    assert ArenaAttachment.objects.count() == 1


def test_an_approved_plans_arena_files_stay_as_approved(client, plan, advisor):
    attachment = make_attachment(make_arena(plan))
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    client.force_login(advisor)
    assert client.post(reverse("meetings:arena_attachment_delete", args=[attachment.pk])).status_code == 403
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_deleting_an_arenas_file_removes_it_from_the_storage_after_the_commit(
    client, plan, advisor, django_capture_on_commit_callbacks
):
    attachment = make_attachment(make_arena(plan), title="Gammelt mandat")
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(advisor)
    url = reverse("meetings:arena_attachment_delete", args=[attachment.pk])
    assert "Gammelt mandat" in client.get(url).text
    with django_capture_on_commit_callbacks() as callbacks:
        assert client.post(url).status_code == 302
    assert storage.exists(name)  # not before the commit
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
    assert not ArenaAttachment.objects.exists()


def test_the_unit_page_shows_an_arenas_links_and_files(client, plan, unit, unit_leader):
    arena = make_arena(plan, name="Ressursteam")
    attachment = make_attachment(arena, title="Henvisningsskjema ressursteam")
    make_attachment(arena, title="Udir om ressursteam", url="https://www.udir.no/ressursteam")
    client.force_login(unit_leader)
    page = client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).text
    assert f'href="{attachment.get_absolute_url()}"' in page and "Henvisningsskjema ressursteam" in page
    assert '<a href="https://www.udir.no/ressursteam">Udir om ressursteam</a>' in page
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_the_reading_and_public_pages_show_an_arenas_files(client, plan, reader):
    attachment = make_attachment(make_arena(plan, name="Ressursteam"), title="Mandat for ressursteamet")
    client.force_login(reader)
    page = client.get(reverse("documents:plan_read", args=[plan.pk])).text
    assert "Mandat for ressursteamet" in page and attachment.get_absolute_url() in page
    client.logout()
    public = reverse("documents:public_attachment", args=["sortland", "arena", attachment.pk])
    assert client.get(public).status_code == 404  # not published yet
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, published=True, public_slug="sortland")
    page = client.get(reverse("documents:public_plan", args=["sortland"])).text
    assert "Mandat for ressursteamet" in page and public in page
    assert_safe_download(client.get(public), PDF_BYTES, "mandat.pdf")


# Gatherings


@pytest.fixture
def gathering(municipality):
    return Gathering.objects.create(
        region=municipality.region, title="Samling om støttesystem", date=datetime.date(2025, 3, 21)
    )


def gathering_create_url(gathering):
    return reverse("meetings:gathering_attachment_create", args=[gathering.pk])


def test_a_coordinator_attaches_a_file_and_the_regions_members_download_it(client, gathering, coordinator, reader):
    client.force_login(coordinator)
    assert client.get(gathering_create_url(gathering)).status_code == 200
    response = client.post(
        gathering_create_url(gathering),
        {"title": "Mal for forarbeid", "url": "", "upload": upload(PDF_BYTES, "Mal forarbeid.pdf")},
    )
    assert response.status_code == 302 and response.url == gathering.get_absolute_url() + "#attachments"
    attachment = GatheringAttachment.objects.get()
    page = client.get(gathering.get_absolute_url()).text
    assert "Mal for forarbeid" in page and attachment.get_absolute_url() in page
    assert reverse("meetings:gathering_attachment_delete", args=[attachment.pk]) in page

    client.force_login(reader)
    page = client.get(gathering.get_absolute_url()).text
    assert attachment.get_absolute_url() in page
    assert reverse("meetings:gathering_attachment_delete", args=[attachment.pk]) not in page
    assert_safe_download(client.get(attachment.get_absolute_url()), PDF_BYTES, "Mal_forarbeid.pdf")


def test_a_coordinator_links_a_gathering_to_a_page(client, gathering, coordinator):
    client.force_login(coordinator)
    response = client.post(
        gathering_create_url(gathering), {"title": "Kompetansepakken", "url": "https://www.udir.no/pakke"}
    )
    assert response.status_code == 302
    page = client.get(gathering.get_absolute_url()).text
    assert '<a href="https://www.udir.no/pakke">Kompetansepakken</a>' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"upload": upload(PROGRAM, "program.pdf")}, "This kind of file cannot be attached"),
        ({"upload": upload(PDF_BYTES + b"\0" * (1024 * 1024))}, "The file is too large: at most 1 MB."),
    ],
)
def test_a_gathering_refuses_a_program_and_an_over_size_file(client, gathering, coordinator, settings, data, message):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    client.force_login(coordinator)
    response = client.post(gathering_create_url(gathering), {"title": "Presentasjon", "url": "", **data})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors["upload"])
    assert 'value="Presentasjon"' in response.text
    assert not GatheringAttachment.objects.exists()


def test_another_regions_user_finds_no_gathering_file(client, gathering, outsider):
    attachment = make_attachment(gathering)
    client.force_login(outsider)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.post(reverse("meetings:gathering_attachment_delete", args=[attachment.pk])).status_code == 404
    assert client.post(gathering_create_url(gathering), {"title": "x", "url": "https://x.no"}).status_code == 404


def test_another_regions_coordinator_finds_no_gathering_file(client, gathering):
    other = make_member(Membership.Role.COORDINATOR, region=make_region())
    attachment = make_attachment(gathering)
    client.force_login(other)
    assert client.get(attachment.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["reader", "advisor"])
def test_the_regions_municipalities_read_but_neither_add_nor_delete(client, gathering, request, role):
    attachment = make_attachment(gathering)
    client.force_login(request.getfixturevalue(role))
    assert client.get(attachment.get_absolute_url()).status_code == 200
    assert client.post(reverse("meetings:gathering_attachment_delete", args=[attachment.pk])).status_code == 403
    assert client.post(gathering_create_url(gathering), {"title": "x", "url": "https://x.no"}).status_code == 403
    assert GatheringAttachment.objects.count() == 1


def test_a_coordinator_deletes_a_gathering_file_after_confirming(client, gathering, coordinator):
    attachment = make_attachment(gathering, title="Fjorårets presentasjon")
    client.force_login(coordinator)
    url = reverse("meetings:gathering_attachment_delete", args=[attachment.pk])
    assert "Fjorårets presentasjon" in client.get(url).text
    assert client.post(url).status_code == 302
    assert not GatheringAttachment.objects.exists()


@pytest.mark.pdf
def test_the_programme_pdf_lists_the_files_and_links_live(client, gathering, reader, settings):
    settings.SITE_URL = "https://kibs.example.no"
    attachment = make_attachment(gathering, title="Mal for rutinebeskrivelse")
    make_attachment(gathering, title="Mellomarbeid modul 5", url="https://www.udir.no/modul-5")
    client.force_login(reader)
    response = client.get(reverse("meetings:gathering_pdf", args=[gathering.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf_reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf_reader.pages)
    assert "Mal for rutinebeskrivelse (PDF, 1 kB)" in text and "Mellomarbeid modul 5" in text
    targets = link_targets(pdf_reader)
    assert "https://www.udir.no/modul-5" in targets
    assert f"https://kibs.example.no{attachment.get_absolute_url()}" in targets


@pytest.mark.pdf
def test_the_unit_pdf_lists_an_arenas_files_as_live_links(client, plan, unit, unit_leader, settings):
    settings.SITE_URL = "https://kibs.example.no"
    arena = make_arena(plan, name="Ressursteam")
    attachment = make_attachment(arena, title="Henvisningsskjema ressursteam")
    make_attachment(arena, title="Udir om ressursteam", url="https://www.udir.no/ressursteam")
    client.force_login(unit_leader)
    response = client.get(reverse("documents:unit_pdf", args=[plan.pk, unit.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf_reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf_reader.pages)
    assert "Henvisningsskjema ressursteam" in text and "Udir om ressursteam" in text
    targets = link_targets(pdf_reader)
    assert "https://www.udir.no/ressursteam" in targets
    assert f"https://kibs.example.no{attachment.get_absolute_url()}" in targets
