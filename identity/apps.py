from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Logging in")

    def ready(self):
        from . import audit  # noqa: F401  (connects the security log's receivers)
