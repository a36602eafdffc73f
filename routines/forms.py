"""Forms of the plan workspace. Every form that edits stored text is conflict-safe."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.forms import inlineformset_factory
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from . import attachments as attachment_files
from .editing import FreeTextForm, VersionedModelForm, WholeNumberField, unique_in_plan
from .images import checked_cover, checked_logo
from .models import (
    Actor,
    Duty,
    FocusArea,
    LegalReference,
    Milestone,
    Municipality,
    Plan,
    Routine,
    Section,
    Unit,
    UnitRoutineText,
)
from .models.attachments import WEB_ADDRESS_MESSAGE

# A msgid of its own: the models' "text" is also a type name in plan-file error messages.
TEXT_LABEL = _("Text")


REVIEW_FIELDS = ["review_owner", "review_interval_months"]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ReviewOwnerFields:
    """The owner of a plan's or a routine's review: an actor of the plan, or a person of the municipality."""

    def limit_review_owner(self, plan):
        if "review_owner_actor" in self.fields:
            self.fields["review_owner_actor"].queryset = plan.actors.all() if plan.pk else Actor.objects.none()
        self.fields["review_owner"].queryset = members_of(plan.municipality_id)


def members_of(municipality_id):
    """The people with a role in the municipality or one of its units, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__municipality=municipality_id)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PlanSettingsForm(ReviewOwnerFields, VersionedModelForm):
    # No status: a plan is approved with the decision that approves it (and, where the
    # municipality asks for it, by another person), and archived on its own page.
    class Meta:
        model = Plan
        fields = [
            "title",
            "subtitle",
            "school_year",
            "period_first_year",
            "period_last_year",
            "language",
            "intro",
            "level_names",
            *REVIEW_FIELDS,
        ]
        field_classes = {
            "school_year": WholeNumberField,
            "period_first_year": WholeNumberField,
            "period_last_year": WholeNumberField,
            "review_interval_months": WholeNumberField,
            "review_owner": PersonChoiceField,
        }
        widgets = {"level_names": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"intro": _("Simple formatting (Markdown) is allowed.")}

    def save(self, commit=True):
        # Changed in KIBS now: the cover's "last changed" is no longer the imported document's date.
        if self.has_changed():
            self.instance.document_changed_on = None
        return super().save(commit)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_review_owner(self.instance)


