"""The home page: the first page after login, a block for each role the user has."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from documents.access import get_own_memberships
from documents.home import home_blocks


@login_required
@require_safe
def home(request):
    memberships = get_own_memberships(request.user)
    return render(request, "documents/home.html", home_blocks(memberships, timezone.localdate()))
