from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .language import REQUEST_ATTRIBUTE
from .models import Profile


@receiver(user_logged_in)
def use_the_users_language(sender, request, user, **kwargs):
    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    if language and request is not None:
        setattr(request, REQUEST_ATTRIBUTE, language)
