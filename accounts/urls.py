"""What a person chooses for themselves: their name, which e-mails they get, and the one-click unsubscribe."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/email/", views.email_settings, name="email_settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
