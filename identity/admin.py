from django import forms
from django.contrib import admin

from .models import MunicipalLogin, RoleRule, role_choices


class SuperusersOnly:
    """How people log in is set by the installation's superusers, not by a municipality's staff."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    has_change_permission = has_delete_permission = has_view_permission


@admin.register(MunicipalLogin)
class MunicipalLoginAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["municipality", "provider", "local_accounts"]
    list_select_related = ["municipality", "provider"]
    autocomplete_fields = ["municipality"]


class RoleRuleForm(forms.ModelForm):
    role = forms.ChoiceField(label=RoleRule._meta.get_field("role").verbose_name, choices=role_choices)

    class Meta:
        model = RoleRule
        fields = ["provider", "claim", "value", "municipality", "role", "unit"]


@admin.register(RoleRule)
class RoleRuleAdmin(SuperusersOnly, admin.ModelAdmin):
    """Superusers edit the rules here; a municipality's advisors read them on its login page."""

    form = RoleRuleForm
    list_display = ["municipality", "provider", "claim", "value", "role_label", "unit"]
    list_filter = ["provider", "municipality"]
    list_select_related = ["municipality", "provider", "unit"]
    search_fields = ["value", "municipality__name"]
    autocomplete_fields = ["municipality", "unit"]

    @admin.display(description=RoleRule._meta.get_field("role").verbose_name)
    def role_label(self, rule):
        return rule.role_label
