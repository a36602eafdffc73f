"""Meeting arenas, target groups, the dated progress plan, calendar feeds and regional gatherings."""

from django.urls import path

from meetings.views import attachments, calendar, gathering_parts, gatherings, parts, progress, school_calendar

app_name = "meetings"

urlpatterns = [
    path("plans/<int:plan_pk>/arenas/", parts.arena_list, name="arena_list"),
    path("plans/<int:plan_pk>/arenas/new/", parts.arena_create, name="arena_create"),
    path("arenas/<int:pk>/", parts.arena_edit, name="arena_edit"),
    path("arenas/<int:pk>/delete/", parts.arena_delete, name="arena_delete"),
    path("arenas/<int:pk>/move/", parts.arena_move, name="arena_move"),
    path("arenas/<int:pk>/attachments/new/", attachments.arena_attachment_create, name="arena_attachment_create"),
    path("arena-attachments/<int:pk>/", attachments.arena_attachment_download, name="arena_attachment_download"),
    path("arena-attachments/<int:pk>/delete/", attachments.arena_attachment_delete, name="arena_attachment_delete"),
    path("plans/<int:plan_pk>/target-groups/", parts.target_group_list, name="target_group_list"),
    path("plans/<int:plan_pk>/target-groups/new/", parts.target_group_create, name="target_group_create"),
    path("target-groups/<int:pk>/", parts.target_group_edit, name="target_group_edit"),
    path("target-groups/<int:pk>/delete/", parts.target_group_delete, name="target_group_delete"),
    path("target-groups/<int:pk>/move/", parts.target_group_move, name="target_group_move"),
    path("plans/<int:plan_pk>/progress-plan/", parts.entry_list_moved, name="entry_list_moved"),
    path("plans/<int:plan_pk>/progress-plan/new/", parts.entry_create, name="entry_create"),
    path("entries/<int:pk>/", parts.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", parts.entry_delete, name="entry_delete"),
    path("plans/<int:pk>/progress/", progress.progress_months, name="progress_months"),
    path("plans/<int:pk>/year-wheel/", progress.year_wheel, name="year_wheel"),
    path("plans/<int:pk>/year-wheel.svg", progress.year_wheel_svg, name="year_wheel_svg"),
    path("plans/<int:pk>/year-wheel-poster.pdf", progress.year_wheel_poster, name="year_wheel_poster"),
    path("plans/<int:pk>/calendar/", calendar.feed_subscriptions, name="feed_subscriptions"),
    path("plans/<int:pk>/calendar/new-links/", calendar.regenerate_feed_token, name="regenerate_feed_token"),
    # No login: calendar programs carry the secret token instead.
    path("feeds/<slug:token>/plan.ics", calendar.plan_feed, name="plan_feed"),
    path("feeds/<slug:token>/units/<int:unit_pk>.ics", calendar.unit_feed, name="unit_feed"),
    path("feeds/<slug:token>/arenas/<int:arena_pk>.ics", calendar.arena_feed, name="arena_feed"),
    path(
        "municipalities/<int:municipality_pk>/school-calendar/",
        school_calendar.school_calendar_list,
        name="school_calendar_list",
    ),
    path(
        "municipalities/<int:municipality_pk>/school-calendar/<int:school_year>/",
        school_calendar.school_calendar_edit,
        name="school_calendar_edit",
    ),
    path(
        "municipalities/<int:municipality_pk>/school-calendar/<int:school_year>/delete/",
        school_calendar.school_calendar_delete,
        name="school_calendar_delete",
    ),
    path("gatherings/", gatherings.gathering_list, name="gathering_list"),
    path("regions/<int:region_pk>/gatherings/new/", gatherings.gathering_create, name="gathering_create"),
    path("gatherings/<int:pk>/", gatherings.gathering_detail, name="gathering_detail"),
    path("gatherings/<int:pk>/programme.pdf", gatherings.gathering_pdf, name="gathering_pdf"),
    path("gatherings/<int:pk>/edit/", gatherings.gathering_edit, name="gathering_edit"),
    path("gatherings/<int:pk>/delete/", gatherings.gathering_delete, name="gathering_delete"),
    path(
        "gatherings/<int:pk>/attachments/new/",
        attachments.gathering_attachment_create,
        name="gathering_attachment_create",
    ),
    path(
        "gathering-attachments/<int:pk>/",
        attachments.gathering_attachment_download,
        name="gathering_attachment_download",
    ),
    path(
        "gathering-attachments/<int:pk>/delete/",
        attachments.gathering_attachment_delete,
        name="gathering_attachment_delete",
    ),
    path(
        "gatherings/<int:pk>/prework/<int:municipality_pk>/",
        gatherings.prework_note_edit,
        name="prework_note_edit",
    ),
    path(
        "gatherings/<int:parent_pk>/agenda/new/",
        gathering_parts.part_create,
        {"kind": "agenda"},
        name="agenda_item_create",
    ),
    path("gatherings/agenda/<int:pk>/edit/", gathering_parts.part_edit, {"kind": "agenda"}, name="agenda_item_edit"),
    path(
        "gatherings/agenda/<int:pk>/delete/",
        gathering_parts.part_delete,
        {"kind": "agenda"},
        name="agenda_item_delete",
    ),
    path(
        "gatherings/<int:parent_pk>/group-work/new/",
        gathering_parts.part_create,
        {"kind": "group_work"},
        name="group_work_create",
    ),
    path(
        "gatherings/group-work/<int:pk>/edit/",
        gathering_parts.part_edit,
        {"kind": "group_work"},
        name="group_work_edit",
    ),
    path(
        "gatherings/group-work/<int:pk>/delete/",
        gathering_parts.part_delete,
        {"kind": "group_work"},
        name="group_work_delete",
    ),
    path(
        "gatherings/group-work/<int:parent_pk>/steps/new/",
        gathering_parts.part_create,
        {"kind": "step"},
        name="group_work_step_create",
    ),
    path("gatherings/steps/<int:pk>/edit/", gathering_parts.part_edit, {"kind": "step"}, name="group_work_step_edit"),
    path(
        "gatherings/steps/<int:pk>/delete/",
        gathering_parts.part_delete,
        {"kind": "step"},
        name="group_work_step_delete",
    ),
    path("gatherings/steps/<int:pk>/move/", gathering_parts.part_move, {"kind": "step"}, name="group_work_step_move"),
    path(
        "gatherings/group-work/<int:parent_pk>/groups/new/",
        gathering_parts.part_create,
        {"kind": "group"},
        name="work_group_create",
    ),
    path("gatherings/groups/<int:pk>/edit/", gathering_parts.part_edit, {"kind": "group"}, name="work_group_edit"),
    path(
        "gatherings/groups/<int:pk>/delete/", gathering_parts.part_delete, {"kind": "group"}, name="work_group_delete"
    ),
    path("gatherings/groups/<int:pk>/move/", gathering_parts.part_move, {"kind": "group"}, name="work_group_move"),
]
