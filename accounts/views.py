from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .forms import NameForm
from .language import is_interface_language
from .models import Profile


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
