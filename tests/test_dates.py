"""Date expressions anchored on the publication date (claimgraph.dates)."""

import pytest

from claimgraph.dates import resolve

MONDAY = "2022-03-14"  # the reference article's publication day, a Monday


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Tuesday", "future", "2022-03-15"),
        ("on Wednesday", "future", "2022-03-16"),
        ("on Wednesday", "past", "2022-03-09"),
        ("Friday", "past", "2022-03-11"),
        ("on Monday", "past", "2022-03-14"),
        ("last Monday", None, "2022-03-07"),
        ("next Monday", None, "2022-03-21"),
        ("Thursday", None, "2022-03-17"),
        ("Saturday", None, "2022-03-12"),
    ],
)
def test_weekday_follows_tense(expression, tense, expected):
    assert resolve(expression, MONDAY, tense) == expected


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("since the 24 February", None, "2022-02-24"),
        ("24 February", "past", "2022-02-24"),
        ("March 3", "past", "2022-03-03"),
        ("on 3 May 2021", "future", "2021-05-03"),
        ("February 24, 2022", None, "2022-02-24"),
        ("2022-02-24", None, "2022-02-24"),
        ("on 3 May", "future", "2022-05-03"),
        ("on 3 May", "past", "2021-05-03"),
    ],
)
def test_day_and_month(expression, tense, expected):
    assert resolve(expression, MONDAY, tense) == expected


@pytest.mark.parametrize(
    ("expression", "published", "tense", "expected"),
    [
        ("on 28 December", "2023-01-02", "past", "2022-12-28"),
        ("on 28 December", "2023-01-02", None, "2022-12-28"),
        ("on 3 January", "2022-12-30", "future", "2023-01-03"),
        ("on 3 January", "2022-12-30", None, "2023-01-03"),
        ("on 3 January", "2022-12-30", "past", "2022-01-03"),
        ("in January", "2022-12-30", "future", "2023-01-01"),
        ("yesterday", "2023-01-01", "past", "2022-12-31"),
        ("tomorrow", "2022-12-31", "future", "2023-01-01"),
        ("last week", "2023-01-02", "past", "2022-12-26"),
        ("next year", "2022-12-30", "future", "2023-01-01"),
    ],
)
def test_year_inferred_around_new_year(expression, published, tense, expected):
    assert resolve(expression, published, tense) == expected


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("yesterday", "past", "2022-03-13"),
        ("today", "present", "2022-03-14"),
        ("tomorrow", "future", "2022-03-15"),
        ("two days ago", "past", "2022-03-12"),
        ("last week", "past", "2022-03-07"),
        ("next week", "future", "2022-03-21"),
        ("last month", "past", "2022-02-01"),
        ("last year", "past", "2021-01-01"),
        ("in March", "past", "2022-03-01"),
        ("in May", "past", "2021-05-01"),
        ("in May", "future", "2022-05-01"),
        ("this week", None, "2022-03-14"),
        ("this month", None, "2022-03-01"),
        ("this year", None, "2022-01-01"),
        ("next month", "future", "2022-04-01"),
    ],
)
def test_relative_expressions_and_periods(expression, tense, expected):
    assert resolve(expression, MONDAY, tense) == expected


@pytest.mark.parametrize(
    "expression", ["seven-hour", "30-day", "the period", "a decade", "", "2022-02-30"]
)
def test_non_dates_stay_null(expression):
    assert resolve(expression, MONDAY, "past") is None


@pytest.mark.parametrize(
    "expression", ["on Tuesday", "yesterday", "24 February", "last week", "in March"]
)
def test_relative_without_publication_date_is_null(expression):
    assert resolve(expression, None, "past") is None


def test_absolute_date_needs_no_publication_date():
    assert resolve("on 3 May 2021", None, "past") == "2021-05-03"
