from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and progress plan")

    def ready(self):
        # routines never imports meetings, so meetings adds its parts to the plan's history
        # and to what loading a whole plan prefetches itself.
        from routines import history, plan_parts

        from .models import Arena, ArenaAttachment, ProgressEntry, TargetGroup

        history.register(TargetGroup, "plan", "name")
        history.register(Arena, "plan", "name")
        history.register(ArenaAttachment, "arena", "title")
        history.register(ProgressEntry, "plan", "content")
        plan_parts.register_prefetch(
            "arenas__escalates_to",
            "arenas__attachments",
            "progress_entries__milestones",
            "progress_entries__target_groups",
            "progress_entries__arena",
        )
        # An edit of a gathering renders its programme again in the background.
        from . import tasks

        plan_parts.register_change_listener(tasks.part_changed)
