"""No data about children, by design: every form that stores what people write
refuses a national identity number in every one of its text fields, and so
does plan-file import. The demo, full of dates and numbers, passes.
"""

import datetime
import json
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from documents.forms import ApprovalForm, PlanCreateForm
from documents.planfile import PlanFileError, import_document, validate_document
from documents.unit_forms import AdvisorCommentForm, MilestoneProgressForm
from meetings import forms as meeting_forms
from meetings import forms_gatherings, forms_school_calendar
from meetings.models import AgendaItem, Gathering, GroupWork, GroupWorkStep, PreworkNote, SchoolBreak, WorkGroup
from routines import access
from routines import forms as routine_forms
from routines.models import AdvisorComment, Duty, LegalReference, Membership, MilestoneProgress, Routine
from routines.validators import IDENTITY_NUMBER_MESSAGE
from tests.support.factories import (
    make_actor,
    make_arena,
    make_entry,
    make_focus_area,
    make_member,
    make_milestone,
    make_plan,
    make_plan_document,
    make_routine,
    make_school_calendar,
    make_section,
    make_target_group,
    make_unit,
    make_unit_text,
    row_counts,
)

pytestmark = pytest.mark.django_db

NUMBERS = {"fødselsnummer": "15076500565", "with a space": "150765 00565", "D-number": "55076500044"}
DEMO = Path(__file__).resolve().parent.parent / "documents" / "demo" / "sortland.json"


def gathering():
    return Gathering.objects.create(
        region=make_plan().municipality.region, title="Samling", date=datetime.date(2025, 3, 1)
    )


def new_plan_arguments():
    advisor = make_member(Membership.Role.ADVISOR, make_plan().municipality)
    return {
        "municipalities": access.get_municipalities_for_new_plan(advisor),
        "copyable": access.get_visible_plans(advisor),
    }


def prework_note():
    municipality = make_plan().municipality
    held = Gathering.objects.create(region=municipality.region, title="Samling", date=datetime.date(2025, 3, 1))
    return PreworkNote(gathering=held, municipality=municipality)


def group_work():
    return GroupWork.objects.create(gathering=gathering(), title="Gruppearbeid")


def unit_text():
    routine = make_routine(scope=Routine.Scope.UNIT)
    return make_unit_text(routine, make_unit(routine.plan.municipality))


def part_of(form_class, model):
    """A gathering part's form: it needs the gathering to limit its choices."""
    work = group_work()
    parent = {"group_work": work} if model in (GroupWorkStep, WorkGroup) else {"gathering": work.gathering}
    return form_class, {"instance": model(**parent), "gathering": work.gathering}


# Each form that stores text, as (form class, its arguments).
FORMS = {
    "plan settings": lambda: (routine_forms.PlanSettingsForm, {"instance": make_plan()}),
    "vision": lambda: (routine_forms.VisionForm, {"instance": make_plan().municipality}),
    "focus area": lambda: (routine_forms.FocusAreaForm, {"instance": make_focus_area()}),
    "section": lambda: (routine_forms.SectionForm, {"instance": make_section()}),
    "actor": lambda: (routine_forms.ActorForm, {"instance": make_actor()}),
    "duty": lambda: (routine_forms.DutyFormSet.form, {"instance": Duty(actor=make_actor())}),
    "milestone": lambda: (routine_forms.MilestoneForm, {"instance": make_milestone()}),
    "routine": lambda: (routine_forms.RoutineForm, {"instance": make_routine()}),
    "legal reference": lambda: (
        routine_forms.LegalReferenceFormSet.form,
        {"instance": LegalReference(routine=make_routine())},
    ),
    "unit": lambda: (routine_forms.UnitForm, {"instance": make_unit()}),
    "unit's own text": lambda: (routine_forms.UnitTextForm, {"instance": unit_text()}),
    "local supplement": lambda: (routine_forms.SupplementForm, {"instance": unit_text()}),
    "milestone progress": lambda: (
        MilestoneProgressForm,
        {"instance": MilestoneProgress(unit=make_unit(), milestone=make_milestone())},
    ),
    "arena": lambda: (meeting_forms.ArenaForm, {"instance": make_arena()}),
    "target group": lambda: (meeting_forms.TargetGroupForm, {"instance": make_target_group()}),
    "progress entry": lambda: (meeting_forms.ProgressEntryForm, {"instance": make_entry()}),
    "gathering": lambda: (forms_gatherings.GatheringForm, {"instance": gathering()}),
    "agenda item": lambda: part_of(forms_gatherings.AgendaItemForm, AgendaItem),
    "group work": lambda: part_of(forms_gatherings.GroupWorkForm, GroupWork),
    "group work step": lambda: part_of(forms_gatherings.GroupWorkStepForm, GroupWorkStep),
    "work group": lambda: part_of(forms_gatherings.WorkGroupForm, WorkGroup),
    "prework note": lambda: (
        forms_gatherings.PreworkNoteForm,
        {"instance": prework_note()},
    ),
    "school calendar": lambda: (forms_school_calendar.SchoolCalendarForm, {"instance": make_school_calendar()}),
    "school day off": lambda: (
        forms_school_calendar.SchoolBreakForm,
        {"instance": SchoolBreak(calendar=make_school_calendar())},
    ),
    "new plan": lambda: (PlanCreateForm, new_plan_arguments()),
    "approval decision": lambda: (ApprovalForm, {}),
    "advisor's comment": lambda: (AdvisorCommentForm, {"instance": AdvisorComment()}),
}


