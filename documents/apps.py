from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        # An edit of any part of a plan renders its PDF again in the background (documents/tasks.py).
        from routines import plan_parts

        from . import page_stamps, tasks

        plan_parts.register_change_listener(tasks.part_changed)
        # ... and shows at once on its pages kept in the cache (routines/page_cache.py).
        plan_parts.register_change_listener(page_stamps.part_changed)
