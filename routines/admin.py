from django.contrib import admin

from .models import (
    Actor,
    Duty,
    FocusArea,
    LegalReference,
    Membership,
    Milestone,
    MilestoneProgress,
    Municipality,
    Plan,
    ReadConfirmation,
    Region,
    Routine,
    Section,
    Unit,
    UnitRoutineText,
)


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region"]
    list_filter = ["region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "kind", "owner"]
    list_filter = ["kind", "owner", "municipality"]
    search_fields = ["name", "municipality__name"]
    list_select_related = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}


class FocusAreaInline(admin.StackedInline):
    model = FocusArea
    extra = 0


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ActorInline(admin.TabularInline):
    model = Actor
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "school_year_label", "status", "language", "updated_at"]
    list_filter = ["status", "school_year", "language", "municipality"]
    search_fields = ["title", "municipality__name"]
    list_select_related = ["municipality"]
    inlines = [FocusAreaInline, SectionInline, ActorInline, MilestoneInline]


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "plan", "position"]
    list_filter = ["plan__municipality"]
    search_fields = ["name", "role", "duties__text"]
    list_select_related = ["plan"]
    inlines = [DutyInline]


class LegalReferenceInline(admin.TabularInline):
    model = LegalReference
    extra = 0


class UnitRoutineTextInline(admin.StackedInline):
    model = UnitRoutineText
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
    list_display = ["title", "scope", "plan", "responsible"]
    list_filter = ["scope", "plan__municipality"]
    search_fields = ["title", "body"]
    list_select_related = ["plan", "responsible"]
    filter_horizontal = ["milestones"]
    inlines = [LegalReferenceInline, UnitRoutineTextInline]


@admin.register(UnitRoutineText)
class UnitRoutineTextAdmin(admin.ModelAdmin):
    list_display = ["routine", "unit", "status", "updated_at"]
    list_filter = ["status", "unit__municipality"]
    search_fields = ["routine__title", "unit__name", "body"]
    list_select_related = ["routine", "unit"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["number", "text", "plan"]
    list_filter = ["plan__municipality"]
    search_fields = ["text"]
    list_select_related = ["plan"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "municipality", "unit", "region"]
    list_filter = ["role", "municipality", "region"]
    search_fields = ["user__username", "user__email", "municipality__name", "unit__name"]
    list_select_related = ["user", "municipality", "unit", "region"]
    autocomplete_fields = ["user", "unit"]


# --- A unit's own part of a plan ---


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(admin.ModelAdmin):
    list_display = ["unit", "milestone", "status", "updated_at", "updated_by"]
    list_filter = ["status", "unit__municipality"]
    list_select_related = ["unit", "milestone", "updated_by"]
    search_fields = ["unit__name", "note"]


@admin.register(ReadConfirmation)
class ReadConfirmationAdmin(admin.ModelAdmin):
    list_display = ["unit", "plan", "approved_at", "user", "confirmed_at"]
    list_filter = ["plan__municipality"]
    list_select_related = ["unit", "plan", "user"]
    # A record of what someone confirmed: shown, never changed.
    readonly_fields = ["plan", "unit", "user", "approved_at", "confirmed_at"]
