"""Forms of the whole plan: how a new plan starts, and the decision that approves it."""

from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import services
from documents.changes import part_label
from routines.editing import FreeTextForm, WholeNumberField
from routines.employees import MAX_ADDRESSES, parse_addresses
from routines.models import Plan
from routines.school_year import current_school_year
from routines.validators import refuse_identity_numbers


class PlanCreateForm(FreeTextForm):
    class Start(models.TextChoices):
        BLANK = "blank", _("An empty plan")
        TEMPLATE = "template", _("Udir's template E 1.6: twelve guiding questions to answer")
        COPY = "copy", _("A copy of an existing plan")

    start = forms.ChoiceField(
        label=_("Start from"), choices=Start.choices, initial=Start.BLANK, widget=forms.RadioSelect
    )
    copy_from = forms.ModelChoiceField(
        label=_("Plan to copy"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("Only used when starting from a copy."),
    )

    class Meta:
        model = Plan
        fields = [
            "municipality",
            "title",
            "subtitle",
            "school_year",
            "period_first_year",
            "period_last_year",
            "language",
        ]
        field_classes = {
            "school_year": WholeNumberField,
            "period_first_year": WholeNumberField,
            "period_last_year": WholeNumberField,
        }

    def __init__(self, *args, municipalities, copyable, **kwargs):
        """`municipalities`: where the user may start a plan; `copyable`: the plans they may start from."""
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if len(municipalities) == 1:
            # The advisor's only municipality: chosen, with nothing else to choose.
            self.fields["municipality"].initial = municipalities[0].pk
            self.fields["municipality"].empty_label = None
        self.fields["school_year"].initial = current_school_year()
        self.fields["copy_from"].queryset = copyable.for_plan_list()
        self.fields["copy_from"].label_from_instance = lambda plan: f"{plan.municipality.name}: {plan}"

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("start") == self.Start.COPY and not cleaned_data.get("copy_from"):
            self.add_error("copy_from", _("Choose the plan to copy."))
        return cleaned_data

    def save(self):
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        start = self.cleaned_data["start"]
        with transaction.atomic():
            if start == self.Start.TEMPLATE:
                self.instance = services.plan_from_template(**fields)
            elif start == self.Start.COPY:
                self.instance = services.copy_of_plan(self.cleaned_data["copy_from"], **fields)
            else:
                self.instance = Plan.objects.create(**fields)
        return self.instance


class ApprovalForm(forms.Form):
    """The decision that approves a plan, and which of a revision's changes must be read again."""

    decision_body = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("The body that made the decision, e.g. kommunestyret, hovedutvalg or kommunedirektøren."),
        widget=forms.TextInput(attrs={"list": "decision-bodies", "autocomplete": "off"}),
    )
    decision_reference = forms.CharField(
        label=_("Case reference"), max_length=100, help_text=_("The case or decision number, e.g. 24/31.")
    )
    decision_date = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    rereading = forms.TypedMultipleChoiceField(
        label=_("Changes everyone must read again"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Units and employees see these changes under «New version: read the changes», "
            "and confirm having read the plan again. Their earlier confirmation then no longer counts."
        ),
    )

    # Offered while typing; any other body may be written.
    COMMON_BODIES = ["kommunestyret", "hovedutvalg", "kommunedirektøren"]

    def __init__(self, *args, changes=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("decision_body", "decision_reference"):
            self.fields[name].validators.append(refuse_identity_numbers)
        self.fields["rereading"].choices = [
            (index, f"{part_label(change.part)}: {change.title}") for index, change in enumerate(changes)
        ]
        if not changes:
            del self.fields["rereading"]

    def clean_decision_date(self):
        date = self.cleaned_data["decision_date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return date

    def decision(self):
        return services.Decision(
            body=self.cleaned_data["decision_body"],
            reference=self.cleaned_data["decision_reference"],
            date=self.cleaned_data["decision_date"],
        )

    def rereading_indexes(self):
        return frozenset(self.cleaned_data.get("rereading") or ())


class EmployeesForm(forms.Form):
    """E-mail addresses pasted as they come: one a line, or separated by commas or semicolons."""

    addresses = forms.CharField(
        label=_("E-mail addresses of new employees"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Paste one or more addresses, e.g. from the staff list. New people get an e-mail to choose a "
            "password; people who already have an account just get access to the unit."
        ),
    )

    def clean_addresses(self):
        addresses, invalid = parse_addresses(self.cleaned_data["addresses"])
        if invalid:
            raise forms.ValidationError(
                _("These are not e-mail addresses: %(addresses)s. Nobody was added.")
                % {"addresses": ", ".join(invalid)}
            )
        if not addresses:
            raise forms.ValidationError(_("Paste at least one e-mail address."))
        if len(addresses) > MAX_ADDRESSES:
            raise forms.ValidationError(
                _("At most %(count)d addresses at a time. Nobody was added.") % {"count": MAX_ADDRESSES}
            )
        return addresses
