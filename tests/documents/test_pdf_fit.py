"""What real plans hold, printed: arenas as municipalities describe them, the plan's own levels, routines for some kinds of unit.

One small plan rendered once for the module; the PDF is read back with pypdf.
"""

import datetime
import io
import re

import pypdf
import pytest
from django.db import transaction

from documents import pdf
from routines.models import Routine
from tests.support.factories import make_arena, make_plan, make_routine, make_unit

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def squash(text):
    """Text without whitespace and hyphens: line breaks and hyphenation vary."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


@pytest.fixture(scope="module")
def text(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        plan = make_plan(
            level_names="I enheten\nPå tvers av enheter\nKommunalt team",
            document_changed_on=datetime.date(2022, 6, 15),
            decision_body="Kommunestyret",
            decision_reference="22/1234",
            decision_date=datetime.date(2022, 6, 20),
        )
        team = make_arena(plan, name="Kommunalt konsultasjonsteam", bti_levels=[2])
        make_arena(
            plan,
            name="Ressursteam",
            purpose="Drøfter **saker** skolen ikke løser alene.\n\n- Første punkt\n- Andre punkt",
            audience="Alle elever på skolen",
            led_by="Rektor",
            responsible="Kommunalsjef",
            fixed_participants="Rektor\nSosiallærer",
            invited_participants="PPT-rådgiver",
            bti_levels=[1],
            escalates_to=team,
            escalation_criterion="Når tiltakene ikke har hjulpet",
        )
        make_unit(plan.municipality, name="Lia barnehage", kind="kindergarten")
        make_unit(plan.municipality, name="Fjordby skole", kind="school")
        make_routine(plan, title="Skolemiljø", position=0)
        make_routine(plan, title="Overgang til skole", position=1, unit_kinds=["kindergarten", "sfo"])
        make_routine(
            plan, title="Egen overgangsrutine", position=2, scope=Routine.Scope.UNIT, unit_kinds=["kindergarten"]
        )
        data = pdf.render_plan_pdf(pdf.load_plan(plan.pk))
        transaction.set_rollback(True)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_arena_table_has_the_columns_this_plan_fills_in(text):
    for heading in ("Målgruppe", "Ledes av", "Ansvarlig", "Deltakere", "Hvor"):
        assert heading in text
    assert "Referent" not in text and "Hvor ofte" not in text  # no arena has a minute-taker or a frequency
    for value in ("Alle elever på skolen", "Kommunalsjef", "Sosiallærer", "Inviteres ved behov", "PPT-rådgiver"):
        assert squash(value) in squash(text)


def test_the_purpose_is_formatted_and_levels_and_next_step_are_printed(text):
    assert "**" not in text and squash("Drøfter saker skolen ikke løser alene.") in squash(text)
    assert squash("Første punkt") in squash(text) and squash("Andre punkt") in squash(text)
    assert squash("Nivåer: På tvers av enheter") in squash(text)
    assert squash("Neste steg: Kommunalt konsultasjonsteam – Når tiltakene ikke har hjulpet") in squash(text)


def test_routines_for_some_kinds_of_unit_say_so(text):
    assert squash(
        "Disse rutinene gjelder for alle enheter i kommunen, eller for de typene enheter en rutine nevner."
    ) in squash(text)
    assert squash("Gjelder for Barnehage, SFO") in squash(text)
    assert "Lia barnehage" in text and "Fjordby skole" not in text  # the unit routine is the kindergartens' only


def test_the_support_system_is_drawn_and_said_in_words(text):
    assert squash("Støttesystemet: nivåer, arenaer og hvor en sak løftes videre") in squash(text)
    assert squash("På tvers av enheter: Ressursteam") in squash(text)
    assert squash("Fra Ressursteam til Kommunalt konsultasjonsteam: Når tiltakene ikke har hjulpet") in squash(text)


def test_the_cover_gives_the_documents_own_dates(text):
    # The decision in the one wording every page uses (documents/includes/decision.html).
    assert squash("Godkjent 20.06.2022 av Kommunestyret (sak 22/1234)") in squash(text)
    assert squash("Sist endret 15. juni 2022") in squash(text)
