"""The record form's time on the nights the clocks change: the gap is an error, the fold is settled or asked."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from assistants import services
from assistants.forms import FieldRecordForm, shift_moment
from assistants.models import FieldRecord
from core import clock
from tests.assistants.tablet_helpers import add_record, default_categories, record_post  # noqa: F401
from tests.assistants.wall_time_helpers import (
    AMBIGUOUS_0230,
    FIRST_0230,
    MARCH_22,
    MARCH_EVE,
    NONEXISTENT_0230,
    OCTOBER_06,
    OCTOBER_22,
    OCTOBER_EVE,
    SECOND_0230,
    built_night_shift,
    night_shift,
    utc,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_categories")]


def _running(organisation, mentor, apk, eve, start):
    shift = night_shift(organisation, mentor, [apk], eve=eve)
    return services.shift_start(shift=shift, by=apk, at=start)


def _post(login, apk, shift, now, **fields):
    with time_machine.travel(now, tick=False):
        return login(apk).post(reverse("shifts:record_create", args=[shift.pk]), record_post(shift, **fields))


def test_record_at_0230_in_the_october_fold_during_a_night_shift_asks_which(organisation, mentor, apk, login):
    shift = _running(organisation, mentor, apk, OCTOBER_EVE, OCTOBER_22)

    response = _post(login, apk, shift, utc(2026, 10, 25, 4, 0), time="02:30")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"time": [AMBIGUOUS_0230]}
    body = response.content.decode()
    assert FIRST_0230 in body and SECOND_0230 in body
    assert form["time_fold"].field.widget.input_type == "radio"
    assert "Který z těch dvou časů myslíte?" in body
    assert not FieldRecord.objects.exists()


def test_record_at_0230_in_the_fold_saves_the_chosen_instant(organisation, mentor, apk, login):
    shift = _running(organisation, mentor, apk, OCTOBER_EVE, OCTOBER_22)

    response = _post(login, apk, shift, utc(2026, 10, 25, 4, 0), time="02:30", time_fold=str(clock.SECOND))

    assert response.status_code == 302
    assert FieldRecord.objects.get().recorded_at == utc(2026, 10, 25, 1, 30)  # 02:30 SEČ


def test_record_at_0230_is_settled_by_the_shift_when_only_one_lies_in_it(organisation, mentor, apk, login):
    # Started at 02:15 SEČ: the first 02:30 (summer time) was before the shift began.
    shift = _running(organisation, mentor, apk, OCTOBER_EVE, utc(2026, 10, 25, 1, 15))

    response = _post(login, apk, shift, utc(2026, 10, 25, 2, 0), time="02:30")

    assert response.status_code == 302
    assert FieldRecord.objects.get().recorded_at == utc(2026, 10, 25, 1, 30)


def test_record_at_0330_on_the_march_night_lands_at_0130_utc(organisation, mentor, apk, login):
    shift = _running(organisation, mentor, apk, MARCH_EVE, MARCH_22)

    response = _post(login, apk, shift, utc(2026, 3, 29, 2, 0), time="03:30")

    assert response.status_code == 302
    assert FieldRecord.objects.get().recorded_at == utc(2026, 3, 29, 1, 30)


def test_record_at_0230_on_the_march_night_is_an_error_at_the_time(organisation, mentor, apk, login):
    shift = _running(organisation, mentor, apk, MARCH_EVE, MARCH_22)

    response = _post(login, apk, shift, utc(2026, 3, 29, 2, 0), time="02:30")

    assert response.status_code == 200
    assert response.context["form"].errors == {"time": [NONEXISTENT_0230]}
    assert not FieldRecord.objects.exists()


def test_editing_a_record_at_the_second_0230_unchanged_keeps_it_there(organisation, mentor, apk, login):
    shift = _running(organisation, mentor, apk, OCTOBER_EVE, OCTOBER_22)
    record = add_record(shift, recorded_at=utc(2026, 10, 25, 1, 30))
    url = reverse("shifts:record_edit", args=[record.pk])

    with time_machine.travel(utc(2026, 10, 25, 4, 0), tick=False):
        client = login(apk)
        form = client.get(url).context["form"]
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        response = client.post(url, data)

    assert (form.initial["time"], form.initial["time_fold"]) == (datetime.time(2, 30), clock.SECOND)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.recorded_at == utc(2026, 10, 25, 1, 30)


def test_a_new_record_in_the_fold_starts_with_the_occurrence_of_now(organisation, mentor, apk):
    shift = _running(organisation, mentor, apk, OCTOBER_EVE, OCTOBER_22)

    with time_machine.travel(utc(2026, 10, 25, 1, 40), tick=False):  # 02:40 SEČ
        form = FieldRecordForm(shift=shift)

    assert (form.initial["time"], form.initial["time_fold"]) == (datetime.time(2, 40), clock.SECOND)


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        (datetime.time(23, 30), utc(2026, 10, 24, 21, 30)),  # still summer time on the eve
        (datetime.time(1, 30), utc(2026, 10, 24, 23, 30)),
        (datetime.time(4, 0), utc(2026, 10, 25, 3, 0)),  # winter time after the change
        (datetime.time(5, 59), utc(2026, 10, 25, 4, 59)),
    ],
)
def test_night_shift_across_the_october_change_dates_each_time_by_the_shift(time, expected):
    shift = built_night_shift(eve=OCTOBER_EVE, actual_start=OCTOBER_22, actual_end=OCTOBER_06)
    assert shift_moment(shift, time) == expected


def test_shift_moment_without_an_answer_raises_the_ambiguity_with_both_instants():
    shift = built_night_shift(eve=OCTOBER_EVE, actual_start=OCTOBER_22, actual_end=OCTOBER_06)

    with pytest.raises(clock.AmbiguousTime) as raised:
        shift_moment(shift, datetime.time(2, 30))

    assert raised.value.choices == (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30))
    assert shift_moment(shift, datetime.time(2, 30), fold=clock.FIRST) == utc(2026, 10, 25, 0, 30)
