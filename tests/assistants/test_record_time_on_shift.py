"""The record form asks only for the time of day; the date follows the shift, also over midnight."""

import datetime

import pytest

from assistants.forms import shift_moment
from tests.assistants.factories import ShiftFactory, at
from tests.assistants.tablet_helpers import DAY, clock

NEXT_DAY = DAY + datetime.timedelta(days=1)


def _shift(start="08:00", end="16:00", *, actual_start=None, actual_end=None):
    end_day = DAY if end > start else NEXT_DAY
    return ShiftFactory.build(
        date=DAY,
        planned_start=at(DAY, start),
        planned_end=at(end_day, end),
        actual_start=actual_start,
        actual_end=actual_end,
    )


@pytest.mark.parametrize(
    ("time", "expected"),
    [("09:30", at(DAY, "09:30")), ("07:45", at(DAY, "07:45")), ("17:10", at(DAY, "17:10"))],
)
def test_day_shift_keeps_its_date(time, expected):
    assert shift_moment(_shift(), datetime.time.fromisoformat(time)) == expected


@pytest.mark.parametrize(
    ("time", "expected"),
    [("23:30", at(DAY, "23:30")), ("01:30", at(NEXT_DAY, "01:30")), ("21:50", at(DAY, "21:50"))],
)
def test_night_shift_after_midnight_takes_the_next_day(time, expected):
    shift = _shift("22:00", "06:00", actual_start=at(DAY, "22:00"), actual_end=at(NEXT_DAY, "06:00"))
    assert shift_moment(shift, datetime.time.fromisoformat(time)) == expected


def test_day_shift_running_past_midnight_takes_the_next_day():
    shift = _shift("14:00", "22:00", actual_start=at(DAY, "14:00"))
    with clock(at(NEXT_DAY, "00:40")):
        assert shift_moment(shift, datetime.time(0, 30)) == at(NEXT_DAY, "00:30")


def test_start_seconds_do_not_push_a_record_at_the_start_minute_to_the_next_day():
    shift = _shift("22:00", "06:00", actual_start=at(DAY, "22:00") + datetime.timedelta(seconds=35))
    with clock(at(DAY, "22:05")):
        assert shift_moment(shift, datetime.time(22, 0)) == at(DAY, "22:00")
