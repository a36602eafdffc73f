"""A unit's employees: added by their leader from pasted e-mail addresses, invited to set a password.

Nothing about a person is kept beyond their name and e-mail address. A new
address becomes an account without a usable password and gets an invitation
to choose one (Django's password reset link, valid as long as a reset link
is); an existing account just gets the role. A person has one role per
municipality, so someone who already has another role there is reported,
not changed.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Membership

# Commas, semicolons, spaces and line breaks separate addresses; "Name <address>" is read as the address.
_SEPARATORS = re.compile(r"[\s,;]+")
_BRACKETED = re.compile(r"<([^<>\s]+)>")
MAX_ADDRESSES = 200


def parse_addresses(text):
    """(addresses, invalid): the distinct e-mail addresses pasted, lower-cased, and what is not one."""
    text = _BRACKETED.sub(r" \1 ", text or "")
    candidates = [word.strip("<>()\"'") for word in _SEPARATORS.split(text)]
    addresses, invalid = [], []
    for candidate in candidates:
        if "@" not in candidate:
            # A name pasted with the address ("Kari Nordmann <kari@…>"): not an address, not an error either.
            continue
        try:
            validate_email(candidate)
        except ValidationError:
            invalid.append(candidate)
            continue
        address = candidate.lower()
        if address not in addresses:
            addresses.append(address)
    return addresses, invalid


@dataclass
class AddedEmployees:
    invited: list = field(default_factory=list)  # new accounts, sent an invitation
    added: list = field(default_factory=list)  # existing accounts given the role
    already: list = field(default_factory=list)  # employees of the unit already
    elsewhere: list = field(default_factory=list)  # with another role in the municipality: left as they are


def add_employees(unit, addresses, base_url):
    """Give each address the employee role in `unit`; invite the new ones. All in one transaction."""
    User = get_user_model()
    result = AddedEmployees()
    with transaction.atomic():
        for address in addresses:
            user = User.objects.filter(email__iexact=address).order_by("pk").first()
            if user is None:
                user = User.objects.create_user(username=_free_username(address), email=address, password=None)
                result.invited.append(user)
            membership = Membership.objects.filter(user=user, municipality=unit.municipality_id).first()
            if membership is None:
                Membership.objects.create(
                    user=user, role=Membership.Role.EMPLOYEE, municipality=unit.municipality, unit=unit
                )
                if user not in result.invited:
                    result.added.append(user)
            elif membership.role == Membership.Role.EMPLOYEE and membership.unit_id == unit.pk:
                result.already.append(user)
            else:
                result.elsewhere.append(user)
        language = translation.get_language()
        for user in result.invited:
            transaction.on_commit(lambda pk=user.pk: send_invitation.enqueue(pk, unit.name, base_url, language))
    return result


def _free_username(address):
    User = get_user_model()
    username, n = address[:150], 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{address[:140]}-{n}"
    return username


@task
def send_invitation(user_pk, unit_name, base_url, language):
    """The invitation to choose a password, in the language of the person who added them."""
    user = get_user_model().objects.filter(pk=user_pk).first()
    if user is None or user.has_usable_password():
        return
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "unit_name": unit_name, "url": base_url.rstrip("/") + path}
    with translation.override(language):
        subject = _("You have access to your unit's plan in KIBS")
        body = render_to_string("routines/employee_invitation_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
