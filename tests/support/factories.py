"""Small builders for test data: one make_* function per model. The demo is the one big data set."""

import copy
import datetime
import io
import itertools

from django.apps import apps
from django.contrib.auth import get_user_model

from meetings.models import Arena, ArenaAttachment, Gathering, GatheringAttachment, ProgressEntry, TargetGroup
from routines.models import (
    Actor,
    Duty,
    FocusArea,
    LegalReference,
    Membership,
    Milestone,
    Municipality,
    Plan,
    Region,
    Routine,
    RoutineAttachment,
    Section,
    SectionAttachment,
    Unit,
    UnitRoutineText,
)
from routines.school_year import guess_kind_and_precision

_counter = itertools.count(1)


def _n():
    return next(_counter)


def make_region(**fields):
    n = _n()
    fields.setdefault("slug", f"region-{n}")
    fields.setdefault("name", f"Region {n}")
    return Region.objects.create(**fields)


def make_municipality(**fields):
    n = _n()
    fields.setdefault("slug", f"kommune-{n}")
    fields.setdefault("name", f"Kommune {n}")
    if "region" not in fields:
        fields["region"] = make_region()
    return Municipality.objects.create(**fields)


def make_unit(municipality=None, **fields):
    n = _n()
    fields.setdefault("slug", f"enhet-{n}")
    fields.setdefault("name", f"Enhet {n}")
    fields.setdefault("kind", Unit.Kind.SCHOOL)
    return Unit.objects.create(municipality=municipality or make_municipality(), **fields)


def make_plan(municipality=None, **fields):
    fields.setdefault("title", "KIBS handlingsplan")
    fields.setdefault("school_year", 2023)
    return Plan.objects.create(municipality=municipality or make_municipality(), **fields)


def make_actor(plan=None, duties=(), **fields):
    plan = plan or make_plan()
    fields.setdefault("name", f"Aktør {_n()}")
    fields.setdefault("role", "Oppdragsgiver")
    fields.setdefault("position", plan.actors.count())
    actor = Actor.objects.create(plan=plan, **fields)
    for position, text in enumerate(duties):
        Duty.objects.create(actor=actor, position=position, text=text)
    return actor


def make_section(plan=None, **fields):
    fields.setdefault("title", f"Seksjon {_n()}")
    return Section.objects.create(plan=plan or make_plan(), **fields)


def make_milestone(plan=None, **fields):
    plan = plan or make_plan()
    fields.setdefault("number", plan.milestones.count() + 1)
    fields.setdefault("text", f"Milepæl {fields['number']}")
    return Milestone.objects.create(plan=plan, **fields)


def make_routine(plan=None, **fields):
    fields.setdefault("title", f"Rutine {_n()}")
    return Routine.objects.create(plan=plan or make_plan(), **fields)


def _one_page_pdf():
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    return buffer.getvalue()


# A real PDF, so anything that reads a download back (tests/support/urlwalk.py) can.
PDF_BYTES = _one_page_pdf()


def make_attachment(part, data=None, name="mandat.pdf", **fields):
    """A file (PDF bytes unless given) or, with url=, a link, on a routine, section, arena or gathering."""
    from django.core.files.base import ContentFile

    from routines import attachments

    models = {
        Routine: RoutineAttachment,
        Section: SectionAttachment,
        Arena: ArenaAttachment,
        Gathering: GatheringAttachment,
    }
    model = models[type(part)]
    attachment = model(**{model.parent_field: part}, title=fields.pop("title", f"Vedlegg {_n()}"), **fields)
    if not attachment.url:
        data = PDF_BYTES if data is None else data
        attachment.kind = attachments.sniff(data)
        attachment.file_name = attachments.safe_file_name(name, attachment.kind)
        attachment.size, attachment.sha256 = len(data), attachments.checksum(data)
        attachment.file.save(attachment.file_name, ContentFile(data), save=False)
    attachment.save()
    return attachment


def make_unit_text(routine, unit, **fields):
    return UnitRoutineText.objects.create(routine=routine, unit=unit, **fields)


def make_target_group(plan=None, **fields):
    fields.setdefault("name", f"Målgruppe {_n()}")
    return TargetGroup.objects.create(plan=plan or make_plan(), **fields)


def make_arena(plan=None, **fields):
    fields.setdefault("name", f"Møtearena {_n()}")
    return Arena.objects.create(plan=plan or make_plan(), **fields)


def make_entry(plan=None, **fields):
    fields.setdefault("starts_on", datetime.date(2023, 9, 4))
    fields.setdefault("content", f"Møte {_n()}")
    # Like entries saved before kinds came: whole months read as months, "frist" as a deadline.
    kind, precision = guess_kind_and_precision(fields["starts_on"], fields.get("ends_on"), fields["content"])
    fields.setdefault("kind", kind)
    fields.setdefault("precision", precision)
    return ProgressEntry.objects.create(plan=plan or make_plan(), **fields)


