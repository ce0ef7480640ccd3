"""selectors.worklog: the numbers behind the PDF and the page, aggregated in the database."""

import datetime
from decimal import Decimal

from assistants import selectors
from assistants.choices import ShiftKind
from tests.assistants.worklog_helpers import november


def test_month_totals_per_kind_and_category(apk, mentor):
    month = november(apk, mentor)

    log = selectors.worklog(apk, 2026, 11)

    assert [shift.pk for shift in log.shifts] == [shift.pk for shift in month.shifts]
    assert [(shift.hours, shift.break_minutes, shift.record_count) for shift in log.shifts] == [
        (Decimal("8.00"), 0, 2),
        (Decimal("7.50"), 30, 1),
        (Decimal("8.00"), 0, 2),
    ]
    assert (log.shift_count, log.worked_minutes, log.worked_hours, log.break_minutes) == (3, 1410, Decimal("23.50"), 30)
    assert [(row["kind"], row["shifts"], row["hours"]) for row in log.per_kind] == [
        (ShiftKind.PATROL, 2, Decimal("16.00")),
        (ShiftKind.SCHOOL, 1, Decimal("7.50")),
    ]
    assert [(row["name"], row["records"], row["syringes"]) for row in log.per_category] == [
        ("dohled nad veřejným pořádkem", 2, None),
        ("dohled u škol (přechody, příchod a odchod dětí)", 1, None),
        ("sběr použitých injekčních stříkaček (akce „Jehla“)", 2, 17),
    ]
    assert (log.record_count, log.syringe_count) == (5, 17)
    assert log.projects == [month.project]
    assert log.mentors == [mentor]
    assert log.month == datetime.date(2026, 11, 1)


def test_december_log_holds_the_december_shift_only(apk, mentor):
    november(apk, mentor)

    log = selectors.worklog(apk, 2026, 12)

    assert (log.shift_count, log.worked_minutes, log.syringe_count) == (1, 480, 100)


def test_another_assistants_log_is_empty(apk, colleague, mentor):
    november(apk, mentor)

    log = selectors.worklog(colleague, 2026, 11)

    assert (log.shift_count, log.worked_minutes, log.record_count, log.per_kind, log.per_category) == (0, 0, 0, [], [])
