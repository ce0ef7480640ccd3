"""Months and periods (core/dates.py): month ends, the turn of the year, and the two nights a year when Prague
changes its clocks (last Sunday of March: 02:00 → 03:00; last Sunday of October: 03:00 → 02:00), where a day is
23 or 25 hours long and a month's bounds are an hour off the plain UTC dates."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from core.dates import (
    Period,
    day_range,
    last_months,
    month_bounds,
    month_of,
    month_start,
    next_month,
    period_shortcut,
    period_shortcuts,
    shift_months,
)

PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")
UTC = datetime.UTC


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def utc(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- months -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "first", "following"),
    [
        ("2026-01-31", "2026-01-01", "2026-02-01"),
        ("2026-02-28", "2026-02-01", "2026-03-01"),
        ("2024-02-29", "2024-02-01", "2024-03-01"),  # leap year
        ("2026-04-30", "2026-04-01", "2026-05-01"),
        ("2026-12-31", "2026-12-01", "2027-01-01"),  # New Year
    ],
)
def test_month_start_and_next_month_at_month_ends(day, first, following):
    assert month_start(d(day)) == d(first)
    assert next_month(d(day)) == d(following)


@pytest.mark.parametrize(
    ("month", "count", "expected"),
    [
        ("2026-11-01", 1, "2026-12-01"),
        ("2026-12-01", 1, "2027-01-01"),
        ("2027-01-01", -1, "2026-12-01"),
        ("2026-03-31", -1, "2026-02-01"),  # from a 31st into a short month
        ("2026-05-15", -17, "2024-12-01"),
        ("2026-05-01", 0, "2026-05-01"),
    ],
)
def test_shift_months(month, count, expected):
    assert shift_months(d(month), count) == d(expected)


def test_last_months_reach_back_over_new_year():
    assert last_months(d("2026-02-10"), 4) == [d("2025-11-01"), d("2025-12-01"), d("2026-01-01"), d("2026-02-01")]
    assert last_months(d("2026-02-10"), 1) == [d("2026-02-01")]


@pytest.mark.parametrize(("year", "month"), [(2000, 1), (2026, 12), (2100, 12)])
def test_month_of_a_served_year(year, month):
    assert month_of(year, month) == datetime.date(year, month, 1)


@pytest.mark.parametrize(("year", "month"), [(1999, 12), (2101, 1), (2026, 0), (2026, 13), (9999, 12)])
def test_month_of_outside_the_served_years_is_refused(year, month):
    with pytest.raises(ValueError):
        month_of(year, month)


# --- bounds as instants -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "start", "end"),
    [
        ("2026-01-01", "2025-12-31T23:00", "2026-01-31T23:00"),  # winter time: UTC+1
        ("2026-07-01", "2026-06-30T22:00", "2026-07-31T22:00"),  # summer time: UTC+2
        ("2026-03-01", "2026-02-28T23:00", "2026-03-31T22:00"),  # summer time begins on 29 March
        ("2026-10-01", "2026-09-30T22:00", "2026-10-31T23:00"),  # summer time ends on 25 October
        ("2026-12-01", "2026-11-30T23:00", "2026-12-31T23:00"),  # up to New Year
    ],
)
def test_month_bounds_are_local_midnights(month, start, end):
    assert month_bounds(d(month)) == (utc(start), utc(end))


def test_month_bounds_of_any_day_are_its_months():
    assert month_bounds(d("2026-10-25")) == month_bounds(d("2026-10-01"))


def test_the_spring_night_makes_a_day_of_23_hours():
    start, end = day_range(d("2026-03-29"), d("2026-03-29"))

    assert (start, end) == (utc("2026-03-28T23:00"), utc("2026-03-29T22:00"))
    assert end - start == datetime.timedelta(hours=23)


def test_the_autumn_night_makes_a_day_of_25_hours():
    start, end = day_range(d("2026-10-25"), d("2026-10-25"))

    assert (start, end) == (utc("2026-10-24T22:00"), utc("2026-10-25T23:00"))
    assert end - start == datetime.timedelta(hours=25)


def test_period_bounds_across_both_nights():
    period = Period(d("2026-03-01"), d("2026-10-31"))

    assert period.aware_bounds() == (utc("2026-02-28T23:00"), utc("2026-10-31T23:00"))


@pytest.mark.parametrize(
    ("local", "month"),
    [
        ("2026-12-31T23:30", "2026-12-01"),  # still the old year in Prague, 22:30 UTC
        ("2027-01-01T00:30", "2027-01-01"),  # the new year in Prague, still 31 December in UTC
        ("2026-03-31T23:30", "2026-03-01"),
        ("2026-04-01T00:30", "2026-04-01"),  # 22:30 UTC on 31 March (summer time)
        ("2026-10-31T23:30", "2026-10-01"),
        ("2026-11-01T00:30", "2026-11-01"),  # 23:30 UTC on 31 October (winter time again)
    ],
)
def test_this_month_follows_the_prague_date_at_midnight(local, month):
    moment = datetime.datetime.fromisoformat(local).replace(tzinfo=PRAGUE)
    with time_machine.travel(moment, tick=False):
        this_month = month_start(timezone.localdate())
        start, end = month_bounds(this_month)

        assert this_month == d(month)
        assert start <= timezone.now() < end
        assert last_months(timezone.localdate(), 2)[-1] == d(month)


# --- periods and their shortcuts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "year", "number", "start", "end"),
    [
        ("month", 2026, 1, "2026-01-01", "2026-01-31"),
        ("month", 2026, 2, "2026-02-01", "2026-02-28"),
        ("month", 2024, 2, "2024-02-01", "2024-02-29"),  # leap year
        ("month", 2026, 4, "2026-04-01", "2026-04-30"),
        ("month", 2026, 12, "2026-12-01", "2026-12-31"),
        ("quarter", 2026, 1, "2026-01-01", "2026-03-31"),
        ("quarter", 2024, 1, "2024-01-01", "2024-03-31"),
        ("quarter", 2026, 2, "2026-04-01", "2026-06-30"),
        ("quarter", 2026, 3, "2026-07-01", "2026-09-30"),
        ("quarter", 2025, 4, "2025-10-01", "2025-12-31"),
        ("half", 2026, 1, "2026-01-01", "2026-06-30"),
        ("half", 2026, 2, "2026-07-01", "2026-12-31"),
        ("year", 2024, 1, "2024-01-01", "2024-12-31"),
    ],
)
def test_period_shortcut(kind, year, number, start, end):
    assert period_shortcut(kind, year, number) == Period(d(start), d(end))


def test_unknown_shortcut_is_refused():
    with pytest.raises(ValueError):
        period_shortcut("week", 2026, 1)


def test_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        Period(d("2026-02-01"), d("2026-01-31"))


def test_period_days_months_and_label():
    period = Period(d("2025-12-15"), d("2026-02-01"))

    assert period.days == 49
    assert period.months() == [d("2025-12-01"), d("2026-01-01"), d("2026-02-01")]
    assert period.label == "15. 12. 2025 – 1. 2. 2026"


def test_shortcuts_in_january_reach_back_into_the_previous_year():
    assert period_shortcuts(d("2026-01-15")) == [
        ("tento měsíc", Period(d("2026-01-01"), d("2026-01-31"))),
        ("minulý měsíc", Period(d("2025-12-01"), d("2025-12-31"))),
        ("toto čtvrtletí", Period(d("2026-01-01"), d("2026-03-31"))),
        ("minulé čtvrtletí", Period(d("2025-10-01"), d("2025-12-31"))),
        ("toto pololetí", Period(d("2026-01-01"), d("2026-06-30"))),
        ("tento rok", Period(d("2026-01-01"), d("2026-12-31"))),
        ("minulý rok", Period(d("2025-01-01"), d("2025-12-31"))),
    ]


def test_shortcuts_in_march_of_a_leap_year():
    shortcuts = dict(period_shortcuts(d("2024-03-31")))

    assert shortcuts["minulý měsíc"] == Period(d("2024-02-01"), d("2024-02-29"))
    assert shortcuts["minulé čtvrtletí"] == Period(d("2023-10-01"), d("2023-12-31"))


def test_shortcuts_in_july():
    shortcuts = dict(period_shortcuts(d("2026-07-01")))

    assert shortcuts["tento měsíc"] == Period(d("2026-07-01"), d("2026-07-31"))
    assert shortcuts["minulý měsíc"] == Period(d("2026-06-01"), d("2026-06-30"))
    assert shortcuts["toto čtvrtletí"] == Period(d("2026-07-01"), d("2026-09-30"))
    assert shortcuts["minulé čtvrtletí"] == Period(d("2026-04-01"), d("2026-06-30"))
    assert shortcuts["toto pololetí"] == Period(d("2026-07-01"), d("2026-12-31"))
