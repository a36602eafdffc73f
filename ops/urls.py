from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
]
