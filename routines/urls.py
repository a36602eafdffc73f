from django.urls import path

from . import views, views_approval, views_history, views_overview, views_parts, views_routines, views_unit

app_name = "routines"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/settings/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:plan_pk>/focus-areas/", views_parts.focus_area_list, name="focus_area_list"),
    path("plans/<int:plan_pk>/focus-areas/new/", views_parts.focus_area_create, name="focus_area_create"),
    path("focus-areas/<int:pk>/edit/", views_parts.focus_area_edit, name="focus_area_edit"),
    path("focus-areas/<int:pk>/delete/", views_parts.focus_area_delete, name="focus_area_delete"),
    path("focus-areas/<int:pk>/move/", views_parts.focus_area_move, name="focus_area_move"),
    path("plans/<int:plan_pk>/sections/", views_parts.section_list, name="section_list"),
    path("plans/<int:plan_pk>/sections/new/", views_parts.section_create, name="section_create"),
    path("sections/<int:pk>/edit/", views_parts.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", views_parts.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/", views_parts.section_move, name="section_move"),
    path("plans/<int:plan_pk>/actors/", views_parts.actor_list, name="actor_list"),
    path("plans/<int:plan_pk>/actors/new/", views_parts.actor_create, name="actor_create"),
    path("actors/<int:pk>/edit/", views_parts.actor_edit, name="actor_edit"),
    path("actors/<int:pk>/delete/", views_parts.actor_delete, name="actor_delete"),
    path("actors/<int:pk>/move/", views_parts.actor_move, name="actor_move"),
    path("duties/<int:pk>/move/", views_parts.duty_move, name="duty_move"),
    path("plans/<int:plan_pk>/milestones/", views_parts.milestone_list, name="milestone_list"),
    path("plans/<int:plan_pk>/milestones/new/", views_parts.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", views_parts.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", views_parts.milestone_delete, name="milestone_delete"),
    path("plans/<int:plan_pk>/routines/", views_routines.routine_list, name="routine_list"),
    path("plans/<int:plan_pk>/routines/new/", views_routines.routine_create, name="routine_create"),
    path("routines/<int:pk>/", views_routines.routine_detail, name="routine_detail"),
    path("routines/<int:pk>/edit/", views_routines.routine_edit, name="routine_edit"),
    path("routines/<int:pk>/delete/", views_routines.routine_delete, name="routine_delete"),
    path("routines/<int:pk>/move/", views_routines.routine_move, name="routine_move"),
    path("routines/<int:routine_pk>/units/<int:unit_pk>/", views_routines.routine_unit_text, name="routine_unit_text"),
    path("municipalities/<int:municipality_pk>/units/", views_routines.unit_list, name="unit_list"),
    path("municipalities/<int:municipality_pk>/units/new/", views_routines.unit_create, name="unit_create"),
    path("units/<int:pk>/edit/", views_routines.unit_edit, name="unit_edit"),
    path("units/<int:pk>/delete/", views_routines.unit_delete, name="unit_delete"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
]

# History, approval and publishing (views_history.py, views_approval.py).
urlpatterns += [
    path("plans/<int:pk>/history/", views_history.plan_history, name="plan_history"),
    path(
        "plans/<int:pk>/history/<slug:part_key>/<int:history_id>/",
        views_history.history_version,
        name="history_version",
    ),
    path(
        "plans/<int:pk>/history/<slug:part_key>/<int:history_id>/restore/",
        views_history.history_restore,
        name="history_restore",
    ),
    path("plans/<int:pk>/status/", views_approval.plan_status, name="plan_status"),
    path("plans/<int:pk>/approve/", views_approval.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/archive/", views_approval.plan_archive, name="plan_archive"),
    path("plans/<int:pk>/publish/", views_approval.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/withdraw/", views_approval.plan_withdraw, name="plan_withdraw"),
    path("plans/<int:pk>/revise/", views_approval.plan_start_revision, name="plan_start_revision"),
    path("plans/<int:pk>/next-year/", views_approval.plan_start_next_year, name="plan_start_next_year"),
    path("public/<slug:slug>/", views_approval.public_plan, name="public_plan"),
]

# --- A unit's page of a plan, its own part, and the advisor's overview of all units ---

urlpatterns += [
    path("units/<int:unit_pk>/", views_unit.unit_page_current, name="unit_page_current"),
    path("plans/<int:plan_pk>/units/<int:unit_pk>/", views_unit.unit_page, name="unit_page"),
    path("plans/<int:plan_pk>/units/<int:unit_pk>/pdf/", views_unit.unit_pdf, name="unit_pdf"),
    path("plans/<int:plan_pk>/units/<int:unit_pk>/confirm/", views_unit.read_confirm, name="read_confirm"),
    path("units/<int:unit_pk>/routines/<int:routine_pk>/text/", views_unit.unit_text_edit, name="unit_text_edit"),
    path(
        "units/<int:unit_pk>/milestones/<int:milestone_pk>/",
        views_unit.milestone_progress_edit,
        name="milestone_progress_edit",
    ),
    path("plans/<int:pk>/overview/", views_overview.plan_overview, name="plan_overview"),
]
