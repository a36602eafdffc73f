"""Links and attachments in the plan's PDF: listed with their titles, as live links.

One small plan rendered once for the module; the PDF is read back with pypdf.
"""

import io

import pypdf
import pytest
from django.db import transaction

from documents import pdf
from tests.support.attachments import link_targets
from tests.support.factories import make_arena, make_attachment, make_plan, make_routine, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture(scope="module")
def reader(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        plan = make_plan()
        routine = make_routine(plan, title="Overgang barnehage–skole")
        make_attachment(routine, title="Mandat for overgangsteamet")
        make_attachment(routine, title="Udirs veileder", url="https://www.udir.no/veileder")
        make_attachment(make_section(plan, title="Pedagogisk analyse"), title="Analyseskjema")
        arena = make_arena(plan, name="Ressursteam")
        make_attachment(arena, title="Mandat for ressursteamet")
        make_attachment(arena, title="Udir om ressursteam", url="https://www.udir.no/ressursteam")
        data = pdf.render_plan_pdf(pdf.load_plan(plan.pk))
        download = routine.attachments.exclude(file="").get().get_absolute_url()
        arena_download = arena.attachments.exclude(file="").get().get_absolute_url()
        transaction.set_rollback(True)
    return pypdf.PdfReader(io.BytesIO(data)), download, arena_download


def test_the_titles_are_listed(reader):
    pdf_reader, _download, _arena_download = reader
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf_reader.pages)
    assert "Mandat for overgangsteamet (PDF, 1 kB)" in text
    assert "Udirs veileder" in text and "Analyseskjema" in text
    assert "Mandat for ressursteamet (PDF, 1 kB)" in text and "Udir om ressursteam" in text


def test_links_are_live(reader):
    pdf_reader, download, arena_download = reader
    targets = link_targets(pdf_reader)
    assert "https://www.udir.no/veileder" in targets
    assert any(target.endswith(download) and target.startswith("http") for target in targets)
    assert "https://www.udir.no/ressursteam" in targets
    assert any(target.endswith(arena_download) and target.startswith("http") for target in targets)
