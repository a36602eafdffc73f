from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = _("Plans and routines")

    def ready(self):
        # The parts of a plan whose history the plan's history page shows (routines/history.py).
        from django.db.models import Prefetch

        from . import history, plan_parts
        from .models import (
            Actor,
            Duty,
            FocusArea,
            LegalReference,
            Milestone,
            MilestoneProgress,
            Plan,
            Routine,
            RoutineAttachment,
            Section,
            SectionAttachment,
            UnitRoutineText,
        )

        history.register(Plan, None, "title")
        history.register(FocusArea, "plan", "name")
        history.register(Section, "plan", "title")
        history.register(Actor, "plan", "name")
        history.register(Duty, "actor", "text")
        history.register(Milestone, "plan", "text")
        history.register(Routine, "plan", "title")
        history.register(LegalReference, "routine", "citation")
        history.register(UnitRoutineText, "routine", "unit__name")
        history.register(RoutineAttachment, "routine", "title")
        history.register(SectionAttachment, "section", "title")

        # What Plan.objects.with_all_parts() loads of this app's parts (routines/plan_parts.py).
        plan_parts.register_prefetch(
            "municipality__units",
            "focus_areas",
            "sections",
            "sections__attachments",
            "actors__duties",
            "milestones",
            Prefetch(
                "routines", queryset=Routine.objects.select_related("responsible", "review_owner", "review_owner_actor")
            ),
            "routines__milestones",
            "routines__legal_references",
            "routines__attachments",
            Prefetch("routines__unit_texts", queryset=UnitRoutineText.objects.select_related("unit")),
        )
        # A unit's progress towards a milestone is the unit's record, shown on its page and booklet.
        plan_parts.register_record(MilestoneProgress)
