from django.contrib import admin
from django.urls import include, path

from accounts.views import set_language
from ops.health import health

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("meetings/", include("meetings.urls")),
    path("", include("routines.urls")),
    path("", include("documents.urls")),
]

# A database that is away gets the 503 page, anything else the 500 page.
handler500 = "ops.health.server_error"
