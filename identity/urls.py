from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
    path("accounts/municipality/", views.choose_municipality, name="choose_municipality"),
    path("accounts/no-access/", views.no_access, name="no_access"),
    path("municipalities/<int:municipality_pk>/login/", views.role_rules, name="role_rules"),
]
