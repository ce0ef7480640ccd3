"""The shift import on the nights the clocks change (29 March and 25 October 2026 in Europe/Prague).

Hours are elapsed time between UTC instants (services.worked_minutes); a wall time in the spring gap is an error at
its cell, one in the autumn fold too unless the cell says SELČ / SEČ (or +02:00 / +01:00), and a record time whose
two autumn instants only one lies within the shift is that one.
"""

import datetime

import pytest
import time_machine

from assistants import services
from assistants.importing.saving import shift_import
from assistants.models import FieldRecord, Shift
from core.tabular import read_dataset
from tests.assistants.shift_import_helpers import cast_fixture, csv_bytes, shift_row, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("cast")

UTC = datetime.UTC
SPRING, AUTUMN = datetime.date(2026, 3, 28), datetime.date(2026, 10, 24)  # the evenings before the changes
GAP_MESSAGE = "Čas 2:30 dne 29. 3. 2026 neexistuje: v noci se posunují hodiny z 2:00 na 3:00 (letní čas)."
FOLD_MESSAGE = (
    "Čas 2:30 dne 25. 10. 2026 nastal dvakrát: v noci se vracejí hodiny z 3:00 na 2:00 (konec letního času). "
    "Vyberte, který z nich myslíte. Napište za čas SELČ (první, ještě letní čas), nebo SEČ (o hodinu později), "
    "např. „2:30 SEČ“."
)


def _import(organisation, rows, by, *, extension=".csv"):
    content = csv_bytes(rows) if extension == ".csv" else xlsx_bytes(rows)
    dataset = read_dataset(content, extension=extension)
    return shift_import(organisation=organisation, dataset=dataset, by=by, dry_run=False)


def _utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def _errors(summary) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in summary.errors]


def _night(day: datetime.date, **overrides) -> dict:
    values = {
        "Datum": f"{day:%-d. %-m. %Y}",
        "Začátek": "22:00",
        "Konec": "6:00",
        "Přestávky_min": "30",
        "Čas_záznamu": "23:00",
    }
    return shift_row(**{**values, **overrides})


def test_night_shifts_across_both_changes_count_elapsed_hours_and_day_shifts_are_unaffected(organisation, coordinator):
    rows = [
        _night(SPRING, Čas_záznamu="1:30"),
        _night(SPRING, Čas_záznamu="3:30"),
        _night(AUTUMN, Čas_záznamu="1:30"),
        _night(AUTUMN, Čas_záznamu="4:00"),
        shift_row(Datum="29. 3. 2026", Začátek="8:00", Konec="16:00", Přestávky_min="30"),
        shift_row(Datum="25. 10. 2026", Začátek="8:00", Konec="16:00", Přestávky_min="30"),
    ]

    summary = _import(organisation, rows, coordinator)

    assert (summary.saved, summary.new_shifts, summary.new_records) == (True, 4, 6)
    hours = {
        shift.actual_start.astimezone(UTC): (shift.actual_end.astimezone(UTC), shift.worked_minutes)
        for shift in Shift.objects.all()
    }
    assert hours == {
        _utc(2026, 3, 28, 21, 0): (_utc(2026, 3, 29, 4, 0), 390),  # 7 h − 30 min
        _utc(2026, 10, 24, 20, 0): (_utc(2026, 10, 25, 5, 0), 510),  # 9 h − 30 min
        _utc(2026, 3, 29, 6, 0): (_utc(2026, 3, 29, 14, 0), 450),
        _utc(2026, 10, 25, 7, 0): (_utc(2026, 10, 25, 15, 0), 450),
    }
    night_records = FieldRecord.objects.filter(shift__date__in=[SPRING, AUTUMN]).order_by("recorded_at")
    assert [record.recorded_at.astimezone(UTC) for record in night_records] == [
        _utc(2026, 3, 29, 0, 30),  # 1:30 SEČ
        _utc(2026, 3, 29, 1, 30),  # 3:30 SELČ
        _utc(2026, 10, 24, 23, 30),  # 1:30 SELČ
        _utc(2026, 10, 25, 3, 0),  # 4:00 SEČ
    ]


