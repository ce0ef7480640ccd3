"""Hours across the two nights a year the clocks change, computed by hand, through every path that stores them
(the tablet, a time correction, the import, a reopen and re-approval) and every output that shows them (the work
log, the MV ČR report as HTML, XLSX and PDF).

In 2026 Europe/Prague moves to summer time on Sunday 29 March (02:00 → 03:00) and back on Sunday 25 October
(03:00 → 02:00). A night shift 22:00–06:00 is 7 hours long across the first night and 9 hours across the second.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from assistants import services
from assistants.choices import ShiftKind
from assistants.importing.saving import shift_import
from assistants.models import Shift
from assistants.reports import apk_report
from assistants.selectors import worklog
from core import clock
from core.dates import Period
from core.tabular import read_dataset
from reports.dashboard import dashboard_for
from tests.assistants.factories import ProjectFactory, at
from tests.assistants.shift_import_helpers import csv_bytes, shift_row
from tests.assistants.worklog_helpers import pdf_text as worklog_text
from tests.locations.factories import LocalityFactory
from tests.reports.helpers import html_table, parse_page, pdf_text, xlsx_sheet_rows, xlsx_table

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
OCTOBER = Period(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
SPRING_EVE = datetime.date(2026, 3, 28)  # the night shift starts on Saturday; the clocks jump on Sunday 02:00
AUTUMN_EVE = datetime.date(2026, 10, 24)


def _utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


@pytest.fixture
def project(organisation, apk, colleague, mentor):
    services.category_ensure_defaults()
    for user, first, last in ((apk, "Jana", "Asistentová"), (colleague, "Jan", "Kolega")):
        user.first_name, user.last_name = first, last
        user.save()
    LocalityFactory(organisation=organisation, name="Předlice")
    return ProjectFactory(
        organisation=organisation,
        name="APK Předlice",
        registration_number="MV-2026-042",
        assistants=[apk, colleague],
        mentors=[mentor],
    )


def _tablet_shift(project, apk, mentor, day, *, start="22:00", end="06:00", pause=None, correct=None):
    """A shift planned, started, (paused,) ended, submitted and approved through the services at `at=` instants.

    `pause` is (start, end) as UTC instants; `correct` the (actual start, actual end) of a time correction made
    before submitting.
    """
    shift = services.shift_plan(
        project=project,
        mentor=mentor,
        date=day,
        start=datetime.time.fromisoformat(start),
        end=datetime.time.fromisoformat(end),
        kind=ShiftKind.PATROL,
        assistants=[apk],
        planned_by=mentor,
    )
    shift = services.shift_start(shift=shift, by=apk, at=shift.planned_start)
    if pause:
        services.break_start(shift=shift, by=apk, at=pause[0])
        services.break_end(shift=shift, by=apk, at=pause[1])
    shift = services.shift_end(shift=Shift.objects.get(pk=shift.pk), by=apk, at=shift.planned_end)
    if correct:
        shift = services.shift_correct_times(
            shift=shift, by=apk, version=shift.version, actual_start=correct[0], actual_end=correct[1], note=""
        )
    shift = services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
    return services.shift_approve(shift=shift, by=mentor, version=shift.version)


def _import(organisation, coordinator, rows):
    dataset = read_dataset(csv_bytes(rows), extension=".csv")
    summary = shift_import(organisation=organisation, dataset=dataset, by=coordinator, dry_run=False)
    assert summary.saved, [error.message for error in summary.errors]
    return summary


def _night_row(day, assistant, breaks="30"):
    return shift_row(
        Datum=f"{day:%-d. %-m. %Y}",
        Začátek="22:00",
        Konec="6:00",
        Přestávky_min=breaks,
        Asistent=assistant.username,
        Čas_záznamu="23:15",
    )


# --- each path on its own ----------------------------------------------------------------------------


@pytest.mark.parametrize(("eve", "minutes"), [(SPRING_EVE, 7 * 60), (AUTUMN_EVE, 9 * 60)])
def test_planned_night_shift_lasts_the_real_hours_of_the_night(project, apk, mentor, eve, minutes):
    shift = services.shift_plan(
        project=project,
        mentor=mentor,
        date=eve,
        start=datetime.time(22),
        end=datetime.time(6),
        kind=ShiftKind.PATROL,
        assistants=[apk],
        planned_by=mentor,
    )

    assert clock.minutes_between(shift.planned_start, shift.planned_end) == minutes


@pytest.mark.parametrize(
    ("eve", "pause", "worked"),
    [
        # 21:00 UTC – 04:00 UTC = 420 min; the break 00:30–01:00 CET (23:30–00:00 UTC) = 30 min.
        (SPRING_EVE, (_utc(2026, 3, 28, 23, 30), _utc(2026, 3, 29, 0, 0)), 390),
        # 20:00 UTC – 05:00 UTC = 540 min; the break straddles the second 02:00 (00:45–01:15 UTC) = 30 min.
        (AUTUMN_EVE, (_utc(2026, 10, 25, 0, 45), _utc(2026, 10, 25, 1, 15)), 510),
    ],
)
def test_tablet_shift_across_the_night_counts_the_real_hours(project, apk, mentor, eve, pause, worked):
    with time_machine.travel(at(eve + datetime.timedelta(days=1), "07:00"), tick=False):
        shift = _tablet_shift(project, apk, mentor, eve, pause=pause)

    assert shift.worked_minutes == worked


@pytest.mark.parametrize(
    ("eve", "correct", "worked"),
    [
        # Corrected to 21:30 CET – 06:30 CEST: 20:30 – 04:30 UTC = 480 min.
        (SPRING_EVE, (_utc(2026, 3, 28, 20, 30), _utc(2026, 3, 29, 4, 30)), 480),
        # Corrected to 21:30 CEST – 06:30 CET: 19:30 – 05:30 UTC = 600 min.
        (AUTUMN_EVE, (_utc(2026, 10, 24, 19, 30), _utc(2026, 10, 25, 5, 30)), 600),
    ],
)
def test_corrected_times_across_the_night_count_the_real_hours(project, apk, mentor, eve, correct, worked):
    with time_machine.travel(at(eve + datetime.timedelta(days=1), "07:00"), tick=False):
        shift = _tablet_shift(project, apk, mentor, eve, correct=correct)

    assert shift.worked_minutes == worked


@pytest.mark.parametrize(("eve", "worked"), [(SPRING_EVE, 390), (AUTUMN_EVE, 510)])
def test_imported_night_shift_counts_the_real_hours(organisation, project, apk, coordinator, eve, worked):
    _import(organisation, coordinator, [_night_row(eve, apk)])

    shift = Shift.objects.get()
    assert shift.worked_minutes == worked
    assert services.compute_worked_minutes(shift) == worked  # its stored break agrees


@pytest.mark.parametrize(("eve", "worked"), [(SPRING_EVE, 390), (AUTUMN_EVE, 510)])
def test_reopened_and_reapproved_imported_shift_keeps_its_hours(
    organisation, project, apk, mentor, coordinator, eve, worked
):
    _import(organisation, coordinator, [_night_row(eve, apk)])
    shift = Shift.objects.get()

    shift = services.shift_reopen(shift=shift, by=mentor, version=shift.version, reason="Kontrola hodin.")
    shift = services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)

    assert shift.worked_minutes == worked


@pytest.mark.parametrize(("eve", "worked"), [(SPRING_EVE, 390), (AUTUMN_EVE, 510)])
def test_reopened_and_reapproved_tablet_shift_keeps_its_hours(project, apk, mentor, eve, worked):
    pause = {SPRING_EVE: (_utc(2026, 3, 28, 23, 30), _utc(2026, 3, 29, 0, 0))}.get(
        eve, (_utc(2026, 10, 25, 0, 45), _utc(2026, 10, 25, 1, 15))
    )
    with time_machine.travel(at(eve + datetime.timedelta(days=1), "07:00"), tick=False):
        shift = _tablet_shift(project, apk, mentor, eve, pause=pause)
        shift = services.shift_reopen(shift=shift, by=mentor, version=shift.version, reason="Kontrola hodin.")
        shift = services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
        shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)

    assert shift.worked_minutes == worked


# --- the month's outputs -------------------------------------------------------------------------------


@pytest.fixture
def dst_months(organisation, project, apk, colleague, mentor, coordinator):
    """The APK's March: the spring night (390 min, break 30) and the Sunday after it 8:00–16:00 (480 min);
    October: the autumn night (510 min, break 30). The colleague's imported nights: 390 and 510 min."""
    with time_machine.travel(at(datetime.date(2026, 3, 29), "17:00"), tick=False):
        _tablet_shift(project, apk, mentor, SPRING_EVE, pause=(_utc(2026, 3, 28, 23, 30), _utc(2026, 3, 29, 0, 0)))
        _tablet_shift(project, apk, mentor, datetime.date(2026, 3, 29), start="08:00", end="16:00")
    with time_machine.travel(at(datetime.date(2026, 10, 25), "07:00"), tick=False):
        _tablet_shift(project, apk, mentor, AUTUMN_EVE, pause=(_utc(2026, 10, 25, 0, 45), _utc(2026, 10, 25, 1, 15)))
    _import(organisation, coordinator, [_night_row(SPRING_EVE, colleague), _night_row(AUTUMN_EVE, colleague)])
    return project


