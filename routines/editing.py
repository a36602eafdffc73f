"""The shared way of saving what people type: nothing lost, nothing overwritten.

Every editable model counts its versions (VersionedModel). A form remembers the
version it was opened at; saving from an older version is a conflict: the
save is refused, the form keeps what was typed, and the page shows the version
someone else saved so the two can be merged and saved again.
"""

import json

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import IntegrityError, router, transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .formatting import stored_html_fields
from .stored_files import remove_after_commit
from .validators import refuse_identity_numbers, whole_number


def posted(request):
    """The form data of a POST, or None so that a GET shows an unbound form."""
    return request.POST if request.method == "POST" else None


def safe_next_url(request):
    """The page to return to, from `?next=`, or None: only a path of this site, never another host."""
    url = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else None


class WholeNumberField(forms.IntegerField):
    """An integer in ASCII digits only: "²" or "٧" is a form error, never a 500 or a surprise."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = whole_number(str(value))
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class MarkdownTextarea(forms.Textarea):
    """A Markdown field: static/js/markdown-editor.js gives it a formatting toolbar and a live preview
    (the server's rendering, routines:markdown_preview). Without JavaScript it is a plain text area."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-markdown"] = json.dumps(
            {
                "preview_url": reverse("routines:markdown_preview"),
                "toolbar": str(_("Formatting")),
                "bold": str(_("Bold")),
                "italic": str(_("Italic")),
                "bullets": str(_("Bulleted list")),
                "numbers": str(_("Numbered list")),
                "link": str(_("Link")),
                "link_text": str(_("link text")),
                "preview": str(_("Preview")),
                "preview_failed": str(_("The preview is not available just now. Your text is not affected.")),
            }
        )
        return context


