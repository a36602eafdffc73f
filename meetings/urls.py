from django.urls import path

from . import views_calendar, views_progress

app_name = "meetings"

urlpatterns = []

# --- The school year at a glance (branch yearview): progress plan, year wheel, calendar feeds,
# --- regional gatherings, and reading the region's plans. Keep other routes outside this block.
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
]
# --- end of the yearview block
