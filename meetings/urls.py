from django.urls import path

from . import views, views_calendar, views_gathering_parts, views_gatherings, views_progress, views_sharing

app_name = "meetings"

urlpatterns = [
    path("plans/<int:plan_pk>/arenas/", views.arena_list, name="arena_list"),
    path("plans/<int:plan_pk>/arenas/new/", views.arena_create, name="arena_create"),
    path("arenas/<int:pk>/", views.arena_edit, name="arena_edit"),
    path("arenas/<int:pk>/delete/", views.arena_delete, name="arena_delete"),
    path("arenas/<int:pk>/move/", views.arena_move, name="arena_move"),
    path("plans/<int:plan_pk>/target-groups/", views.target_group_list, name="target_group_list"),
    path("plans/<int:plan_pk>/target-groups/new/", views.target_group_create, name="target_group_create"),
    path("target-groups/<int:pk>/", views.target_group_edit, name="target_group_edit"),
    path("target-groups/<int:pk>/delete/", views.target_group_delete, name="target_group_delete"),
    path("target-groups/<int:pk>/move/", views.target_group_move, name="target_group_move"),
    path("plans/<int:plan_pk>/progress-plan/", views.entry_list, name="entry_list"),
    path("plans/<int:plan_pk>/progress-plan/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
]

# --- The school year at a glance (branch yearview): progress plan, year wheel, calendar feeds,
# --- regional gatherings, and reading the region's plans. Keep other routes outside this block.
parts = views_gathering_parts
urlpatterns += [
    path("plans/<int:pk>/progress/", views_progress.progress_months, name="progress_months"),
    path("plans/<int:pk>/year-wheel/", views_progress.year_wheel, name="year_wheel"),
    path("plans/<int:pk>/year-wheel.svg", views_progress.year_wheel_svg, name="year_wheel_svg"),
    path("plans/<int:pk>/calendar/", views_calendar.feed_subscriptions, name="feed_subscriptions"),
    path("plans/<int:pk>/calendar/new-links/", views_calendar.regenerate_feed_token, name="regenerate_feed_token"),
    # No login: calendar programs carry the secret token instead.
    path("feeds/<slug:token>/plan.ics", views_calendar.plan_feed, name="plan_feed"),
    path("feeds/<slug:token>/units/<int:unit_pk>.ics", views_calendar.unit_feed, name="unit_feed"),
    path("feeds/<slug:token>/arenas/<int:arena_pk>.ics", views_calendar.arena_feed, name="arena_feed"),
    path("gatherings/", views_gatherings.gathering_list, name="gathering_list"),
    path("regions/<int:region_pk>/gatherings/new/", views_gatherings.gathering_create, name="gathering_create"),
    path("gatherings/<int:pk>/", views_gatherings.gathering_detail, name="gathering_detail"),
    path("gatherings/<int:pk>/programme.pdf", views_gatherings.gathering_pdf, name="gathering_pdf"),
    path("gatherings/<int:pk>/edit/", views_gatherings.gathering_edit, name="gathering_edit"),
    path("gatherings/<int:pk>/delete/", views_gatherings.gathering_delete, name="gathering_delete"),
    path(
        "gatherings/<int:pk>/prework/<int:municipality_pk>/",
        views_gatherings.prework_note_edit,
        name="prework_note_edit",
    ),
    path("gatherings/<int:parent_pk>/agenda/new/", parts.part_create, {"kind": "agenda"}, name="agenda_item_create"),
    path("gatherings/agenda/<int:pk>/edit/", parts.part_edit, {"kind": "agenda"}, name="agenda_item_edit"),
    path("gatherings/agenda/<int:pk>/delete/", parts.part_delete, {"kind": "agenda"}, name="agenda_item_delete"),
    path(
        "gatherings/<int:parent_pk>/group-work/new/",
        parts.part_create,
        {"kind": "group_work"},
        name="group_work_create",
    ),
    path("gatherings/group-work/<int:pk>/edit/", parts.part_edit, {"kind": "group_work"}, name="group_work_edit"),
    path("gatherings/group-work/<int:pk>/delete/", parts.part_delete, {"kind": "group_work"}, name="group_work_delete"),
    path(
        "gatherings/group-work/<int:parent_pk>/steps/new/",
        parts.part_create,
        {"kind": "step"},
        name="group_work_step_create",
    ),
    path("gatherings/steps/<int:pk>/edit/", parts.part_edit, {"kind": "step"}, name="group_work_step_edit"),
    path("gatherings/steps/<int:pk>/delete/", parts.part_delete, {"kind": "step"}, name="group_work_step_delete"),
    path("gatherings/steps/<int:pk>/move/", parts.part_move, {"kind": "step"}, name="group_work_step_move"),
    path(
        "gatherings/group-work/<int:parent_pk>/groups/new/",
        parts.part_create,
        {"kind": "group"},
        name="work_group_create",
    ),
    path("gatherings/groups/<int:pk>/edit/", parts.part_edit, {"kind": "group"}, name="work_group_edit"),
    path("gatherings/groups/<int:pk>/delete/", parts.part_delete, {"kind": "group"}, name="work_group_delete"),
    path("gatherings/groups/<int:pk>/move/", parts.part_move, {"kind": "group"}, name="work_group_move"),
    path("region/plans/", views_sharing.region_plans, name="region_plans"),
    path("region/plans/<int:pk>/", views_sharing.shared_plan, name="shared_plan"),
    path("region/compare/", views_sharing.compare_plans, name="compare_plans"),
]
# --- end of the yearview block
