from django.urls import path

from . import views, views_approval, views_history

app_name = "routines"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
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
