"""Which kinds of unit an entry concerns, and how unit_kinds is edited."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from meetings.models import Arena, TargetGroup
from meetings.unit_kinds import ALL_KINDS
from tests.support.factories import make_arena, make_entry, make_plan, make_target_group

pytestmark = pytest.mark.django_db


def test_an_entry_without_arena_or_target_group_concerns_every_kind():
    assert make_entry().concerned_kinds() == ALL_KINDS


def test_an_entry_concerns_what_its_target_groups_and_arena_concern():
    plan = make_plan()
    entry = make_entry(plan, arena=make_arena(plan, unit_kinds=["school"]))
    entry.target_groups.set([make_target_group(plan, unit_kinds=["kindergarten"])])
    assert entry.concerned_kinds() == {"school", "kindergarten"}


def test_an_arena_in_every_unit_of_one_kind_concerns_that_kind():
    plan = make_plan()
    entry = make_entry(plan, arena=make_arena(plan, scope=Arena.Scope.EVERY_UNIT, unit_kind="school"))
    assert entry.concerned_kinds() == {"school"}
    entry = make_entry(plan, arena=make_arena(plan, scope=Arena.Scope.EVERY_UNIT))
    assert entry.concerned_kinds() == ALL_KINDS


def test_what_names_no_kind_does_not_widen_what_names_one():
    plan = make_plan()
    entry = make_entry(plan, content="Skoleledermøte", arena=make_arena(plan, name="Skoleleder- og styrermøter"))
    entry.target_groups.set([make_target_group(plan, unit_kinds=["school"]), make_target_group(plan)])
    assert entry.concerned_kinds() == {"school"}


def test_an_entrys_own_kinds_win_and_every_unit_means_all_kinds():
    plan = make_plan()
    group = make_target_group(plan, unit_kinds=["kindergarten"])
    at_every_unit = make_entry(plan, at_every_unit=True)
    at_every_unit.target_groups.set([group])
    assert at_every_unit.concerned_kinds() == ALL_KINDS
    narrowed = make_entry(plan, at_every_unit=True, unit_kinds=["school"])
    assert narrowed.concerned_kinds() == {"school"}


def test_unit_kinds_are_validated():
    group = make_target_group(unit_kinds=["school", "castle"])
    with pytest.raises(ValidationError):
        group.full_clean()


def test_model_forms_edit_unit_kinds_as_tick_boxes():
    class TargetGroupForm(forms.ModelForm):
        class Meta:
            model = TargetGroup
            fields = ["name", "unit_kinds"]

    form = TargetGroupForm({"name": "Styrere", "unit_kinds": ["kindergarten"]}, instance=TargetGroup(plan=make_plan()))
    assert isinstance(form.fields["unit_kinds"].widget, forms.CheckboxSelectMultiple)
    assert form.is_valid(), form.errors
    assert form.save().unit_kinds == ["kindergarten"]
    assert not TargetGroupForm({"name": "X", "unit_kinds": ["castle"]}).is_valid()
    assert TargetGroupForm({"name": "Foresatte"}, instance=TargetGroup(plan=make_plan())).save().unit_kinds == []