class ReviewForm(VersionedModelForm):
    """Marking the plan reviewed, with an optional note; RoutineReviewForm does the same for a routine."""

    class Meta:
        model = Plan
        fields = ["review_note"]
        widgets = {"review_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the last review noted is history; each review writes its own.
        self.initial["review_note"] = ""


class RoutineReviewForm(ReviewForm):
    class Meta(ReviewForm.Meta):
        model = Routine


class VisionForm(VersionedModelForm):
    """The municipality's vision sentence, shown on every plan of the municipality, and how it approves plans."""

    prefix = "municipality"

    class Meta:
        model = Municipality
        fields = ["vision", "four_eyes_approval"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"vision": _("Shared by every plan of the municipality.")}


class FocusAreaForm(VersionedModelForm):
    class Meta:
        model = FocusArea
        fields = ["name", "goals"]


class SectionForm(VersionedModelForm):
    class Meta:
        model = Section
        fields = ["title", "level", "body", "part", "guiding_question"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "guiding_question": forms.Textarea(attrs={"rows": 2})}
        labels = {"body": TEXT_LABEL}
        help_texts = {
            "body": _("Simple formatting (Markdown) is allowed."),
            "guiding_question": _("The question this section answers, shown above the text while writing."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.guiding_question:
            # Screen readers announce the question together with the text field.
            self.fields["body"].widget.attrs["aria-describedby"] = "guiding-question"


class ActorForm(VersionedModelForm):
    class Meta:
        model = Actor
        fields = ["name", "role", "applies_to_units"]

    def clean_name(self):
        return unique_in_plan(
            self, "name", _("The plan already has an actor called «%(name)s»; routines name their actor.")
        )


class OrderedDuties(forms.BaseInlineFormSet):
    """An actor's duties in the order the form shows them: moving one up or down
    happens inside the form (moved), together with everything else typed, and
    the order is stored with the one save (save_order)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[forms.formsets.ORDERING_FIELD_NAME].widget = forms.HiddenInput()
        if index is None or index >= self.initial_form_count():
            # A blank new duty is optional (left empty it is not saved), so it is not marked required.
            form.fields["text"].required = False

    def moved(self, index, step):
        """The posted data with duty `index` swapped with its neighbour, or None when it cannot move."""
        other = index + step
        if not (0 <= index < self.initial_form_count() and 0 <= other < self.initial_form_count()):
            return None
        data = self.data.copy()
        first, second = f"{self.prefix}-{index}-", f"{self.prefix}-{other}-"
        for name in [name for name in self.data if name.startswith((first, second))]:
            counterpart = (
                second + name.removeprefix(first) if name.startswith(first) else first + name.removeprefix(second)
            )
            data.setlist(counterpart, self.data.getlist(name))
            if counterpart not in self.data:
                del data[name]
        for number in range(self.initial_form_count()):
            data[f"{self.prefix}-{number}-{forms.formsets.ORDERING_FIELD_NAME}"] = str(number + 1)
        return data

    def save(self, commit=True):
        saved = super().save(commit)
        self.save_order()
        return saved

    def save_order(self):
        for position, form in enumerate(self.ordered_forms):
            if form.instance.pk:
                Duty.objects.filter(pk=form.instance.pk).update(position=position)


DutyFormSet = inlineformset_factory(
    Actor,
    Duty,
    form=FreeTextForm,
    formset=OrderedDuties,
    fields=["text"],
    extra=2,
    can_order=True,
    can_delete_extra=False,
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
)


class MilestoneForm(VersionedModelForm):
    class Meta:
        model = Milestone
        fields = ["number", "text"]
        field_classes = {"number": WholeNumberField}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def clean_number(self):
        return unique_in_plan(self, "number", _("The plan already has a milestone number %(number)s."))


class RoutineForm(ReviewOwnerFields, VersionedModelForm):
    bti_levels = forms.TypedMultipleChoiceField(
        label=_("BTI levels"),
        choices=[
            (0, _("Level 0: wondering and concern")),
            (1, _("Level 1: action in one's own service")),
            (2, _("Level 2: cooperation with other services")),
            (3, _("Level 3: extended cooperation and coordination")),
        ],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Routine
        fields = [
            "title",
            "scope",
            "unit_kinds",
            "responsible",
            "frequency",
            "body",
            "milestones",
            "bti_levels",
            "allows_local_supplement",
            "review_owner_actor",
            *REVIEW_FIELDS,
        ]
        field_classes = {"review_interval_months": WholeNumberField, "review_owner": PersonChoiceField}
        widgets = {
            "scope": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 12}),
            "milestones": forms.CheckboxSelectMultiple,
        }
        labels = {"body": TEXT_LABEL}
        help_texts = {"body": _("Simple formatting (Markdown) is allowed.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = self.instance.plan.actors.all()
        self.fields["milestones"].queryset = self.instance.plan.milestones.all()
        self.fields["milestones"].label_from_instance = lambda milestone: milestone.full_label
        self.limit_review_owner(self.instance.plan)

    def clean_scope(self):
        scope = self.cleaned_data["scope"]
        # Units' texts keep their meaning: a unit's whole routine, or its supplement to the common one.
        if self.instance.pk and scope != self.instance.scope and self.instance.unit_texts.exists():
            if scope == Routine.Scope.COMMON:
                raise forms.ValidationError(
                    _("Units have written their own texts for this routine; it stays unit-specific while they exist.")
                )
            raise forms.ValidationError(
                _("Units have written local supplements to this routine; it stays common while they exist.")
            )
        return scope


LegalReferenceFormSet = inlineformset_factory(
    Routine,
    LegalReference,
    form=FreeTextForm,
    fields=["citation", "url"],
    extra=1,
    can_delete_extra=False,
)


FORMATTING_HELP = _(
    "Formatting: **bold**, *italic*, a line starting with “- ” for a list, a blank line between paragraphs."
)


class UnitTextForm(VersionedModelForm):
    """The unit's own text for a unit-specific routine."""

    class Meta:
        model = UnitRoutineText
        fields = ["body", "status"]
        labels = {"body": _("Our unit's text"), "status": _("Status")}
        help_texts = {"body": FORMATTING_HELP}
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "status": forms.RadioSelect}


class SupplementForm(UnitTextForm):
    """The unit's local supplement to a common routine, shown under the common text."""

    class Meta(UnitTextForm.Meta):
        labels = {"body": _("Our local supplement"), "status": _("Status")}
        help_texts = {
            "body": format_lazy("{} {}", _("Shown under the common text, never instead of it."), FORMATTING_HELP),
        }


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = ["name", "slug", "kind", "owner"]
        labels = {"slug": _("Short name")}
        help_texts = {"slug": _("Used in links and plan files. Made from the name when left empty.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug") or slugify(cleaned_data.get("name", ""))
        if not slug:
            return cleaned_data
        cleaned_data["slug"] = slug
        # The municipality is not a field of the form, so Django's own unique check skips it.
        taken = Unit.objects.filter(municipality=self.instance.municipality_id, slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            message = _("Another unit of the municipality already has the short name «%(slug)s».")
            self.add_error("slug", message % {"slug": slug})
        return cleaned_data


class AttachmentForm(VersionedModelForm):
    """A titled link, or an uploaded file checked by its content (routines/attachments.py)."""

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=format_lazy(
            _("{kinds}, at most {limit} MB. Or give a web address instead."),
            kinds=attachment_files.ALLOWED_LABEL,
            limit=attachment_files.max_bytes_label(),
        ),
    )

    class Meta:
        fields = ["title", "url"]
        help_texts = {"url": _("A link to a page or document elsewhere, starting with https://.")}
        error_messages = {"url": {"invalid": WEB_ADDRESS_MESSAGE}}

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > attachment_files.max_bytes():
            # Refused before reading it: the size the browser sent is enough.
            attachment_files.check_upload(b"\0" * 0, upload.name, size=upload.size)
        data = upload.read()
        self._kind, self._file_name = attachment_files.check_upload(data, upload.name)
        self._data = data
        return upload

    def clean(self):
        cleaned = super().clean()
        has_url, has_file = bool(cleaned.get("url")), bool(cleaned.get("upload"))
        if has_url and has_file:
            self.add_error("url", _("Give either a web address or a file, not both."))
        elif not has_url and not has_file and not self.has_error("upload") and not self.has_error("url"):
            self.add_error("upload", _("Choose a file to upload, or give a web address."))
        return cleaned

    def save(self, commit=True):
        attachment = super().save(commit=False)
        if self.cleaned_data.get("upload"):
            attachment.kind, attachment.file_name = self._kind, self._file_name
            attachment.size, attachment.sha256 = len(self._data), attachment_files.checksum(self._data)
            attachment.file.save(self._file_name, ContentFile(self._data), save=False)
        if commit:
            attachment.save()
        return attachment


def attachment_form(model):
    return forms.modelform_factory(model, form=AttachmentForm, fields=AttachmentForm.Meta.fields)


class MunicipalityLookForm(VersionedModelForm):
    """The municipality's logo, cover picture and colour: checked and cleaned before anything is stored."""

    class Meta:
        model = Municipality
        fields = ["logo", "cover_picture", "accent"]
        widgets = {"accent": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].widget.attrs["accept"] = ".png,.jpg,.jpeg,.svg,image/png,image/jpeg,image/svg+xml"
        self.fields["cover_picture"].widget.attrs["accept"] = ".png,.jpg,.jpeg,image/png,image/jpeg"

    def clean_logo(self):
        return self._checked("logo", checked_logo)

    def clean_cover_picture(self):
        return self._checked("cover_picture", checked_cover)

    def _checked(self, name, check):
        value = self.cleaned_data.get(name)
        if isinstance(value, UploadedFile):  # a new upload; the stored file was checked when it came
            return check(value)
        return value
