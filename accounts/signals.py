from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .language import SESSION_KEY
from .models import Profile


@receiver(user_logged_in)
def use_the_users_language(sender, request, user, **kwargs):
    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    if language:
        request.session[SESSION_KEY] = language
