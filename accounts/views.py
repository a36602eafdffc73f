from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .email import read_unsubscribe_token
from .forms import EmailSettingsForm, NameForm
from .language import is_interface_language
from .models import EmailKind, EmailOptOut, Profile


@require_POST
def set_language(request):
    """Django's set_language (the cookie), and for a signed-in user their profile too."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and is_interface_language(language):
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    return response


@login_required
def profile(request):
    """The signed-in person's own name, shown wherever KIBS names them (the user name when empty)."""
    form = NameForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your name is saved."))
            return redirect("accounts:profile")
        return render(request, "accounts/profile.html", {"form": form}, status=400)
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def email_settings(request):
    """The person's own switches, one per kind of e-mail."""
    form = EmailSettingsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail settings are saved."))
        return redirect("accounts:email_settings")
    return render(request, "accounts/email_settings.html", {"form": form}, status=400 if form.is_bound else 200)


@csrf_exempt
def unsubscribe(request, token):
    """One click from an e-mail (RFC 8058): a POST without login switches that kind off.

    A mail program posts `List-Unsubscribe=One-Click` here without a session
    or a CSRF token; the signed token is the proof. A GET shows the button, so
    a link scanner that follows the address changes nothing.
    """
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    user_id, kind = found
    context = {"kind_label": EmailKind(kind).label, "done": False}
    if request.method == "POST":
        user = get_user_model().objects.filter(pk=user_id).first()
        if user is not None:
            EmailOptOut.objects.get_or_create(user=user, kind=kind)
        context["done"] = True
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(request, "accounts/unsubscribe.html", context)