def test_the_break_lies_in_the_middle_of_the_shift_in_elapsed_time(organisation, coordinator):
    _import(organisation, [_night(SPRING), _night(AUTUMN)], coordinator)

    breaks = {
        shift.date: [(b.started_at.astimezone(UTC), b.minutes) for b in shift.breaks.all()]
        for shift in Shift.objects.prefetch_related("breaks")
    }
    # (420 − 30) // 2 = 195 minutes after 21:00 UTC; (540 − 30) // 2 = 255 minutes after 20:00 UTC.
    assert breaks == {SPRING: [(_utc(2026, 3, 29, 0, 15), 30)], AUTUMN: [(_utc(2026, 10, 25, 0, 15), 30)]}
    assert {shift.date: services.compute_worked_minutes(shift) for shift in Shift.objects.all()} == {
        SPRING: 390,
        AUTUMN: 510,
    }


def test_a_break_as_long_as_the_shortened_spring_night_is_refused(organisation, coordinator):
    summary = _import(organisation, [_night(SPRING, Přestávky_min="420")], coordinator)

    assert _errors(summary) == [(2, "Přestávky (min)", "Přestávky jsou stejně dlouhé jako směna, nebo delší.")]


def test_a_break_longer_than_eight_hours_fits_the_long_autumn_night(organisation, coordinator):
    summary = _import(organisation, [_night(AUTUMN, Přestávky_min="500", Čas_záznamu="")], coordinator)

    assert summary.saved
    assert Shift.objects.get().worked_minutes == 40


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"Datum": "29. 3. 2026", "Začátek": "2:30", "Konec": "8:00", "Čas_záznamu": ""}, "Začátek"),
        ({"Konec": "2:30", "Čas_záznamu": "23:00"}, "Konec"),
        ({"Čas_záznamu": "2:30"}, "Čas záznamu"),
        ({"Čas_záznamu": "2:30 SEČ"}, "Čas záznamu"),
    ],
)
def test_a_time_in_the_spring_gap_is_an_error_at_its_cell(organisation, coordinator, overrides, column):
    summary = _import(organisation, [_night(SPRING, **overrides)], coordinator)

    assert _errors(summary) == [(2, column, GAP_MESSAGE)]
    assert not Shift.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"Datum": "25. 10. 2026", "Začátek": "2:30", "Konec": "8:00", "Čas_záznamu": ""}, "Začátek"),
        ({"Konec": "2:30", "Čas_záznamu": "23:00"}, "Konec"),
        ({"Čas_záznamu": "2:30"}, "Čas záznamu"),
    ],
)
def test_a_time_in_the_autumn_fold_without_its_zone_is_an_error_at_its_cell(
    organisation, coordinator, overrides, column
):
    summary = _import(organisation, [_night(AUTUMN, **overrides)], coordinator)

    assert _errors(summary) == [(2, column, FOLD_MESSAGE)]
    assert not Shift.objects.exists()


def test_a_typed_excel_time_in_the_autumn_fold_is_an_error_too(organisation, coordinator):
    row = list(_night(AUTUMN).values())
    row[1], row[8] = datetime.time(22), datetime.time(2, 30)

    summary = _import(organisation, [row], coordinator, extension=".xlsx")

    assert _errors(summary) == [(2, "Čas záznamu", FOLD_MESSAGE)]


@pytest.mark.parametrize(
    ("start", "utc_start"),
    [
        ("2:30 SELČ", _utc(2026, 10, 25, 0, 30)),
        ("2:30 selc", _utc(2026, 10, 25, 0, 30)),
        ("2:30 +02:00", _utc(2026, 10, 25, 0, 30)),
        ("2:30 SEČ", _utc(2026, 10, 25, 1, 30)),
        ("02:30 sec", _utc(2026, 10, 25, 1, 30)),
        ("2:30 +01:00", _utc(2026, 10, 25, 1, 30)),
    ],
)
def test_the_zone_after_a_time_in_the_autumn_fold_says_which_instant(organisation, coordinator, start, utc_start):
    row = shift_row(Datum="25. 10. 2026", Začátek=start, Konec="8:00", Přestávky_min="", Čas_záznamu="")

    summary = _import(organisation, [row], coordinator)

    assert summary.saved
    shift = Shift.objects.get()
    assert (shift.actual_start.astimezone(UTC), shift.actual_end.astimezone(UTC)) == (
        utc_start,
        _utc(2026, 10, 25, 7, 0),
    )
    assert shift.worked_minutes == (shift.actual_end - utc_start).total_seconds() // 60
    assert summary.rows[0].times == f"02:30 {'SELČ' if utc_start.hour == 0 else 'SEČ'}–08:00"


