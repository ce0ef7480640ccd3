"""A night shift worked on the tablet across each change of the clocks: hours computed by hand from UTC."""

import pytest
import time_machine
from django.urls import reverse

from tests.assistants.wall_time_helpers import (
    MARCH_06,
    MARCH_22,
    MARCH_EVE,
    OCTOBER_06,
    OCTOBER_22,
    OCTOBER_EVE,
    night_shift,
    utc,
)

pytestmark = pytest.mark.django_db


def _tap(login, apk, shift, action, now):
    """The APK taps an action button on the work page at `now`."""
    with time_machine.travel(now, tick=False):
        response = login(apk).post(reverse(f"shifts:{action}", args=[shift.pk]))
    assert response.status_code == 302


def _work(login, apk, shift, *taps):
    for action, now in taps:
        _tap(login, apk, shift, action, now)
    shift.refresh_from_db()
    return shift


def test_night_shift_across_the_march_change_counts_seven_hours(organisation, mentor, apk, login):
    shift = night_shift(organisation, mentor, [apk], eve=MARCH_EVE)

    shift = _work(login, apk, shift, ("start", MARCH_22), ("end", MARCH_06))  # 22:00 CET – 06:00 CEST

    assert shift.worked_minutes == 420


def test_night_shift_across_the_october_change_counts_nine_hours(organisation, mentor, apk, login):
    shift = night_shift(organisation, mentor, [apk], eve=OCTOBER_EVE)

    shift = _work(login, apk, shift, ("start", OCTOBER_22), ("end", OCTOBER_06))  # 22:00 CEST – 06:00 CET

    assert shift.worked_minutes == 540


def test_break_across_the_march_change_is_subtracted_in_real_minutes(organisation, mentor, apk, login):
    shift = night_shift(organisation, mentor, [apk], eve=MARCH_EVE)

    shift = _work(
        login,
        apk,
        shift,
        ("start", MARCH_22),
        ("break_start", utc(2026, 3, 29, 0, 30)),  # 01:30 CET
        ("break_end", utc(2026, 3, 29, 1, 15)),  # 03:15 CEST: 45 min, though the clock moved 1 h 45 min
        ("end", MARCH_06),
    )

    assert shift.worked_minutes == 420 - 45


def test_break_inside_the_october_fold_is_subtracted_in_real_minutes(organisation, mentor, apk, login):
    shift = night_shift(organisation, mentor, [apk], eve=OCTOBER_EVE)

    shift = _work(
        login,
        apk,
        shift,
        ("start", OCTOBER_22),
        ("break_start", utc(2026, 10, 25, 0, 40)),  # 02:40 SELČ
        ("break_end", utc(2026, 10, 25, 1, 10)),  # 02:10 SEČ: 30 min, though the clock went back
        ("end", OCTOBER_06),
    )

    assert shift.worked_minutes == 540 - 30
    assert shift.breaks.get().minutes == 30
