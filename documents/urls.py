"""What reads or copies the whole plan: the plan page and its PDF, approval and copies, history,
the units' pages and the advisor's overview, the public page, and reading the region's plans."""

from django.urls import path

from documents.views import (
    approval,
    changes,
    employees,
    history,
    home,
    overview,
    plans,
    reading,
    search,
    sharing,
    units,
)

app_name = "documents"

urlpatterns = [
    path("", home.home, name="home"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/settings/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/review/", plans.plan_review, name="plan_review"),
    path("plans/<int:pk>/delete/", plans.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/pdf/", plans.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/search/", search.search_plan, name="search_plan"),
    path("search/", search.search_all, name="search_all"),
    path("plans/<int:pk>/history/", history.plan_history, name="plan_history"),
    path(
        "plans/<int:pk>/history/<slug:part_key>/<int:history_id>/",
        history.history_version,
        name="history_version",
    ),
    path(
        "plans/<int:pk>/history/<slug:part_key>/<int:history_id>/restore/",
        history.history_restore,
        name="history_restore",
    ),
    path("plans/<int:pk>/status/", approval.plan_status, name="plan_status"),
    path("plans/<int:pk>/approve/", approval.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/archive/", approval.plan_archive, name="plan_archive"),
    path("plans/<int:pk>/publish/", approval.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/withdraw/", approval.plan_withdraw, name="plan_withdraw"),
    path("plans/<int:pk>/revise/", approval.plan_start_revision, name="plan_start_revision"),
    path("plans/<int:pk>/next-year/", approval.plan_start_next_year, name="plan_start_next_year"),
    path("plans/<int:pk>/read/", reading.plan_read, name="plan_read"),
    path("public/<slug:slug>/", reading.public_plan, name="public_plan"),
    path("public/<slug:slug>/pdf/", reading.public_plan_pdf, name="public_plan_pdf"),
    path("public/<slug:slug>/files/<str:part>/<int:pk>/", reading.public_attachment, name="public_attachment"),
    path("units/<int:unit_pk>/", units.unit_page_current, name="unit_page_current"),
    path("plans/<int:plan_pk>/units/<int:unit_pk>/", units.unit_page, name="unit_page"),
    path("plans/<int:plan_pk>/units/<int:unit_pk>/pdf/", units.unit_pdf, name="unit_pdf"),
    path("plans/<int:plan_pk>/units/<int:unit_pk>/confirm/", units.read_confirm, name="read_confirm"),
    path("plans/<int:plan_pk>/units/<int:unit_pk>/comment/", units.unit_comment, name="unit_comment"),
    path("plans/<int:pk>/changes/", changes.plan_changes, name="plan_changes"),
    path("plans/<int:pk>/changes/read/", changes.plan_changes_to_read, name="plan_changes_to_read"),
    path("units/<int:unit_pk>/routines/<int:routine_pk>/text/", units.unit_text_edit_moved, name="unit_text_moved"),
    path(
        "units/<int:unit_pk>/milestones/<int:milestone_pk>/",
        units.milestone_progress_edit,
        name="milestone_progress_edit",
    ),
    path("units/<int:unit_pk>/employees/", employees.unit_employees, name="unit_employees"),
    path("units/<int:unit_pk>/employees/<int:user_pk>/remove/", employees.employee_remove, name="employee_remove"),
    path("plans/<int:pk>/overview/", overview.plan_overview, name="plan_overview"),
    # Under meetings/ since they were first written there; the addresses stay.
    path("meetings/region/plans/", sharing.region_plans, name="region_plans"),
    path("meetings/region/plans/<int:pk>/", sharing.shared_plan, name="shared_plan"),
    path("meetings/region/compare/", sharing.compare_plans, name="compare_plans"),
]
