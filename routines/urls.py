from django.urls import path

from . import views

app_name = "routines"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
]

# --- A unit's page of a plan, its own part, and the advisor's overview of all units ---
from . import views_overview, views_unit  # noqa: E402  (kept in one block so the branches merge apart)

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
