from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """What running KIBS safely needs: health, error pages, sessions, security logging."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        # Connects the receivers of login, logout and lockout signals, and registers the deploy checks.
        from . import audit, checks, security  # noqa: F401
