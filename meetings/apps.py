from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and progress plan")

    def ready(self):
        # routines never imports meetings, so meetings adds its parts to the plan's history itself.
        from routines import history

        from .models import Arena, ProgressEntry, TargetGroup

        history.register(TargetGroup, "plan", "name")
        history.register(Arena, "plan", "name")
        history.register(ProgressEntry, "plan", "content")
