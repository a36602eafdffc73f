from django.contrib import admin

from .models import Arena, ProgressEntry, TargetGroup


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan__municipality"]
    search_fields = ["name"]
    list_select_related = ["plan"]


@admin.register(Arena)
class ArenaAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "category", "scope", "plan"]
    list_filter = ["category", "scope", "plan__municipality"]
    search_fields = ["name", "abbreviation", "purpose"]
    list_select_related = ["plan"]


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin):
    list_display = ["starts_on", "ends_on", "content", "at_every_unit", "plan"]
    list_filter = ["at_every_unit", "all_milestones", "plan__municipality", "target_groups"]
    search_fields = ["content", "comment", "place"]
    date_hierarchy = "starts_on"
    list_select_related = ["plan"]
    filter_horizontal = ["target_groups", "milestones"]
