"""The meetings app's names for the unit-kinds field (routines/unit_kinds.py), which its migrations refer to."""

from routines.unit_kinds import ALL_KINDS, validate_unit_kinds
from routines.unit_kinds import UnitKindsModelField as _UnitKindsModelField

__all__ = ["ALL_KINDS", "UnitKindsModelField", "validate_unit_kinds"]


class UnitKindsModelField(_UnitKindsModelField):
    """The same field; its own class keeps the import path the meetings migrations were written with."""
