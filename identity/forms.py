from django import forms
from django.utils.translation import gettext_lazy as _

from ops.security import client_ip, security_log
from ops.throttling import LoginForm

from .policy import local_login_refused


class LocalLoginForm(LoginForm):
    """The login with a user name and password (axes counts it), refused where the municipality has switched it off."""

    error_messages = {
        **LoginForm.error_messages,
        "local_accounts_off": _(
            "Your municipality has switched off logging in with a KIBS password. "
            "Use the button to log in with your municipality's account."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if local_login_refused(user):
            security_log.warning("local_login_refused", extra={"user_id": user.pk, "ip": client_ip(self.request)})
            raise forms.ValidationError(self.error_messages["local_accounts_off"], code="local_accounts_off")


class ChooseMunicipalityForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Your municipality"), coerce=int)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", "")] + [
            (choice.municipality_id, choice.municipality.name) for choice in choices
        ]
