"""Links and attached files on routines and sections: adding, checking, downloading, deleting."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from routines import attachments
from routines.models import Plan, RoutineAttachment, SectionAttachment
from tests.support.factories import PDF_BYTES, make_attachment, make_routine, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def office_file(inner):
    return zip_file({"[Content_Types].xml": "<Types/>", f"{inner}/document.xml": "<x/>"})


def odt_file():
    return zip_file({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})


def zip_file(members):
    # A fixed date in every entry: the bytes are parameters of a test, so they name it, and each pytest-xdist
    # worker must collect the same names (zipfile would stamp the time of collection, in 2-second steps).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF_BYTES, "pdf"),
        (b"\x89PNG\r\n\x1a\n\0\0", "png"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "jpeg"),
        (office_file("word"), "docx"),
        (office_file("xl"), "xlsx"),
        (odt_file(), "odt"),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program
        (office_file("other"), None),  # a zip that is no office document
        (b"PK\x03\x04 not really a zip", None),
        (b"<html><script>alert(1)</script>", None),
    ],
)
def test_the_content_decides_the_kind(data, kind):
    assert attachments.sniff(data) == kind


@pytest.mark.parametrize(
    ("name", "kind", "safe"),
    [
        ("Mandat for SKUT.pdf", "pdf", "Mandat_for_SKUT.pdf"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Årshjul.PNG", "png", "Årshjul.png"),
        ("skjema.docx", "pdf", "skjema.docx.pdf"),
        ("..", "jpeg", "vedlegg.jpg"),
    ],
)
def test_a_download_gets_a_safe_name_that_fits_its_content(name, kind, safe):
    assert attachments.safe_file_name(name, kind) == safe


def create_url(routine):
    return reverse("routines:routine_attachment_create", args=[routine.pk])


def upload(data, name="mandat.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_an_advisor_attaches_a_file_and_anyone_of_the_municipality_downloads_it(client, plan, advisor, reader):
    routine = make_routine(plan, title="Overgang barnehage–skole")
    client.force_login(advisor)
    assert client.get(create_url(routine)).status_code == 200
    response = client.post(
        create_url(routine), {"title": "Mandat", "url": "", "upload": upload(PDF_BYTES, "Mandat SKUT.pdf")}
    )
    assert response.status_code == 302
    attachment = RoutineAttachment.objects.get()
    assert (attachment.title, attachment.file_name, attachment.kind) == ("Mandat", "Mandat_SKUT.pdf", "pdf")
    assert attachment.sha256 == attachments.checksum(PDF_BYTES) and attachment.size == len(PDF_BYTES)
    assert attachment.file.name.startswith("attachments/") and "Mandat" not in attachment.file.name
    page = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert "Mandat" in page and attachment.get_absolute_url() in page

    client.force_login(reader)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Mandat_SKUT.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_advisor_adds_a_link(client, plan, advisor):
    routine = make_routine(plan)
    client.force_login(advisor)
    response = client.post(create_url(routine), {"title": "Udir: inkluderende praksis", "url": "https://www.udir.no/"})
    assert response.status_code == 302
    attachment = RoutineAttachment.objects.get()
    assert (attachment.url, attachment.is_file) == ("https://www.udir.no/", False)
    page = client.get(reverse("routines:routine_detail", args=[routine.pk])).text
    assert '<a href="https://www.udir.no/">Udir: inkluderende praksis</a>' in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"url": "javascript:alert(1)"}, "url", "https://"),
        ({"url": "ftp://example.org/x.pdf"}, "url", "https://"),
        ({"upload": upload(b"MZ\x90\x00 program", "skjema.pdf")}, "upload", "This kind of file cannot be attached"),
        ({}, "upload", "Choose a file to upload, or give a web address."),
        ({"url": "https://udir.no", "upload": upload(PDF_BYTES)}, "url", "not both"),
        ({"upload": upload(b"", "tom.pdf")}, "upload", "empty"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_the_title_kept(client, plan, advisor, data, field, message):
    routine = make_routine(plan)
    client.force_login(advisor)
    response = client.post(create_url(routine), {"title": "Skjema for bekymring", "url": "", **data})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert 'value="Skjema for bekymring"' in response.text
    assert not RoutineAttachment.objects.exists()


def test_an_over_size_file_is_refused(client, plan, advisor, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    routine = make_routine(plan)
    client.force_login(advisor)
    big = PDF_BYTES + b"\0" * (1024 * 1024)
    response = client.post(create_url(routine), {"title": "Stor", "url": "", "upload": upload(big)})
    assert response.status_code == 400
    assert "The file is too large: at most 1 MB." in response.context["form"].errors["upload"]
    assert not RoutineAttachment.objects.exists()


def test_in_norwegian_the_refusal_is_norwegian(client, plan, advisor):
    routine = make_routine(plan)
    client.force_login(advisor)
    client.cookies["django_language"] = "nb"
    response = client.post(create_url(routine), {"title": "X", "url": "", "upload": upload(b"MZ program")})
    assert response.status_code == 400
    assert "This kind of file" not in response.text
    assert "PDF, DOCX, ODT, XLSX, PNG, JPEG" in response.text


def test_another_municipalitys_file_is_not_found(client, plan, outsider):
    attachment = make_attachment(make_routine(plan))
    client.force_login(outsider)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    delete = reverse("routines:routine_attachment_delete", args=[attachment.pk])
    assert client.post(delete).status_code == 404
    assert client.post(create_url(attachment.routine), {"title": "x", "url": "https://x.no"}).status_code == 404


def test_a_reader_downloads_but_neither_adds_nor_deletes(client, plan, reader):
    attachment = make_attachment(make_routine(plan))
    client.force_login(reader)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    assert client.post(reverse("routines:routine_attachment_delete", args=[attachment.pk])).status_code == 403
    assert client.post(create_url(attachment.routine), {"title": "x", "url": "https://x.no"}).status_code == 403
    assert RoutineAttachment.objects.count() == 1


def test_an_approved_plans_attachments_stay_as_approved(client, plan, advisor):
    attachment = make_attachment(make_routine(plan))
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    client.force_login(advisor)
    assert client.post(reverse("routines:routine_attachment_delete", args=[attachment.pk])).status_code == 403
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_advisor_deletes_an_attachment_after_confirming(client, plan, advisor):
    attachment = make_attachment(make_routine(plan), title="Gammelt skjema")
    client.force_login(advisor)
    url = reverse("routines:routine_attachment_delete", args=[attachment.pk])
    assert "Gammelt skjema" in client.get(url).text
    assert client.post(url).status_code == 302
    assert not RoutineAttachment.objects.exists()


def test_a_link_has_no_download(client, plan, advisor):
    link = make_attachment(make_routine(plan), url="https://udir.no/")
    client.force_login(advisor)
    assert client.get(reverse("routines:routine_attachment_download", args=[link.pk])).status_code == 404


def test_a_lost_file_is_not_found_rather_than_an_error(client, plan, advisor):
    attachment = make_attachment(make_routine(plan))
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(advisor)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_sections_take_links_and_files_too(client, plan, advisor, outsider):
    section = make_section(plan, title="Pedagogisk analyse")
    client.force_login(advisor)
    url = reverse("routines:section_attachment_create", args=[section.pk])
    response = client.post(
        url, {"title": "Analyseskjema", "url": "", "upload": upload(office_file("word"), "skjema.docx")}
    )
    assert response.status_code == 302
    attachment = SectionAttachment.objects.get()
    assert attachment.kind == "docx"
    assert "Analyseskjema" in client.get(reverse("routines:section_list", args=[plan.pk])).text
    assert client.get(attachment.get_absolute_url()).status_code == 200
    delete = reverse("routines:section_attachment_delete", args=[attachment.pk])
    client.force_login(outsider)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.post(delete).status_code == 404
    client.force_login(advisor)
    assert client.post(delete).status_code == 302


def test_the_public_page_hands_out_files_of_a_published_plan_only(client, plan):
    routine = make_routine(plan)
    attachment = make_attachment(routine, title="Årshjul overgang")
    url = reverse("documents:public_attachment", args=["sortland", "routine", attachment.pk])
    assert client.get(url).status_code == 404
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, published=True, public_slug="sortland")
    assert "Årshjul overgang" in client.get(reverse("documents:public_plan", args=["sortland"])).text
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert (
        client.get(reverse("documents:public_attachment", args=["sortland", "actor", attachment.pk])).status_code == 404
    )


def test_the_unit_page_shows_a_routines_links_and_files(client, plan, unit, unit_leader):
    routine = make_routine(plan, title="Skolemiljø")
    attachment = make_attachment(routine, title="Skjema for aktivitetsplan")
    make_attachment(routine, title="Udir om skolemiljø", url="https://www.udir.no/skolemiljo")
    client.force_login(unit_leader)
    page = client.get(reverse("documents:unit_page", args=[plan.pk, unit.pk])).text
    assert f'href="{attachment.get_absolute_url()}"' in page and "Skjema for aktivitetsplan" in page
    assert '<a href="https://www.udir.no/skolemiljo">Udir om skolemiljø</a>' in page
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_the_routine_read_on_its_own_lists_its_links_and_files(client, plan, reader):
    routine = make_routine(plan, title="Skolemiljø")
    attachment = make_attachment(routine, title="Skjema for aktivitetsplan")
    client.force_login(reader)
    page = client.get(reverse("routines:routine_page", args=[routine.pk])).text
    assert f'href="{attachment.get_absolute_url()}"' in page and "Skjema for aktivitetsplan" in page
