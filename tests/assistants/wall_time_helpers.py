"""The two nights of 2026 the clocks change, as UTC instants, and night shifts across them (for test_wall_times_*)."""

import datetime

from assistants.models import Shift
from tests.assistants.factories import ShiftFactory
from tests.assistants.tablet_helpers import planned_shift

UTC = datetime.UTC
# 29 March 2026: 02:00 CET → 03:00 CEST (02:00–02:59 does not exist).
MARCH_EVE, MARCH_NIGHT = datetime.date(2026, 3, 28), datetime.date(2026, 3, 29)
# 25 October 2026: 03:00 CEST → 02:00 CET (02:00–02:59 happens twice, first in summer time).
OCTOBER_EVE, OCTOBER_NIGHT = datetime.date(2026, 10, 24), datetime.date(2026, 10, 25)

AMBIGUOUS_0230 = (
    "Čas 2:30 dne 25. 10. 2026 nastal dvakrát: v noci se vracejí hodiny z 3:00 na 2:00 (konec letního času). "
    "Vyberte, který z nich myslíte."
)
NONEXISTENT_0230 = "Čas 2:30 dne 29. 3. 2026 neexistuje: v noci se posunují hodiny z 2:00 na 3:00 (letní čas)."
FIRST_0230 = "02:30 letního času (SELČ, první)"
SECOND_0230 = "02:30 zimního času (SEČ, o hodinu později)"


def utc(*parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=UTC)


# 22:00 local on the eve and 06:00 local the next morning, as UTC instants.
MARCH_22, MARCH_06 = utc(2026, 3, 28, 21, 0), utc(2026, 3, 29, 4, 0)  # 7 h apart
OCTOBER_22, OCTOBER_06 = utc(2026, 10, 24, 20, 0), utc(2026, 10, 25, 5, 0)  # 9 h apart


def night_shift(organisation, mentor, assistants, *, eve: datetime.date, **kwargs) -> Shift:
    """A shift planned 22:00 on `eve` to 06:00 the next morning, in a project of `mentor`'s."""
    start, end = (MARCH_22, MARCH_06) if eve == MARCH_EVE else (OCTOBER_22, OCTOBER_06)
    return planned_shift(organisation, mentor, assistants, day=eve, planned_start=start, planned_end=end, **kwargs)


def built_night_shift(*, eve: datetime.date, **kwargs) -> Shift:
    """The same shift, not saved (for the record form's pure functions)."""
    start, end = (MARCH_22, MARCH_06) if eve == MARCH_EVE else (OCTOBER_22, OCTOBER_06)
    return ShiftFactory.build(date=eve, planned_start=start, planned_end=end, **kwargs)
