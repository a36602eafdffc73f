"""The provider's people: read from people.json at every login, so a test can change someone's groups."""

import json

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from oauth2_provider.oauth2_validators import OAuth2Validator


def person(username):
    return json.loads((settings.STATE / "people.json").read_text()).get(username)


class PeopleBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        found = person(username or "")
        if not found or found["password"] != password:
            return None
        user, _ = User.objects.get_or_create(username=username)
        return user


class Validator(OAuth2Validator):
    # Released with the openid scope, as Entra ID releases its groups claim to an app configured for it.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "openid"}

    def get_additional_claims(self, request):
        found = person(request.user.username) or {}
        return {
            "name": found.get("name", ""),
            "given_name": found.get("given_name", ""),
            "family_name": found.get("family_name", ""),
            "email": found.get("email", ""),
            "preferred_username": request.user.username,
            # Like Entra ID's groups claim: the ids of the groups the person is in.
            "groups": found.get("groups", []),
        }