class FreeTextForm(forms.ModelForm):
    """A form whose text fields refuse national identity numbers: no data about children, by design.

    Every form that stores what people write builds on this, so a new text
    field is checked the day it is added; its Markdown fields (those with
    stored HTML beside them) get the formatting toolbar and preview.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        markdown = {field.source for field in stored_html_fields(self._meta.model)}
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                field.validators.append(refuse_identity_numbers)
            if name in markdown and type(field.widget) is forms.Textarea:
                widget = MarkdownTextarea(attrs=field.widget.attrs)
                widget.is_required = field.widget.is_required
                field.widget = widget


def unique_in_plan(form, field, message):
    """The cleaned value of `field`, refused when another part of the same plan has it.

    The plan is not a field of the form, so Django's own check of the unique
    constraint skips it; without this a twin would be a 500. The message may
    name the value as %(field)s.
    """
    value = form.cleaned_data[field]
    model = form._meta.model
    twins = model.objects.filter(plan=form.instance.plan_id, **{field: value}).exclude(pk=form.instance.pk)
    if twins.exists():
        raise ValidationError(message, code="unique", params={field: value})
    return value


class VersionedModelForm(FreeTextForm):
    seen_version = WholeNumberField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version


def save_unless_conflict(form, save=None):
    """Save a valid form unless its object changed since the form was opened.

    `save` does the actual saving (default `form.save()`), for pages that save
    more than one form together. Returns True when saved. On conflict, the
    form gets an error, `form.conflict` holds the stored object, and the form
    now carries the stored version, so saving the merged text again works.
    """
    return save_together_unless_conflict([form], save or form.save)


def save_together_unless_conflict(forms, save):
    """Like save_unless_conflict, for a page whose forms edit several versioned objects.

    Nothing is saved unless none of them changed since the page was opened.
    Two people writing the same new object (a unit's first text) at once both
    find nothing stored; the second insert then fails on the unique
    constraint, and that is a conflict like any other, never a 500.
    """
    with transaction.atomic():
        if [form for form in forms if _refuse_if_changed(form)]:
            return False
        try:
            # A savepoint, so the transaction can still read what the other person stored.
            with transaction.atomic():
                save()
        except IntegrityError:
            if not [form for form in forms if _refuse_if_stored_meanwhile(form)]:
                raise
            return False
    return True


def _refuse_if_changed(form):
    """Lock the form's stored object; on a newer version, mark the form as a conflict."""
    instance = form.instance
    if not instance.pk:
        return False
    stored = type(instance).objects.select_for_update().get(pk=instance.pk)
    if stored.version == form.cleaned_data.get("seen_version"):
        return False
    _mark_conflict(form, stored)
    return True


def _refuse_if_stored_meanwhile(form):
    """For a new object: if someone stored its twin (same unique fields) first, mark the form as a conflict."""
    instance = form.instance
    if not instance._state.adding:
        return False
    stored = _stored_twin(instance)
    if stored is None:
        return False
    _mark_conflict(form, stored)
    return True


def _stored_twin(instance):
    """The stored row that `instance` would duplicate under one of its model's unique constraints, or None."""
    model = type(instance)
    for constraint in model._meta.total_unique_constraints:
        attnames = [model._meta.get_field(name).attname for name in constraint.fields]
        stored = model.objects.filter(**{name: getattr(instance, name) for name in attnames}).first()
        if stored is not None:
            return stored
    return None


def _mark_conflict(form, stored):
    """Keep what was typed, show `stored`, and let the next save start from its version."""
    form.conflict = stored
    form.data = form.data.copy()
    form.data[form.add_prefix("seen_version")] = stored.version
    form.add_error(
        None,
        _(
            "Someone else saved this while you were editing. Your text is kept below; "
            "compare it with the saved version, merge, and save again."
        ),
    )


def _url_after_saving(success_url, saved):
    return success_url(saved) if callable(success_url) else success_url


def handle_form(request, form, template, context, success_url, success_message, save=None):
    """POST: validate and save (with conflict check), then redirect. GET: show.

    success_url may be a function of the saved object: the list it belongs to,
    scrolled to it (its anchor), so the person sees what they just saved.
    """
    if request.method == "POST" and form.is_valid() and save_unless_conflict(form, save):
        messages.success(request, success_message)
        return redirect(_url_after_saving(success_url, form.instance))
    status = 409 if getattr(form, "conflict", None) else (400 if form.is_bound else 200)
    return render(request, template, {**context, "form": form}, status=status)


def handle_form_and_formset(request, form, formset, template, context, success_url, success_message):
    """handle_form for an object edited together with its inline formset (an actor's duties).

    The object's version covers the whole page: saving it bumps the version,
    so a second save from the same starting version is a conflict.
    """
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):

        def save():
            form.save()
            formset.save()

        if save_unless_conflict(form, save):
            messages.success(request, success_message)
            return redirect(_url_after_saving(success_url, form.instance))
    status = 409 if form.conflict else (400 if form.is_bound else 200)
    return render(request, template, {**context, "form": form, "formset": formset}, status=status)


def move_part(request, part, success_url, moved=None):
    """Move a PlanPart one place up or down, as the POSTed `direction` says; then call `moved`."""
    steps = {"up": -1, "down": 1}
    direction = request.POST.get("direction")
    if direction not in steps:
        return HttpResponseBadRequest(_("Say which way to move: up or down."))
    if part.move(steps[direction]) and moved:
        moved()
    return redirect(success_url)


def deletion_summary(obj):
    """What else goes when `obj` is deleted, as (name, count) pairs, for the confirmation page."""
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    counts = {}
    for model, instances in collector.model_objs.items():
        if model is type(obj) or model._meta.auto_created:
            continue
        counts[capfirst(model._meta.verbose_name_plural)] = len(instances)
    return sorted(counts.items()), collector.protected


def confirm_delete(request, obj, context, success_url, success_message):
    """Ask first, saying what goes with it; delete on POST.

    The page is confirm_delete.html inside the plan's frame, or the frame that
    `context["layout"]` names.
    """
    related, protected = deletion_summary(obj)
    if request.method == "POST" and not protected:
        with transaction.atomic(using=router.db_for_write(type(obj))):
            # Its stored files, and those of what goes with it, leave the storage once the delete commits.
            remove_after_commit(obj)
            obj.delete()
        messages.success(request, success_message)
        return redirect(success_url)
    return render(
        request,
        "confirm_delete.html",
        {**context, "object": obj, "related": related, "protected": protected},
        status=409 if request.method == "POST" else 200,
    )