@pytest.mark.parametrize(
    ("record_time", "recorded_at"),
    [("2:30 SELČ", _utc(2026, 10, 25, 0, 30)), ("2:30 SEČ", _utc(2026, 10, 25, 1, 30))],
)
def test_a_record_time_in_the_fold_with_its_zone_is_that_instant(organisation, coordinator, record_time, recorded_at):
    summary = _import(organisation, [_night(AUTUMN, Čas_záznamu=record_time)], coordinator)

    assert summary.saved
    assert FieldRecord.objects.get().recorded_at.astimezone(UTC) == recorded_at


def test_a_record_time_in_the_fold_is_the_one_of_its_instants_within_the_shift(organisation, coordinator):
    rows = [
        # Starts at 2:45 in winter time: of 2:50's two instants only the second is on the shift.
        shift_row(Datum="25. 10. 2026", Začátek="2:45 SEČ", Konec="8:00", Přestávky_min="", Čas_záznamu="2:50"),
        # Ends at 2:15 in summer time: of 2:10's two instants only the first is on the shift.
        shift_row(
            Datum="24. 10. 2026",
            Začátek="20:00",
            Konec="2:15 SELČ",
            Přestávky_min="",
            Asistent="colleague",
            Čas_záznamu="2:10",
        ),
    ]

    summary = _import(organisation, rows, coordinator)

    assert summary.saved
    assert [record.recorded_at.astimezone(UTC) for record in FieldRecord.objects.order_by("recorded_at")] == [
        _utc(2026, 10, 25, 0, 10),
        _utc(2026, 10, 25, 1, 50),
    ]


def test_a_zone_that_is_not_the_days_is_an_error_at_its_cell(organisation, coordinator):
    row = shift_row(Datum="1. 7. 2026", Začátek="8:00 SEČ", Konec="16:00")

    summary = _import(organisation, [row], coordinator)

    assert _errors(summary) == [(2, "Začátek", "V 8:00 dne 1. 7. 2026 platí SELČ, ne SEČ.")]


def test_a_record_time_outside_the_night_shift_names_its_times(organisation, coordinator):
    summary = _import(organisation, [_night(AUTUMN, Konec="2:30 SEČ", Čas_záznamu="3:00")], coordinator)

    assert _errors(summary) == [(2, "Čas záznamu", "Čas záznamu musí být v době směny (22:00–02:30 SEČ).")]


@pytest.mark.parametrize(("day", "worked"), [(SPRING, 390), (AUTUMN, 510)])
def test_reopening_and_approving_an_imported_dst_shift_again_keeps_its_hours(
    organisation, coordinator, mentor, apk, day, worked
):
    _import(organisation, [_night(day)], coordinator)
    shift = Shift.objects.get()
    assert shift.worked_minutes == worked

    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0, tzinfo=UTC), tick=False):
        shift = services.shift_reopen(shift=shift, by=mentor, version=shift.version, reason="Kontrola hodin.")
        shift = services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
        assert shift.worked_minutes == worked
        shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)

    shift.refresh_from_db()
    assert (shift.status, shift.worked_minutes) == ("approved", worked)


def test_a_time_in_the_gap_is_reported_with_the_rows_other_errors_and_nothing_spurious(organisation, coordinator):
    from tests.assistants.factories import category

    category("syringes")
    row = shift_row(Datum="29. 3. 2026", Začátek="2:30", Konec="8:00", Kategorie="sběr použitých injekčních stříkaček")

    summary = _import(organisation, [row], coordinator)

    assert _errors(summary) == [
        (2, "Začátek", GAP_MESSAGE),
        (2, "Počet stříkaček", "U sběru stříkaček vyplňte jejich počet."),
    ]
