from django.urls import path

from . import views_progress

app_name = "meetings"

urlpatterns = []

# --- The school year at a glance (branch yearview): progress plan, year wheel, calendar feeds,
# --- regional gatherings, and reading the region's plans. Keep other routes outside this block.
urlpatterns += [
    path("plans/<int:pk>/progress/", views_progress.progress_months, name="progress_months"),
    path("plans/<int:pk>/year-wheel/", views_progress.year_wheel, name="year_wheel"),
    path("plans/<int:pk>/year-wheel.svg", views_progress.year_wheel_svg, name="year_wheel_svg"),
]
# --- end of the yearview block
