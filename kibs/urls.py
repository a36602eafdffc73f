from allauth.account.views import reauthenticate
from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from accounts.views import set_language
from identity import oidc
from identity import views as identity_views
from ops.health import health
from ops.throttling import AdminLoginForm, ThrottledPasswordResetForm

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
    path("accounts/login/", identity_views.login, name="login"),
    path("accounts/logout/", identity_views.logout, name="logout"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # Under the names allauth reverses: the OpenID Connect login and callback (identity.oidc),
    # MFA's pages, and its password check before a change of MFA ("account_login" is the login above).
    path("accounts/oidc/<str:provider_id>/login/", oidc.login, name="openid_connect_login"),
    path("accounts/oidc/<str:provider_id>/login/callback/", oidc.callback, name="openid_connect_callback"),
    path("accounts/2fa/", include("allauth.mfa.urls")),
    path("accounts/reauthenticate/", reauthenticate, name="account_reauthenticate"),
    path("accounts/login/", identity_views.login, name="account_login"),
    path("", include("identity.urls")),
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
