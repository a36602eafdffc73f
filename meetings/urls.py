from django.urls import path

from . import views

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
