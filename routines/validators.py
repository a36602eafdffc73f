"""Checks on what people type, shared by every layer.

A routine description describes a support system, never a single child: data
about children belongs in the case-level systems. So no free text may hold a
Norwegian national identity number (fødselsnummer), D-number or H-number.
Numeric form and query values are read strictly: only ASCII digits count.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Eleven digits, optionally split after the six-digit date; not part of a longer number.
_CANDIDATE = re.compile(r"(?<![0-9])([0-9]{6})[ \u00a0]?([0-9]{5})(?![0-9])")
_FIRST_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_SECOND_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

IDENTITY_NUMBER_MESSAGE = _(
    "This looks like a national identity number or D-number. A routine description must never hold "
    "personal data about children: remove the number and describe the system and the roles, not a single child."
)

# Longer numbers do not fit the database's biggest integer, and no id or version is that long.
_MAX_DIGITS = 18


def _check_digit(digits, weights):
    remainder = sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=True)) % 11
    return 0 if remainder == 0 else 11 - remainder


def _birth_year(two_digits, individual):
    """The full year from the two-digit year and the individual number (Skatteetaten's ranges), or None."""
    if individual <= 499:
        return 1900 + two_digits
    if individual <= 749 and two_digits >= 54:
        return 1800 + two_digits
    if individual >= 500 and two_digits <= 39:
        return 2000 + two_digits
    if individual >= 900 and two_digits >= 40:
        return 1900 + two_digits
    return None


def _has_valid_date(digits):
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:
        day -= 40  # D-number: the day plus 40
    if month > 40:
        month -= 40  # H-number: the month plus 40
    full_year = _birth_year(year, int(digits[6:9]))
    if full_year is None:
        return False
    try:
        datetime.date(full_year, month, day)
    except ValueError:
        return False
    return True


def is_identity_number(digits):
    """Whether eleven digits are a valid fødselsnummer, D-number or H-number: a real date and both check digits."""
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit() or not _has_valid_date(digits):
        return False
    first = _check_digit(digits[:9], _FIRST_WEIGHTS)
    second = _check_digit(digits[:10], _SECOND_WEIGHTS)
    return first < 10 and second < 10 and digits[9:] == f"{first}{second}"


def find_identity_numbers(text):
    """The identity numbers in a text, as written (with a space, if it had one)."""
    return [
        match.group(0) for match in _CANDIDATE.finditer(text) if is_identity_number(match.group(1) + match.group(2))
    ]


def refuse_identity_numbers(value):
    """A field validator: no identity numbers in free text."""
    if isinstance(value, str) and find_identity_numbers(value):
        raise ValidationError(IDENTITY_NUMBER_MESSAGE, code="identity_number")


def whole_number(value):
    """The int of a string of ASCII digits, or None for anything else.

    `str.isdigit()` alone accepts "²", which `int()` refuses, and `int()` alone
    accepts " 7", "-7", "+7" and "٧"; none of them is an id or a version.
    """
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= _MAX_DIGITS:
        return int(value)
    return None
