"""The routine description of a municipality's support system.

A plan belongs to one municipality and one school year. Its parts (focus
areas, sections, actors with duties, milestones, routines) are ordered by
`position`. Content users write is never deleted behind their back: parents
protect it, or deletion is an explicit, confirmed action on the plan itself.
"""

# A package since it outgrew one module; everything is importable from here.
from .attachments import Attachment, RoutineAttachment, SectionAttachment
from .base import BTI_LEVELS, PlanPart, VersionedModel
from .lifecycle import AdvisorComment, PlanChange
from .municipalities import (
    Membership,
    Municipality,
    MunicipalityQuerySet,
    Region,
    Unit,
    UnitQuerySet,
)
from .plans import (
    Actor,
    ActorQuerySet,
    Duty,
    FocusArea,
    Milestone,
    Plan,
    PlanQuerySet,
    Section,
)
from .progress import MilestoneProgress, ReadConfirmation
from .reviews import REVIEW_SOON_DAYS, Reviewed, ReviewState, add_months
from .routines import LegalReference, Routine, RoutineQuerySet, UnitRoutineText

__all__ = [
    "Actor",
    "AdvisorComment",
    "Attachment",
    "ActorQuerySet",
    "BTI_LEVELS",
    "Duty",
    "FocusArea",
    "LegalReference",
    "Membership",
    "Milestone",
    "MilestoneProgress",
    "Municipality",
    "MunicipalityQuerySet",
    "Plan",
    "PlanChange",
    "PlanPart",
    "PlanQuerySet",
    "REVIEW_SOON_DAYS",
    "ReadConfirmation",
    "ReviewState",
    "Reviewed",
    "Region",
    "Routine",
    "RoutineAttachment",
    "RoutineQuerySet",
    "Section",
    "SectionAttachment",
    "Unit",
    "UnitQuerySet",
    "UnitRoutineText",
    "VersionedModel",
    "add_months",
]
