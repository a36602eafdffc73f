from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        # An edit of any part of a plan renders its PDF again in the background (documents/tasks.py).
        from routines import plan_parts

        from . import tasks

        plan_parts.register_change_listener(tasks.part_changed)
