from django.urls import path

from . import views, views_history

app_name = "routines"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
]

# History (views_history.py).
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
]
