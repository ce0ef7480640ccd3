"""Inputs and fields shared by the assistants app's forms."""

import datetime
from collections.abc import Callable

from django.utils import timezone

from assistants.models import Shift
from core import clock
from core.forms import settled_instant


def shift_span(shift: Shift) -> tuple[datetime.datetime, datetime.datetime]:
    """The span a record's time should lie in: the actual times, else the planned; a running shift lasts until now."""
    start = shift.actual_start or shift.planned_start
    end = shift.actual_end or shift.planned_end
    if shift.actual_start is not None and shift.actual_end is None:
        end = max(end, timezone.now())  # still running, possibly past its planned end
    return start.astimezone(clock.UTC), end.astimezone(clock.UTC)


def during_shift(shift: Shift) -> Callable[[datetime.datetime], bool]:
    """Does an instant lie within the shift's span? Settles which of the autumn fold's two times a record means."""
    start, end = shift_span(shift)
    return lambda moment: start <= moment <= end


def record_day(shift: Shift, time: datetime.time) -> datetime.date:
    """The day a time of day (Europe/Prague) names during the shift.

    The record form asks only for the time; the date is the shift's. For a shift over midnight, 01:30 means the
    next day: of the shift's date and the days either side, take the one whose time lies closest to the shift's
    span (measured between UTC instants, so the night the clocks change counts its real hours).
    """
    start, end = shift_span(shift)

    def distance(moment):
        if moment < start:
            return start - moment
        return max(moment - end, datetime.timedelta(0))

    def closest(day):
        wall = clock.wall_time(day, time)
        # A time in the spring gap names no instant; it stands where the clock would show it before the jump, so
        # its day is still the one meant (and the form then says the time does not exist).
        moments = wall.instants or (wall.naive.replace(tzinfo=clock.zone()).astimezone(clock.UTC),)
        return min(distance(moment) for moment in moments)

    days = [shift.date + datetime.timedelta(days=offset) for offset in (0, 1, -1)]
    return min(days, key=closest)  # min keeps the first of equals: the shift's own date


def shift_moment(shift: Shift, time: datetime.time, *, fold: int | None = None) -> datetime.datetime:
    """The instant a time of day names during the shift (see record_day); raises clock.LocalTimeError.

    In the autumn fold the shift settles which 02:30 is meant when only one of the two lies in its span;
    otherwise `fold` must say (clock.AmbiguousTime without it).
    """
    day = record_day(shift, time)
    settled = settled_instant(clock.wall_time(day, time), during_shift(shift))
    return settled if settled is not None else clock.instant(day, time, fold=fold)
