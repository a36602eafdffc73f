from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

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
