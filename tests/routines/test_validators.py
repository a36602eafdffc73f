"""The identity-number check and the strict reading of numbers (routines/validators.py).

The checks are pure functions, so Hypothesis can try ten thousand texts in a few
seconds; the last tests show a form reading a number with the same helper.
"""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from routines.forms import MilestoneForm
from routines.models import Milestone
from routines.validators import find_identity_numbers, is_identity_number, refuse_identity_numbers, whole_number
from tests.support.factories import make_plan

# Made with the published rules (date, individual number, both mod-11 check digits); no real persons.
FODSELSNUMMER = "15076500565"
D_NUMBER = "55076500044"  # the day plus 40
H_NUMBER = "15476500033"  # the month plus 40
BORN_IN_2005 = "01010550048"  # individual number 500-999 with a year 00-39: the 2000s


def with_check_digits(first_nine):
    """The eleven digits that make `first_nine` a number with valid check digits, or None."""

    def digit(digits, weights):
        remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        return 0 if remainder == 0 else 11 - remainder

    first = digit(first_nine, (3, 7, 6, 1, 8, 9, 4, 5, 2))
    second = digit(first_nine + str(first % 10), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    if first == 10 or second == 10:
        return None
    return f"{first_nine}{first}{second}"


@pytest.mark.parametrize("number", [FODSELSNUMMER, D_NUMBER, H_NUMBER, BORN_IN_2005])
def test_the_examples_are_valid_numbers(number):
    assert with_check_digits(number[:9]) == number
    assert is_identity_number(number)


@pytest.mark.parametrize(
    "text",
    [
        FODSELSNUMMER,
        f"{FODSELSNUMMER[:6]} {FODSELSNUMMER[6:]}",
        f"{FODSELSNUMMER[:6]}\u00a0{FODSELSNUMMER[6:]}",
        f"Eleven har fnr. {D_NUMBER}.",
        f"D-nummer: {D_NUMBER[:6]} {D_NUMBER[6:]}",
        f"({H_NUMBER})",
        f"født 1. jan 2005, {BORN_IN_2005}",
        f"fnr:{FODSELSNUMMER},",
    ],
)
def test_identity_numbers_are_found_in_text(text):
    assert find_identity_numbers(text)
    with pytest.raises(ValidationError) as refused:
        refuse_identity_numbers(text)
    assert refused.value.code == "identity_number"


@pytest.mark.parametrize(
    "text",
    [
        "Ring 12 34 56 78 eller +47 123 45 678.",
        "+4712345678",
        "004712345678",
        "Saksnummer 24/1234 og 2024/012345.",
        "Møte 15.09.2024 kl. 09:00–11:30, 2024-09-15.",
        "Kurset koster 12 500 kr, totalt 1 234 567,50 kr.",
        "Org.nr. 938 801 363, konto 1234.56.78903.",
        "150765005650",  # twelve digits: not an identity number inside a longer one
        "1150765005650",
        "15076500566",  # the last check digit is wrong
        "15076500575",  # the first check digit is wrong
        "32076500000",  # no 32nd day
        "15136500000",  # no 13th month
        "1507650056",  # ten digits
        "150765 005 65",
        "１５０７６５００５６５",  # full-width digits are not what people type into a number
    ],
)
def test_other_numbers_are_not_identity_numbers(text):
    assert find_identity_numbers(text) == []
    refuse_identity_numbers(text)


def test_the_date_must_exist_in_the_century_of_the_individual_number():
    # 29 February 2000 exists, 29 February 1900 does not; 000-499 means the 1900s.
    assert with_check_digits("290200500") and is_identity_number(with_check_digits("290200500"))
    nineteen_hundred = [with_check_digits(f"290200{n:03}") for n in range(0, 500)]
    assert not any(number and is_identity_number(number) for number in nineteen_hundred)


# Each kind of number that is not an identity number is made from one integer below
# its limit: Hypothesis explores the edges, and a seeded loop takes ten thousand
# draws within a second.

PHONE_PREFIXES = ["", "+47 ", "+47", "0047 ", "tlf. "]
PHONE_LAYOUTS = [
    lambda n: n,
    lambda n: f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
    lambda n: f"{n[:3]} {n[3:5]} {n[5:]}",
]
FIRST_DAY = datetime.date(1900, 1, 1).toordinal()
DATE_LAYOUTS = ["%d.%m.%Y", "%Y-%m-%d", "%d%m%Y", "%d.%m.%y kl. %H:%M"]
PRICE_LAYOUTS = [
    lambda kroner, ore: f"{kroner:,} kr".replace(",", " "),
    lambda kroner, ore: f"kr {kroner},-",
    lambda kroner, ore: f"{kroner:,},{ore:02} kr".replace(",", " ", kroner > 999),
]


def phone(draw):
    draw, number = divmod(draw, 90_000_000)
    prefix, layout = divmod(draw, len(PHONE_LAYOUTS))
    return PHONE_PREFIXES[prefix] + PHONE_LAYOUTS[layout](str(10_000_000 + number))


def case(draw):
    year, number = divmod(draw, 100_000)
    return f"{year:02}/{number}" if year < 100 else f"{1890 + year}/{number}"


def date(draw):
    day, layout = divmod(draw, len(DATE_LAYOUTS))
    return datetime.date.fromordinal(FIRST_DAY + day).strftime(DATE_LAYOUTS[layout])


def price(draw):
    draw, layout = divmod(draw, len(PRICE_LAYOUTS))
    kroner, ore = divmod(draw, 100)
    return PRICE_LAYOUTS[layout](kroner, ore)


def wrong_check_digits(draw):
    """Eleven digits that are a date and an individual number, with wrong check digits."""
    draw, check = divmod(draw, 100)
    day, individual = divmod(draw, 1000)
    nine = datetime.date.fromordinal(FIRST_DAY + day).strftime("%d%m%y") + f"{individual:03}"
    number = f"{nine}{check:02}"
    return number if number != with_check_digits(nine) else f"{nine}{(check + 1) % 100:02}"


# (how many different values, the kind)
OTHER_NUMBERS = [
    (len(PHONE_PREFIXES) * len(PHONE_LAYOUTS) * 90_000_000, phone),
    (210 * 100_000, case),
    (200 * 365 * len(DATE_LAYOUTS) + 1, date),
    (10**11 * len(PRICE_LAYOUTS) + 1, price),
    (140 * 365 * 1000 * 100 + 1, wrong_check_digits),
]
non_numbers = st.one_of([st.integers(0, limit - 1).map(kind) for limit, kind in OTHER_NUMBERS])


@settings(max_examples=500, deadline=None)
@given(non_numbers)
def test_no_false_positives_at_the_edges_of_other_numbers(text):
    assert find_identity_numbers(text) == []


def test_no_false_positives_on_ten_thousand_other_numbers():
    draws = random.Random(2026)
    for _ in range(10_000):
        limit, kind = draws.choice(OTHER_NUMBERS)
        text = kind(draws.randrange(limit))
        assert find_identity_numbers(text) == [], text


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 999_999_999))
def test_every_number_with_valid_check_digits_and_date_is_found(first_nine):
    number = with_check_digits(f"{first_nine:09}")
    if number and is_identity_number(number):
        assert find_identity_numbers(f"x {number[:6]} {number[6:]} x") == [f"{number[:6]} {number[6:]}"]


@pytest.mark.parametrize("value", ["0", "7", "0042", "123456789012345678"])
def test_whole_numbers_are_ascii_digits(value):
    assert whole_number(value) == int(value)


@pytest.mark.parametrize(
    "value", ["", " 7", "7 ", "-7", "+7", "7.0", "²", "٧", "７", "1e3", "0x1f", "1_000", "1" * 19, "1" * 5000, None, 7]
)
def test_anything_else_is_not_a_whole_number(value):
    assert whole_number(value) is None


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["٣", "²", "３", "-1", "3.0", "9" * 5000])
def test_a_number_field_of_a_form_reads_ascii_digits_only(number):
    form = MilestoneForm({"number": number, "text": "Frist"}, instance=Milestone(plan=make_plan()))
    assert [error.code for error in form.errors.as_data()["number"]] == ["invalid"]


@pytest.mark.django_db
def test_a_number_in_ascii_digits_is_read():
    form = MilestoneForm({"number": "3", "text": "Frist"}, instance=Milestone(plan=make_plan()))
    assert form.is_valid() and form.cleaned_data["number"] == 3
