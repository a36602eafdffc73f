"""What a person chooses for themselves: their name (the language is set at i18n/setlang/)."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
]
