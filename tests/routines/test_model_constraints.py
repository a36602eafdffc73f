"""The database itself refuses bad data, whatever the form or import did."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from routines.models import Duty, Municipality, Plan, Routine, Unit, UnitRoutineText
from tests.support.factories import (
    make_actor,
    make_entry,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_unit,
    make_unit_text,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_milestone_numbers_are_unique_in_a_plan():
    plan = make_plan()
    make_milestone(plan, number=1)
    refused(lambda: make_milestone(plan, number=1))
    make_milestone(make_plan(), number=1)  # another plan may reuse it


def test_milestone_number_zero_is_refused():
    refused(lambda: make_milestone(number=0))


def test_municipality_slugs_are_unique():
    make_municipality(slug="sortland")
    refused(lambda: make_municipality(slug="sortland"))


def test_unit_slugs_are_unique_within_a_municipality_only():
    municipality = make_municipality()
    make_unit(municipality, slug="sigerfjord-skole")
    refused(lambda: make_unit(municipality, slug="sigerfjord-skole"))
    make_unit(make_municipality(), slug="sigerfjord-skole")


def test_unit_kind_must_be_known():
    refused(lambda: make_unit(kind="castle"))


def test_plan_status_must_be_known():
    refused(lambda: make_plan(status="lost"))


def test_entry_may_not_end_before_it_starts():
    refused(lambda: make_entry(starts_on=datetime.date(2023, 9, 30), ends_on=datetime.date(2023, 9, 1)))
    entry = make_entry(starts_on=datetime.date(2023, 9, 1), ends_on=datetime.date(2023, 11, 30))
    assert entry.is_period


def test_entry_end_time_needs_a_start_time():
    refused(lambda: make_entry(ends_at=datetime.time(15, 30)))


def test_unit_text_needs_a_unit_of_the_plans_municipality():
    plan = make_plan()
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    make_unit_text(routine, make_unit(plan.municipality), body="Vår rutine")
    foreign_unit = make_unit(make_municipality())
    with pytest.raises(ValidationError):
        make_unit_text(routine, foreign_unit, body="Feil kommune")
    text = UnitRoutineText.objects.get()
    text.unit = foreign_unit
    with pytest.raises(ValidationError):
        text.save()
    assert UnitRoutineText.objects.get().unit != foreign_unit


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only")
def test_database_refuses_a_unit_text_of_another_municipality():
    plan = make_plan()
    text = make_unit_text(make_routine(plan, scope=Routine.Scope.UNIT), make_unit(plan.municipality))
    foreign_unit = make_unit(make_municipality())
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitRoutineText.objects.filter(pk=text.pk).update(unit=foreign_unit)


def test_a_unit_text_is_written_once_per_routine_and_unit():
    plan = make_plan()
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    unit = make_unit(plan.municipality)
    make_unit_text(routine, unit)
    refused(lambda: make_unit_text(routine, unit))


def test_deleting_a_unit_with_written_texts_is_refused():
    plan = make_plan()
    unit = make_unit(plan.municipality)
    make_unit_text(make_routine(plan, scope=Routine.Scope.UNIT), unit, body="Skrevet av rektor")
    with pytest.raises(ProtectedError):
        unit.delete()
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_deleting_a_municipality_with_plans_is_refused():
    plan = make_plan()
    with pytest.raises(ProtectedError):
        plan.municipality.delete()
    assert Municipality.objects.filter(pk=plan.municipality.pk).exists()


def test_duties_keep_their_order():
    actor = make_actor(duties=["Tredje", "Første", "Andre"])
    Duty.objects.filter(actor=actor, text="Første").update(position=0)
    Duty.objects.filter(actor=actor, text="Andre").update(position=1)
    Duty.objects.filter(actor=actor, text="Tredje").update(position=2)
    assert [d.text for d in actor.duties.all()] == ["Første", "Andre", "Tredje"]


def test_saving_counts_versions():
    plan = make_plan()
    assert plan.version == 1
    plan.title = "Ny tittel"
    plan.save()
    assert Plan.objects.get(pk=plan.pk).version == 2
