from django.contrib import admin
from django.contrib.auth.views import LoginView, PasswordResetView
from django.urls import include, path

from accounts.views import set_language
from ops.health import health
from ops.throttling import AdminLoginForm, LoginForm, ThrottledPasswordResetForm

# The admin logs in with the same bound on user names as everyone else.
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    # Before Django's own, which they replace: the same views with a rate-limited form and a bounded one.
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=ThrottledPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("ops.urls")),
    path("meetings/", include("meetings.urls")),
    path("", include("routines.urls")),
    path("", include("documents.urls")),
]

# A database that is away gets the 503 page, anything else the 500 page.
handler500 = "ops.health.server_error"
# A refusal says why and leads back to the plan it names.
handler403 = "ops.errors.permission_denied"
