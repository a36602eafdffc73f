from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from accounts.views import set_language
from ops.health import health
from ops.throttling import ThrottledPasswordResetForm

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    # Before Django's own, which it replaces: the same view with a rate-limited form.
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=ThrottledPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("meetings/", include("meetings.urls")),
    path("", include("routines.urls")),
    path("", include("documents.urls")),
]

# A database that is away gets the 503 page, anything else the 500 page.
handler500 = "ops.health.server_error"