def make_entries_of_every_kind(plan):
    """Each kind given as a day, as whole months and as a term; returns them by (kind, precision)."""
    made = {}
    for kind in ProgressEntry.Kind.values:
        made[kind, "day"] = make_entry(
            plan, kind=kind, precision="day", starts_on=datetime.date(2023, 9, 4), content=f"{kind} dag"
        )
        made[kind, "months"] = make_entry(
            plan,
            kind=kind,
            precision="months",
            starts_on=datetime.date(2023, 9, 1),
            ends_on=datetime.date(2023, 11, 30),
            content=f"{kind} mnd",
        )
        made[kind, "term"] = make_entry(
            plan,
            kind=kind,
            precision="term",
            starts_on=datetime.date(2023, 8, 1),
            ends_on=datetime.date(2023, 12, 31),
            content=f"{kind} term",
        )
    make_entry(
        plan,
        kind="task",
        precision="months",
        starts_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2024, 3, 31),
        content="Mars",
    )
    make_entry(
        plan,
        kind="task",
        precision="term",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 6, 30),
        content="Vår",
    )
    make_entry(
        plan,
        kind="task",
        precision="term",
        starts_on=datetime.date(2023, 8, 1),
        ends_on=datetime.date(2024, 6, 30),
        content="År",
    )
    return made


def make_user(**fields):
    fields.setdefault("username", f"bruker-{_n()}")
    return get_user_model().objects.create_user(password="kibs-test-password", **fields)


def make_member(role, municipality=None, unit=None, region=None, user=None):
    """A user with one role: advisor/approver/reader (municipality), unit_leader/employee (unit), coordinator (region)."""
    user = user or make_user()
    if role in Membership.UNIT_ROLES:
        municipality = unit.municipality
    Membership.objects.create(user=user, role=role, municipality=municipality, unit=unit, region=region)
    return user


def make_focus_area(plan=None, **fields):
    fields.setdefault("name", f"Fokusområde {_n()}")
    return FocusArea.objects.create(plan=plan or make_plan(), **fields)


def make_legal_reference(routine, **fields):
    fields.setdefault("citation", "Opplæringsloven kap. 12 (tidligere § 9A)")
    return LegalReference.objects.create(routine=routine, **fields)


def row_counts():
    """Rows per model of the plan apps, to show that a failed import changed nothing.

    History tables are left out: they grow with every save by design.
    """
    return {
        model._meta.label: model.objects.count()
        for app in ("routines", "meetings", "auth")
        for model in apps.get_app_config(app).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
    }


_PLAN_DOCUMENT = {
    "format": "kibs-plan",
    "format_version": 2,
    "municipality": {
        "slug": "fjordby",
        "name": "Fjordby kommune",
        "vision": "Alle barn skal oppleve et trygt og godt miljø.",
        "region": {"slug": "vesteralen", "name": "Vesterålen"},
        "units": [
            {"slug": "fjordby-skole", "name": "Fjordby skole", "kind": "school", "owner": "municipal"},
            {"slug": "lia-barnehage", "name": "Lia barnehage", "kind": "kindergarten", "owner": "private"},
        ],
    },
    "plans": [
        {
            "title": "KIBS handlingsplan",
            "school_year": 2023,
            "actors": [{"name": "Rektor", "role": "Leder", "duties": ["Leder SKUT"]}],
            "milestones": [{"number": 1, "text": "Alle enheter vurderer eget ståsted."}, {"number": 2, "text": "BTI"}],
            "target_groups": [{"name": "Skoleledere"}, {"name": "Styrere"}],
            "arenas": [{"name": "Skoleeiers utviklingsgruppe", "abbreviation": "SUT", "category": "group"}],
            "progress_entries": [
                {
                    "starts_on": "2023-08-14",
                    "starts_at": "12:00",
                    "ends_at": "15:30",
                    "content": "Halv fagdag for alle lærere",
                    "target_groups": ["Skoleledere"],
                    "milestones": [1, 2],
                    "arena": "Skoleeiers utviklingsgruppe",
                },
                {
                    "starts_on": "2023-09-01",
                    "ends_on": "2023-11-30",
                    "content": "Pedagogisk analyse ved hver enhet",
                    "milestones": "all",
                    "at_every_unit": True,
                },
            ],
            "routines": [
                {"title": "Undring og bekymring", "responsible": "Rektor", "milestones": [2], "bti_levels": [0]},
                {
                    "title": "Enhetens egen rutine",
                    "scope": "unit",
                    "unit_texts": [{"unit": "fjordby-skole", "status": "draft", "body": "Vår rutine"}],
                },
            ],
        }
    ],
}


def make_plan_document():
    """A small valid plan file as parsed JSON, a fresh copy each time, for tests to break."""
    return copy.deepcopy(_PLAN_DOCUMENT)


def make_school_calendar(municipality=None, school_year=2023, breaks=(), **fields):
    """A school calendar, by default Nordland's usual 2023/24 frame; `breaks` are (kind, first, last) rows."""
    from meetings.models import SchoolCalendar

    fields.setdefault("first_day", datetime.date(school_year, 8, 21))
    fields.setdefault("last_day", datetime.date(school_year + 1, 6, 21))
    calendar = SchoolCalendar.objects.create(
        municipality=municipality or make_municipality(), school_year=school_year, **fields
    )
    for kind, first, last in breaks:
        calendar.breaks.create(kind=kind, starts_on=first, ends_on=last)
    return calendar