@pytest.mark.parametrize("number", NUMBERS.values(), ids=NUMBERS.keys())
@pytest.mark.parametrize("form_name", FORMS)
def test_every_text_field_of_every_form_refuses_an_identity_number(form_name, number):
    form_class, arguments = FORMS[form_name]()
    unbound = form_class(**arguments)
    names = [name for name, field in unbound.fields.items() if isinstance(field, forms.CharField)]
    assert names, f"{form_name} has no text field"
    for name in names:
        form = form_class({unbound.add_prefix(name): f"Gjelder eleven {number}, se saken."}, **arguments)
        assert not form.is_valid()
        assert "identity_number" in [error.code for error in form.errors.as_data().get(name, [])], name


def test_the_message_says_why_and_what_to_write_instead():
    form = routine_forms.MilestoneForm({"number": 1, "text": "Barn 15076500565"}, instance=make_milestone())
    with translation.override("nb"):
        assert form.errors["text"] == [
            "Dette ser ut som et fødselsnummer eller D-nummer. En rutinebeskrivelse skal aldri inneholde "
            "personopplysninger om barn: fjern nummeret og beskriv systemet og rollene, ikke enkeltbarn."
        ]


def test_an_edit_page_refuses_the_number_next_to_the_field(client):
    milestone = make_milestone()
    client.force_login(make_member(Membership.Role.ADVISOR, milestone.plan.municipality))
    url = reverse("routines:milestone_edit", args=[milestone.pk])
    response = client.post(url, {"number": 1, "text": "Barn 150765 00565", "seen_version": milestone.version})
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["text"][0].code == "identity_number"
    with translation.override("nb"):
        assert str(IDENTITY_NUMBER_MESSAGE) in response.content.decode()
    milestone.refresh_from_db()
    assert "00565" not in milestone.text


@pytest.mark.parametrize("number", NUMBERS.values(), ids=NUMBERS.keys())
def test_an_imported_file_with_identity_numbers_is_refused_with_every_path(number):
    doc = make_plan_document()
    plan = doc["plans"][0]
    plan["title"] = f"Plan for {number}"
    plan["routines"][0]["body"] = f"Eleven ({number}) skal …"
    plan["progress_entries"][0]["comment"] = number
    before = row_counts()
    with pytest.raises(PlanFileError) as error:
        import_document(doc)
    assert row_counts() == before
    hits = [problem.path for problem in error.value.problems if problem.message == str(IDENTITY_NUMBER_MESSAGE)]
    assert sorted(hits) == sorted(
        ["$.plans[0].title", "$.plans[0].routines[0].body", "$.plans[0].progress_entries[0].comment"]
    )


def test_the_demo_and_the_sample_file_hold_no_identity_numbers():
    for doc in (json.loads(DEMO.read_text(encoding="utf-8")), make_plan_document()):
        assert validate_document(doc) == []
