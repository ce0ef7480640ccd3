"""Planning and copying shifts on the nights the clocks change: wall times become the instants meant."""

import datetime

import pytest
from django.urls import reverse

from assistants import services
from assistants.choices import ShiftKind
from assistants.models import Shift
from core import clock
from tests.assistants.review_helpers import mentored_project, plan
from tests.assistants.wall_time_helpers import (
    AMBIGUOUS_0230,
    FIRST_0230,
    MARCH_06,
    MARCH_22,
    NONEXISTENT_0230,
    OCTOBER_06,
    OCTOBER_22,
    SECOND_0230,
    utc,
)

pytestmark = pytest.mark.django_db
URL = reverse("shifts:plan_create")


@pytest.fixture
def project(organisation, mentor, apk):
    return mentored_project(organisation, mentor, [apk])


def _form(project, apk, **overrides):
    data = {
        "project": project.pk,
        "date": "2026-10-24",
        "start": "22:00",
        "end": "06:00",
        "kind": ShiftKind.PATROL,
        "assistants": [apk.pk],
    }
    return {**data, **overrides}


def _hours(shift) -> float:
    return clock.minutes_between(shift.planned_start, shift.planned_end) / 60


@pytest.mark.parametrize(
    ("day", "start", "end", "hours"),
    [("2026-03-28", MARCH_22, MARCH_06, 7), ("2026-10-24", OCTOBER_22, OCTOBER_06, 9)],
)
def test_a_plan_22_06_across_the_change_lasts_its_real_hours(project, mentor, apk, login, day, start, end, hours):
    response = login(mentor).post(URL, _form(project, apk, date=day))

    assert response.status_code == 302
    shift = Shift.objects.get()
    assert (shift.planned_start, shift.planned_end, _hours(shift)) == (start, end, hours)
    assert (shift.planned_end - shift.planned_start) == datetime.timedelta(hours=hours)


def test_a_start_in_the_march_gap_is_an_error_at_the_start(project, mentor, apk, login):
    response = login(mentor).post(URL, _form(project, apk, date="2026-03-29", start="02:30", end="08:00"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"start": [NONEXISTENT_0230]}
    assert not Shift.objects.exists()


def test_an_end_in_the_october_fold_after_a_start_the_evening_before_asks_which(project, mentor, apk, login):
    response = login(mentor).post(URL, _form(project, apk, end="02:30"))

    form = response.context["form"]
    assert form.errors == {"end": [AMBIGUOUS_0230]}
    assert form["end_fold"].field.widget.input_type == "radio"
    body = response.content.decode()
    assert FIRST_0230 in body and SECOND_0230 in body
    assert not Shift.objects.exists()


@pytest.mark.parametrize(
    ("fold", "end"), [(clock.FIRST, utc(2026, 10, 25, 0, 30)), (clock.SECOND, utc(2026, 10, 25, 1, 30))]
)
def test_the_answer_saves_the_chosen_end(project, mentor, apk, login, fold, end):
    response = login(mentor).post(URL, _form(project, apk, end="02:30", end_fold=str(fold)))

    assert response.status_code == 302
    assert Shift.objects.get().planned_end == end


def test_an_end_in_the_fold_is_settled_when_only_one_comes_after_the_start(project, mentor, apk, login):
    # Starting at 02:15 SEČ (the second one), only the second 02:45 comes after it.
    data = _form(project, apk, date="2026-10-25", start="02:15", start_fold=str(clock.SECOND), end="02:45")

    response = login(mentor).post(URL, data)

    assert response.status_code == 302
    shift = Shift.objects.get()
    assert (shift.planned_start, shift.planned_end) == (utc(2026, 10, 25, 1, 15), utc(2026, 10, 25, 1, 45))


def test_editing_a_plan_ending_at_the_second_0230_unchanged_keeps_it(project, mentor, apk, login):
    shift = services.shift_plan(
        project=project,
        mentor=mentor,
        date=datetime.date(2026, 10, 24),
        start=datetime.time(22),
        end=datetime.time(2, 30),
        end_fold=clock.SECOND,
        kind=ShiftKind.PATROL,
        assistants=[apk],
        planned_by=mentor,
    )
    url = reverse("shifts:plan_edit", args=[shift.pk])
    client = login(mentor)
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}

    response = client.post(url, data)

    assert form.initial["end_fold"] == clock.SECOND
    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.planned_end, shift.version) == (utc(2026, 10, 25, 1, 30), 2)


def test_the_service_refuses_a_time_in_the_fold_without_an_answer_at_its_field(project, mentor, apk):
    with pytest.raises(services.ValidationError) as raised:
        plan(project, mentor, [apk], day=datetime.date(2026, 10, 25), start="02:30", end="08:00")

    assert raised.value.message_dict == {"start": [AMBIGUOUS_0230]}


# --- copying a week --------------------------------------------------------------------------------


def test_copy_into_the_week_of_the_march_change_keeps_the_wall_times(project, mentor, apk):
    plan(project, mentor, [apk], day=datetime.date(2026, 3, 16))  # Monday 8:00–16:00 CET
    plan(project, mentor, [apk], day=datetime.date(2026, 3, 21), start="22:00", end="06:00")  # Saturday night

    result = services.shift_copy_week(mentor=mentor, source_monday=datetime.date(2026, 3, 16), by=mentor)

    assert result.skipped == []
    copies = sorted((shift.planned_start, shift.planned_end) for shift in result.created)
    assert copies == [
        (utc(2026, 3, 23, 7, 0), utc(2026, 3, 23, 15, 0)),  # 8:00–16:00 CET
        (MARCH_22, MARCH_06),  # 22:00 CET – 06:00 CEST: 7 h
    ]


def test_copy_after_the_march_change_keeps_8_to_16_in_summer_time(project, mentor, apk):
    plan(project, mentor, [apk], day=datetime.date(2026, 3, 23))  # Monday of the week with the change, CET

    result = services.shift_copy_week(mentor=mentor, source_monday=datetime.date(2026, 3, 23), by=mentor)

    (copy,) = result.created
    assert (copy.planned_start, copy.planned_end) == (utc(2026, 3, 30, 6, 0), utc(2026, 3, 30, 14, 0))  # CEST


def test_copy_of_a_time_that_falls_into_the_march_gap_is_skipped_with_the_reason(project, mentor, apk):
    source = plan(project, mentor, [apk], day=datetime.date(2026, 3, 22), start="02:30", end="06:00")

    result = services.shift_copy_week(mentor=mentor, source_monday=datetime.date(2026, 3, 16), by=mentor)

    assert result.created == []
    assert result.skipped == [(source, NONEXISTENT_0230)]


def test_copy_into_the_october_fold_takes_the_first_occurrence(project, mentor, apk):
    plan(project, mentor, [apk], day=datetime.date(2026, 10, 17), start="22:00", end="02:30")

    result = services.shift_copy_week(mentor=mentor, source_monday=datetime.date(2026, 10, 12), by=mentor)

    (copy,) = result.created
    assert (copy.planned_start, copy.planned_end) == (OCTOBER_22, utc(2026, 10, 25, 0, 30))  # 02:30 SELČ
