from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .accessibility import AUDIT_STATEMENT
from .models import AccessibilityStatement
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


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """Only superusers write the statement; the page shows the one reviewed last."""

    list_display = ["reviewed_on", "status"]

    def get_changeform_initial_data(self, request):
        # A new review starts from the statement shown now.
        current = AccessibilityStatement.objects.current()
        return {field: getattr(current, field) for field in AUDIT_STATEMENT}

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
