from django import forms
from django.contrib.auth import get_user_model


class NameForm(forms.ModelForm):
    """The name a person is shown by: their own to write (the user name stays the login)."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }
