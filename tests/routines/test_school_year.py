import datetime

import pytest

from routines.school_year import (
    current_school_year,
    month_of_school_year,
    school_year_is_over,
    school_year_months,
)


@pytest.mark.parametrize(
    "today, expected",
    [
        (datetime.date(2025, 7, 31), 2024),
        (datetime.date(2025, 8, 1), 2025),
        (datetime.date(2026, 6, 20), 2025),
    ],
)
def test_the_running_school_year_begins_in_august(today, expected):
    assert current_school_year(today) == expected


def test_a_school_years_months_run_from_august_to_july():
    months = school_year_months(2025)
    assert months[0] == datetime.date(2025, 8, 1)
    assert months[4] == datetime.date(2025, 12, 1)
    assert months[5] == datetime.date(2026, 1, 1)
    assert months[-1] == datetime.date(2026, 7, 1)
    assert [month_of_school_year(first) for first in months] == list(range(12))


def test_a_school_year_is_over_after_the_last_of_july():
    assert not school_year_is_over(2025, datetime.date(2026, 7, 31))
    assert school_year_is_over(2025, datetime.date(2026, 8, 1))
