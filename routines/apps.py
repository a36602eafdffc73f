from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = _("Plans and routines")

    def ready(self):
        # The parts of a plan whose history the plan's history page shows (routines/history.py).
        from . import history
        from .models import Actor, Duty, FocusArea, LegalReference, Milestone, Plan, Routine, Section, UnitRoutineText

        history.register(Plan, None, "title")
        history.register(FocusArea, "plan", "name")
        history.register(Section, "plan", "title")
        history.register(Actor, "plan", "name")
        history.register(Duty, "actor", "text")
        history.register(Milestone, "plan", "text")
        history.register(Routine, "plan", "title")
        history.register(LegalReference, "routine", "citation")
        history.register(UnitRoutineText, "routine", "unit__name")
