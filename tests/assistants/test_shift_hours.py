"""Hours worked = actual end − actual start − breaks; a shift over midnight counts on its start date."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from assistants import services
from tests.assistants.factories import ProjectFactory, ShiftFactory, at

DAY = datetime.date(2026, 11, 30)
NEXT = DAY + datetime.timedelta(days=1)


@pytest.fixture
def shift(organisation, apk, mentor):
    project = ProjectFactory(organisation=organisation, mentors=[mentor], assistants=[apk])
    return ShiftFactory(organisation=organisation, project=project, mentor=mentor, date=DAY, assistants=[apk])


@pytest.mark.django_db
def test_hours_subtract_breaks(shift, apk):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, "08:00"))
    services.break_start(shift=shift, by=apk, at=at(DAY, "11:30"))
    services.break_end(shift=shift, by=apk, at=at(DAY, "12:00"))
    services.break_start(shift=shift, by=apk, at=at(DAY, "14:00"))
    services.break_end(shift=shift, by=apk, at=at(DAY, "14:15"))
    shift = services.shift_end(shift=shift, by=apk, at=at(DAY, "16:00"))
    assert shift.worked_minutes == 8 * 60 - 45
    assert shift.worked_hours == 7.25


@pytest.mark.django_db
def test_ending_a_shift_closes_a_running_break(shift, apk):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, "08:00"))
    services.break_start(shift=shift, by=apk, at=at(DAY, "15:30"))
    shift = services.shift_end(shift=shift, by=apk, at=at(DAY, "16:00"))
    assert shift.breaks.get().ended_at == at(DAY, "16:00")
    assert shift.worked_minutes == 450


@pytest.mark.django_db
def test_shift_over_midnight_counts_on_its_start_date(shift, apk):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, "20:00"))
    shift = services.shift_end(shift=shift, by=apk, at=at(NEXT, "04:30"))
    assert shift.worked_minutes == 510
    assert shift.date == DAY


@pytest.mark.django_db
def test_second_break_while_one_runs_is_refused(shift, apk):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, "08:00"))
    services.break_start(shift=shift, by=apk, at=at(DAY, "10:00"))
    with pytest.raises(ValidationError) as error:
        services.break_start(shift=shift, by=apk, at=at(DAY, "10:05"))
    assert error.value.messages == ["Přestávka už probíhá."]


@pytest.mark.django_db
def test_corrected_times_and_added_break_recompute_hours(shift, apk, mentor):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, "08:00"))
    shift = services.shift_end(shift=shift, by=apk, at=at(DAY, "16:00"))
    shift = services.shift_correct_times(
        shift=shift,
        by=apk,
        version=shift.version,
        actual_start=at(DAY, "07:30"),
        actual_end=at(DAY, "15:30"),
        note="Začátek byl dřív.",
    )
    services.break_add(
        shift=shift, by=apk, version=shift.version, started_at=at(DAY, "12:00"), ended_at=at(DAY, "12:30")
    )
    shift.refresh_from_db()
    assert shift.worked_minutes == 450


@pytest.mark.django_db
def test_correction_with_end_before_start_is_refused_at_the_field(shift, apk):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, "08:00"))
    shift = services.shift_end(shift=shift, by=apk, at=at(DAY, "16:00"))
    with pytest.raises(ValidationError) as error:
        services.shift_correct_times(
            shift=shift,
            by=apk,
            version=shift.version,
            actual_start=at(DAY, "16:00"),
            actual_end=at(DAY, "08:00"),
            note="",
        )
    assert error.value.message_dict == {"actual_end": ["Skutečný konec musí být po začátku."]}


@pytest.mark.django_db
def test_submit_with_running_break_is_refused(shift, apk):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, "08:00"))
    shift = services.shift_end(shift=shift, by=apk, at=at(DAY, "16:00"))
    # A break recorded after the end cannot stay open: ending closed everything, so submit passes.
    shift = services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
    assert shift.status == "submitted"
