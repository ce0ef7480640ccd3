"""The coordinator's dashboard (home page): this month against last month, and the last twelve months.

Figures are organisation-wide aggregates, never rows: the dashboard is for coordinators and organisation
admins, who see aggregates but never a client's identity. One aggregate query per table, whatever the data
size: every month is a conditional aggregate (Count/Sum with filter=Q(...)) of the same query.

Definitions as in the reports (docs/domain.md, assistants/reports.py): only approved shifts count, a shift counts
on its start date, a field record counts by its own date in Europe/Prague (and, as in the APK report, only
when its shift is approved), a contact by its date.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from assistants.choices import ShiftStatus
from assistants.models import FieldRecord, Shift
from cases.models import AnonymousContact, Contact
from core import dates
from core.reporting import hours
from platforms.choices import TaskStatus
from platforms.models import Task

CHART_MONTHS = 12


@dataclass(frozen=True)
class MonthFigures:
    """One month's figures; `month` is its first day."""

    month: datetime.date
    approved_shifts: int
    hours_worked: Decimal
    field_records: int
    contacts: int
    anonymous_contacts: int
    open_tasks: int


@dataclass(frozen=True)
class Dashboard:
    this_month: MonthFigures
    last_month: MonthFigures
    shifts_to_approve: int
    overdue_tasks: int
    # The chart: first days of the last CHART_MONTHS months (oldest first) and each month's values.
    months: list[datetime.date]
    hours_by_month: list[Decimal]
    records_by_month: list[int]


def _shift_figures(user, months: list[datetime.date]) -> dict:
    """Approved shifts and their minutes per month, and the shifts waiting for approval: one query."""
    aggregates = {"to_approve": Count("id", filter=Q(status=ShiftStatus.SUBMITTED))}
    for index, month in enumerate(months):
        in_month = Q(status=ShiftStatus.APPROVED, date__gte=month, date__lt=dates.next_month(month))
        aggregates[f"shifts_{index}"] = Count("id", filter=in_month)
        aggregates[f"minutes_{index}"] = Sum("worked_minutes", filter=in_month)
    return (
        Shift.objects.for_user(user)
        .filter(
            Q(status=ShiftStatus.SUBMITTED)
            | Q(status=ShiftStatus.APPROVED, date__gte=months[0], date__lt=dates.next_month(months[-1]))
        )
        .aggregate(**aggregates)
    )


def _record_figures(user, months: list[datetime.date]) -> dict:
    """Field records of approved shifts per month (by the record's own Prague date): one query."""
    aggregates = {}
    for index, month in enumerate(months):
        start, end = dates.month_bounds(month)
        aggregates[f"records_{index}"] = Count("id", filter=Q(recorded_at__gte=start, recorded_at__lt=end))
    return (
        FieldRecord.objects.for_user(user)
        .filter(
            shift__status=ShiftStatus.APPROVED,
            recorded_at__gte=dates.month_bounds(months[0])[0],
            recorded_at__lt=dates.month_bounds(months[-1])[1],
        )
        .aggregate(**aggregates)
    )


def _dated_counts(queryset, months: list[datetime.date]) -> dict:
    """Rows with a `date` column counted per month: one query."""
    aggregates = {
        f"count_{index}": Count("id", filter=Q(date__gte=month, date__lt=dates.next_month(month)))
        for index, month in enumerate(months)
    }
    return queryset.filter(date__gte=months[0], date__lt=dates.next_month(months[-1])).aggregate(**aggregates)


def _task_figures(user, today: datetime.date) -> dict:
    """Open tasks now and at the end of last month, and the overdue ones: one query.

    A task was open when last month ended if it had been given at an earlier meeting and was not closed
    (done or cancelled) at a meeting before this month began. A task closed without a closing meeting has
    no known closing date and counts as closed then.
    """
    month_start = dates.month_bounds(today)[0]
    return (
        Task.objects.for_user(user)
        .filter(Q(status=TaskStatus.OPEN) | Q(closed_at_meeting__starts_at__gte=month_start))
        .aggregate(
            open_now=Count("id", filter=Q(status=TaskStatus.OPEN)),
            open_last_month=Count(
                "id",
                filter=Q(meeting__starts_at__lt=month_start)
                & (Q(status=TaskStatus.OPEN) | Q(closed_at_meeting__starts_at__gte=month_start)),
            ),
            overdue=Count("id", filter=Q(status=TaskStatus.OPEN, due_on__lt=today)),
        )
    )


def dashboard_for(user, today: datetime.date) -> Dashboard:
    """The dashboard figures of the user's organisation as of `today` (a Prague date): five aggregate queries."""
    months = dates.last_months(today, CHART_MONTHS)
    shifts = _shift_figures(user, months)
    records = _record_figures(user, months)
    contacts = _dated_counts(Contact.objects.for_user(user), months)
    anonymous = _dated_counts(AnonymousContact.objects.for_user(user), months)
    tasks = _task_figures(user, today)

    def month_figures(position: int, open_tasks: int) -> MonthFigures:
        return MonthFigures(
            month=months[position],
            approved_shifts=shifts[f"shifts_{position}"] or 0,
            hours_worked=hours(shifts[f"minutes_{position}"]),
            field_records=records[f"records_{position}"] or 0,
            contacts=contacts[f"count_{position}"] or 0,
            anonymous_contacts=anonymous[f"count_{position}"] or 0,
            open_tasks=open_tasks or 0,
        )

    this_month, last_month = len(months) - 1, len(months) - 2
    return Dashboard(
        this_month=month_figures(this_month, tasks["open_now"]),
        last_month=month_figures(last_month, tasks["open_last_month"]),
        shifts_to_approve=shifts["to_approve"] or 0,
        overdue_tasks=tasks["overdue"] or 0,
        months=months,
        hours_by_month=[hours(shifts[f"minutes_{index}"]) for index in range(len(months))],
        records_by_month=[records[f"records_{index}"] or 0 for index in range(len(months))],
    )
