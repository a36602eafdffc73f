from django.contrib import admin

from .models import (
    AgendaItem,
    Arena,
    FeedToken,
    Gathering,
    GroupWork,
    GroupWorkStep,
    PreworkNote,
    ProgressEntry,
    TargetGroup,
    WorkGroup,
)


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


# --- Calendar feeds and regional gatherings ---


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["plan", "created_at", "created_by"]
    list_select_related = ["plan", "created_by"]
    # The token is a secret; the admin regenerates nothing, the plan's advisors do.
    exclude = ["token"]
    readonly_fields = ["plan", "created_at", "created_by"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Gathering)
class GatheringAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "region", "place"]
    list_filter = ["region"]
    search_fields = ["title", "theme", "place"]
    date_hierarchy = "date"
    list_select_related = ["region"]
    inlines = [AgendaItemInline]


class GroupWorkStepInline(admin.TabularInline):
    model = GroupWorkStep
    extra = 0


class WorkGroupInline(admin.TabularInline):
    model = WorkGroup
    extra = 0
    filter_horizontal = ["municipalities"]


@admin.register(GroupWork)
class GroupWorkAdmin(admin.ModelAdmin):
    list_display = ["title", "gathering"]
    list_select_related = ["gathering"]
    inlines = [GroupWorkStepInline, WorkGroupInline]


@admin.register(PreworkNote)
class PreworkNoteAdmin(admin.ModelAdmin):
    list_display = ["gathering", "municipality", "updated_at"]
    list_select_related = ["gathering", "municipality"]
