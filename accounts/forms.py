from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import EmailKind, EmailOptOut

HELP = {
    EmailKind.DIGEST: _("Monday morning: the coming two weeks and what is open, only when there is something."),
    EmailKind.DEADLINE: _("A few days before each deadline that concerns your unit."),
    EmailKind.REVIEW: _("When a routine or plan you own is due for review, and when the review date has passed."),
    EmailKind.NEW_VERSION: _("When a new version of the plan is approved that you are asked to read."),
}


class EmailSettingsForm(forms.Form):
    """One tick box per kind of e-mail: ticked means sent."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        off = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
        for kind in EmailKind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, help_text=HELP[kind], required=False, initial=kind.value not in off
            )

    def save(self):
        wanted = {kind for kind in EmailKind.values if self.cleaned_data[kind]}
        EmailOptOut.objects.filter(user=self.user, kind__in=wanted).delete()
        for kind in set(EmailKind.values) - wanted:
            EmailOptOut.objects.get_or_create(user=self.user, kind=kind)


class NameForm(forms.ModelForm):
    """The name a person is shown by: their own to write (the user name stays the login)."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }
