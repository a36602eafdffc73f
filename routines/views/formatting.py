"""The live preview of a Markdown field (static/js/markdown-editor.js): the server's own rendering, so
the preview shows exactly what the page will, sanitised the same way."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_POST

from routines.access import get_writer
from routines.formatting import render_markdown

# Far above any routine's text; a preview of more is refused, not rendered.
PREVIEW_MAX_LENGTH = 100_000


class PreviewForm(forms.Form):
    text = forms.CharField(required=False, strip=False, max_length=PREVIEW_MAX_LENGTH)


@login_required
@require_POST
def markdown_preview(request):
    get_writer(request.user)
    form = PreviewForm(request.POST)
    if "text" not in request.POST or not form.is_valid():
        return HttpResponseBadRequest("", content_type="text/plain")
    return HttpResponse(render_markdown(form.cleaned_data["text"]), content_type="text/html; charset=utf-8")