@pytest.mark.parametrize(
    ("month", "worked", "breaks", "shifts"),
    [((2026, 3), 870, 30, 2), ((2026, 10), 510, 30, 1)],
)
def test_work_log_of_the_month_shows_the_real_hours_and_breaks(dst_months, apk, month, worked, breaks, shifts):
    log = worklog(apk, *month)

    assert (log.shift_count, log.worked_minutes, log.break_minutes) == (shifts, worked, breaks)


@pytest.mark.parametrize(
    ("month", "worked", "breaks"), [((2026, 3), 390, 30), ((2026, 10), 510, 30)], ids=["march", "october"]
)
def test_imported_shift_in_the_work_log_shows_the_real_hours_and_breaks(dst_months, colleague, month, worked, breaks):
    log = worklog(colleague, *month)

    assert [(shift.worked_minutes, shift.break_minutes) for shift in log.shifts] == [(worked, breaks)]


def test_work_log_pdf_shows_the_night_shifts_hours(dst_months, apk, login):
    url = reverse("shifts:worklog", kwargs={"user_id": apk.pk, "year": 2026, "month": 3})
    text = worklog_text(login(apk).get(url).content).replace("\n", " ")

    assert "so 28. 3. 2026 pochůzka 22:00–06:00 22:00–06:00 30 6,50" in text
    assert "ne 29. 3. 2026 pochůzka 08:00–16:00 08:00–16:00 0 8,00" in text
    assert "Celkem (počet směn: 2) 30 14,50" in text

    url = reverse("shifts:worklog", kwargs={"user_id": apk.pk, "year": 2026, "month": 10})
    text = worklog_text(login(apk).get(url).content).replace("\n", " ")

    assert "so 24. 10. 2026 pochůzka 22:00–06:00 22:00–06:00 30 8,50" in text
    assert "Celkem (počet směn: 1) 30 8,50" in text


