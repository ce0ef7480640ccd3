"""Calendar months and periods in one place: a month is named by its first day, a period by its first and last
day (both included), and their bounds as instants are local midnights (core.clock.day_start).

Why the bounds are instants: a meeting at 00:30 on the 1st belongs to that month although in UTC it is still the
previous day (23:30 in winter, 22:30 in summer), so datetime columns are filtered on [local midnight of the first
day, local midnight of the day after the last) and never on UTC dates.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core import clock

# The years a month typed into a URL or a form may have: no grant period reaches outside them, and a year near
# 1 or 9999 would overflow the previous/next month links (datetime.date stops there).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def month_start(day: datetime.date) -> datetime.date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def shift_months(month: datetime.date, count: int) -> datetime.date:
    """The first day of the month `count` months after `month`'s (before it for a negative count)."""
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def next_month(month: datetime.date) -> datetime.date:
    """The first day of the month after `month`'s."""
    return shift_months(month, 1)


def last_months(today: datetime.date, count: int) -> list[datetime.date]:
    """First days of the `count` months ending with today's month, oldest first."""
    return [shift_months(today, offset) for offset in range(1 - count, 1)]


def month_of(year: int, month: int) -> datetime.date:
    """The first day of the month; ValueError outside the months 1–12 of FIRST_YEAR–LAST_YEAR."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise ValueError(f"month {year}-{month} out of range")
    return datetime.date(year, month, 1)


def day_range(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start of `first`, start of the day after `last`) as UTC instants, for filtering datetime columns."""
    return clock.day_start(first), clock.day_start(last + datetime.timedelta(days=1))


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[local midnight of the month's 1st, local midnight of the next month's 1st) as UTC instants."""
    first = month_start(month)
    return clock.day_start(first), clock.day_start(next_month(first))


@dataclass(frozen=True)
class Period:
    """A report period; both ends included, dates in Europe/Prague."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("period end before start")

    @property
    def label(self) -> str:
        return f"{self.start:%-d. %-m. %Y} – {self.end:%-d. %-m. %Y}"

    @property
    def slug(self) -> str:
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"

    def aware_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start 00:00, day after end 00:00) in the current time zone, for datetime columns."""
        return day_range(self.start, self.end)

    def months(self) -> list[datetime.date]:
        """First days of the months the period touches."""
        months, current = [], month_start(self.start)
        while current <= self.end:
            months.append(current)
            current = next_month(current)
        return months

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_shortcut(kind: str, year: int, number: int = 1) -> Period:
    """month (1–12), quarter (1–4), half (1–2) or year of a given year."""
    if kind == "month":
        return Period(datetime.date(year, number, 1), datetime.date(year, number, calendar.monthrange(year, number)[1]))
    if kind == "quarter":
        first = 3 * (number - 1) + 1
        return Period(datetime.date(year, first, 1), period_shortcut("month", year, first + 2).end)
    if kind == "half":
        first = 6 * (number - 1) + 1
        return Period(datetime.date(year, first, 1), period_shortcut("month", year, first + 5).end)
    if kind == "year":
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    raise ValueError(kind)


def period_shortcuts(today: datetime.date) -> list[tuple[str, Period]]:
    """Links offered above every report: months, quarters, half-years and years around today."""
    quarter = (today.month - 1) // 3 + 1
    half = 1 if today.month <= 6 else 2
    last_month = shift_months(today, -1)
    last_quarter = (quarter - 2) % 4 + 1
    last_quarter_year = today.year if quarter > 1 else today.year - 1
    return [
        (_("tento měsíc"), period_shortcut("month", today.year, today.month)),
        (_("minulý měsíc"), period_shortcut("month", last_month.year, last_month.month)),
        (_("toto čtvrtletí"), period_shortcut("quarter", today.year, quarter)),
        (_("minulé čtvrtletí"), period_shortcut("quarter", last_quarter_year, last_quarter)),
        (_("toto pololetí"), period_shortcut("half", today.year, half)),
        (_("tento rok"), period_shortcut("year", today.year)),
        (_("minulý rok"), period_shortcut("year", today.year - 1)),
    ]
