"""Correcting a shift's times and adding a break afterwards on the nights the clocks change."""

import pytest
from django.urls import reverse

from assistants import services
from assistants.models import ShiftBreak
from core import clock
from tests.assistants.wall_time_helpers import (
    AMBIGUOUS_0230,
    FIRST_0230,
    MARCH_EVE,
    NONEXISTENT_0230,
    OCTOBER_06,
    OCTOBER_22,
    OCTOBER_EVE,
    SECOND_0230,
    night_shift,
    utc,
)

pytestmark = pytest.mark.django_db


def _ended_night_shift(organisation, mentor, apk, eve, *, start=None, end=None):
    """The night shift worked as planned (22:00–06:00), or from `start` to `end` (UTC instants)."""
    shift = night_shift(organisation, mentor, [apk], eve=eve)
    shift = services.shift_start(shift=shift, by=apk, at=start or shift.planned_start)
    return services.shift_end(shift=shift, by=apk, at=end or shift.planned_end)


def _correct(login, apk, shift, start, end, **extra):
    data = {"actual_start": start, "actual_end": end, "version": shift.version, **extra}
    return login(apk).post(reverse("shifts:correct", args=[shift.pk]), data)


def _add_break(login, apk, shift, start, end, **extra):
    data = {"started_at": start, "ended_at": end, "version": shift.version, **extra}
    return login(apk).post(reverse("shifts:break_add", args=[shift.pk]), data)


# --- actual times ----------------------------------------------------------------------------------


def test_correcting_to_22_06_across_the_march_change_counts_seven_hours(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, MARCH_EVE, end=utc(2026, 3, 28, 22, 0))

    response = _correct(login, apk, shift, "2026-03-28T22:00", "2026-03-29T06:00")

    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.actual_start, shift.actual_end, shift.worked_minutes) == (
        utc(2026, 3, 28, 21, 0),
        utc(2026, 3, 29, 4, 0),
        420,
    )


def test_correcting_to_22_06_across_the_october_change_counts_nine_hours(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE, end=utc(2026, 10, 24, 21, 0))

    response = _correct(login, apk, shift, "2026-10-24T22:00", "2026-10-25T06:00")

    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.actual_start, shift.actual_end, shift.worked_minutes) == (OCTOBER_22, OCTOBER_06, 540)


def test_correction_to_0230_in_the_march_gap_is_an_error_at_the_field(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, MARCH_EVE)

    response = _correct(login, apk, shift, "2026-03-28T22:00", "2026-03-29T02:30")

    assert response.context["correct_form"].errors == {"actual_end": [NONEXISTENT_0230]}
    shift.refresh_from_db()
    assert shift.worked_minutes == 420


def test_correction_to_0230_in_the_october_fold_asks_which(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE)

    response = _correct(login, apk, shift, "2026-10-24T22:00", "2026-10-25T02:30")

    form = response.context["correct_form"]
    assert form.errors == {"actual_end": [AMBIGUOUS_0230]}
    assert form["actual_end_fold"].field.widget.input_type == "radio"
    body = response.content.decode()
    assert FIRST_0230 in body and SECOND_0230 in body
    shift.refresh_from_db()
    assert shift.actual_end == OCTOBER_06


@pytest.mark.parametrize(
    ("fold", "end", "minutes"),
    [(clock.FIRST, utc(2026, 10, 25, 0, 30), 270), (clock.SECOND, utc(2026, 10, 25, 1, 30), 330)],
)
def test_correction_in_the_fold_saves_the_chosen_instant(organisation, mentor, apk, login, fold, end, minutes):
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE)

    response = _correct(login, apk, shift, "2026-10-24T22:00", "2026-10-25T02:30", actual_end_fold=str(fold))

    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.actual_end, shift.worked_minutes) == (end, minutes)


def test_correction_form_of_a_shift_ended_at_the_second_0230_keeps_it(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE)
    _correct(login, apk, shift, "2026-10-24T22:00", "2026-10-25T02:30", actual_end_fold=str(clock.SECOND))
    shift.refresh_from_db()

    client = login(apk)
    form = client.get(reverse("shifts:work", args=[shift.pk])).context["correct_form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    response = client.post(reverse("shifts:correct", args=[shift.pk]), data)

    assert form.initial["actual_end_fold"] == clock.SECOND
    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.actual_end, shift.worked_minutes) == (utc(2026, 10, 25, 1, 30), 330)


def test_correction_over_24_hours_on_the_october_day_is_refused(organisation, mentor, apk, login):
    # 0:00–23:30 on the clock is 24.5 real hours on the day with 25 hours.
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE)

    response = _correct(login, apk, shift, "2026-10-25T00:00", "2026-10-25T23:30")

    assert response.context["correct_form"].errors == {"actual_end": ["Směna nemůže trvat déle než 24 hodin."]}


def test_correction_under_24_hours_on_the_march_day_is_accepted(organisation, mentor, apk, login):
    # 0:00 to 0:30 the next day on the clock is 23.5 real hours on the day with 23 hours.
    shift = _ended_night_shift(organisation, mentor, apk, MARCH_EVE)

    response = _correct(login, apk, shift, "2026-03-29T00:00", "2026-03-30T00:30")

    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.worked_minutes == 23 * 60 + 30


# --- breaks afterwards -----------------------------------------------------------------------------


def test_break_in_the_fold_is_settled_when_only_one_time_lies_in_the_shift(organisation, mentor, apk, login):
    # Ended at 02:45 SELČ: the second 02:10–02:30 (winter time) came after the shift.
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE, end=utc(2026, 10, 25, 0, 45))

    response = _add_break(login, apk, shift, "2026-10-25T02:10", "2026-10-25T02:30")

    assert response.status_code == 302
    assert list(ShiftBreak.objects.values_list("started_at", "ended_at")) == [
        (utc(2026, 10, 25, 0, 10), utc(2026, 10, 25, 0, 30))
    ]
    shift.refresh_from_db()
    assert shift.worked_minutes == 285 - 20


def test_break_ending_in_the_fold_of_a_night_shift_asks_then_saves_the_choice(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE)

    asked = _add_break(login, apk, shift, "2026-10-25T01:50", "2026-10-25T02:30")
    answered = _add_break(login, apk, shift, "2026-10-25T01:50", "2026-10-25T02:30", ended_at_fold=str(clock.SECOND))

    assert asked.context["break_form"].errors == {"ended_at": [AMBIGUOUS_0230]}
    assert answered.status_code == 302
    assert ShiftBreak.objects.get().ended_at == utc(2026, 10, 25, 1, 30)
    shift.refresh_from_db()
    assert shift.worked_minutes == 540 - 100  # 01:50 SELČ – 02:30 SEČ


def test_break_across_the_fold_is_not_refused_as_ending_before_it_starts(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, OCTOBER_EVE)

    response = _add_break(
        login,
        apk,
        shift,
        "2026-10-25T02:40",
        "2026-10-25T02:10",
        started_at_fold=str(clock.FIRST),
        ended_at_fold=str(clock.SECOND),
    )

    assert response.status_code == 302
    assert ShiftBreak.objects.get().minutes == 30


def test_break_starting_in_the_march_gap_is_an_error_at_the_field(organisation, mentor, apk, login):
    shift = _ended_night_shift(organisation, mentor, apk, MARCH_EVE)

    response = _add_break(login, apk, shift, "2026-03-29T02:30", "2026-03-29T03:15")

    assert response.context["break_form"].errors == {"started_at": [NONEXISTENT_0230]}
    assert not ShiftBreak.objects.exists()