@pytest.mark.parametrize(
    ("today", "hours"), [(datetime.date(2026, 3, 31), "21.00"), (datetime.date(2026, 10, 31), "17.00")]
)
def test_dashboard_shows_the_real_hours_of_the_month(dst_months, coordinator, today, hours):
    board = dashboard_for(coordinator, today)

    assert board.this_month.hours_worked == Decimal(hours)


# MV ČR report: (period, approved shifts, hours, hours per assistant)
REPORTS = {
    "march": (
        MARCH,
        3,
        Decimal("21.00"),
        [["Jana Asistentová", 2, Decimal("14.50")], ["Jan Kolega", 1, Decimal("6.50")]],  # by surname
    ),
    "october": (
        OCTOBER,
        2,
        Decimal("17.00"),
        [["Jana Asistentová", 1, Decimal("8.50")], ["Jan Kolega", 1, Decimal("8.50")]],
    ),
}


@pytest.mark.parametrize("name", REPORTS)
def test_mv_report_counts_the_real_hours(dst_months, name):
    period, shifts, hours, per_assistant = REPORTS[name]
    report = apk_report(dst_months, period)

    assert ("Schválené směny", shifts) in report.facts
    assert ("Odpracované hodiny", hours) in report.facts
    assert report.table("Směny a hodiny podle asistentů").rows == per_assistant


@pytest.mark.parametrize("name", REPORTS)
def test_mv_report_page_xlsx_and_pdf_show_the_real_hours(dst_months, coordinator, login, name):
    period, shifts, hours, _ = REPORTS[name]
    client = login(coordinator)
    params = {"project": dst_months.pk, "od": period.start.isoformat(), "do": period.end.isoformat()}
    url = reverse("reports:apk")
    shown = f"{hours}".replace(".", ",")

    page = parse_page(client.get(url, params))
    xlsx = xlsx_sheet_rows(client.get(url, {**params, "format": "xlsx"}).content)
    pdf = pdf_text(client.get(url, {**params, "format": "pdf"}).content)

    assert html_table(page, "Podle měsíců")[-1][:3] == ["Celkem", str(shifts), shown]
    assert xlsx_table(xlsx, "Podle měsíců")[-1][:3] == ["Celkem", shifts, float(hours)]
    assert f"Odpracované hodiny {shown}" in pdf
