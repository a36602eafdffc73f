from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .security import deactivate_user

User = get_user_model()

admin.site.unregister(User)


@admin.register(User)
class KibsUserAdmin(UserAdmin):
    actions = ["deactivate"]

    @admin.action(description=_("Deactivate the selected users and end their sessions"), permissions=["change"])
    def deactivate(self, request, queryset):
        users = list(queryset)
        for user in users:
            deactivate_user(user)
        self.message_user(
            request,
            ngettext("%d user deactivated and logged out.", "%d users deactivated and logged out.", len(users))
            % len(users),
            messages.SUCCESS,
        )
