"""Local time and instants in one place: every wall time a person types or reads becomes an instant here, every
duration is measured here, and every day begins here (months and periods: core/dates.py).

Why a module of its own: Python subtracts and compares two aware datetimes that share one `tzinfo` on the wall
clock, ignoring their UTC offsets (PEP 495), so a night shift 22:00–06:00 across the last Sunday of March is 8 h
instead of 7 h, and across the last Sunday of October 8 h instead of 9 h. Adding a timedelta to a local datetime
is wall-clock arithmetic too. So:

- durations are taken between UTC instants (`minutes_between`), and instants are moved in UTC (`later`);
- a local date and time becomes an instant only through `instant()`, which knows the two hours of the year that
  are not a plain wall time in Europe/Prague: the spring gap (02:00–02:59 on the last Sunday of March does not
  exist) and the autumn fold (02:00–02:59 on the last Sunday of October happens twice, first in summer time);
- a day begins at the instant of its local midnight (`day_start`); month and period bounds are built from it in
  core/dates.py: a meeting at 00:30 on the 1st belongs to that month although it is still the previous day in UTC.

Everything works in the current time zone (settings.TIME_ZONE, Europe/Prague), the zone the users live in.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

UTC = datetime.UTC

# Which of the autumn fold's two occurrences of a wall time (PEP 495 `fold`): the first is still summer time.
FIRST, SECOND = 0, 1


class LocalTimeError(ValueError):
    """A local date and time that does not name exactly one instant; the message is for the user."""


class NonexistentTime(LocalTimeError):
    """The wall time falls into the spring gap (clocks jump from 02:00 to 03:00)."""


class AmbiguousTime(LocalTimeError):
    """The wall time happens twice (clocks go back from 03:00 to 02:00); `choices` holds both instants."""

    def __init__(self, message: str, choices: tuple[datetime.datetime, datetime.datetime]):
        super().__init__(message)
        self.choices = choices


@dataclass(frozen=True)
class WallTime:
    """How a local date and time maps to instants: none (the gap), one, or two (the fold, earlier first)."""

    naive: datetime.datetime
    instants: tuple[datetime.datetime, ...]

    @property
    def is_nonexistent(self) -> bool:
        return not self.instants

    @property
    def is_ambiguous(self) -> bool:
        return len(self.instants) > 1


def zone() -> datetime.tzinfo:
    return timezone.get_current_timezone()


def wall_time(day: datetime.date, time: datetime.time) -> WallTime:
    """Every instant at which the local clock shows `day` `time`."""
    naive = datetime.datetime.combine(day, time.replace(tzinfo=None, fold=0))
    instants = []
    for fold in (FIRST, SECOND):
        moment = naive.replace(tzinfo=zone(), fold=fold).astimezone(UTC)
        # A wall time in the gap does not survive the round trip (zoneinfo shifts it by the gap's hour).
        if moment.astimezone(zone()).replace(tzinfo=None) == naive and moment not in instants:
            instants.append(moment)
    return WallTime(naive=naive, instants=tuple(sorted(instants)))


def instant(day: datetime.date, time: datetime.time, *, fold: int | None = None) -> datetime.datetime:
    """The UTC instant the local clock shows as `day` `time`.

    Raises NonexistentTime for a time in the spring gap, and AmbiguousTime for a time in the autumn fold unless
    `fold` says which occurrence is meant (FIRST: summer time, SECOND: an hour later, winter time).
    """
    wall = wall_time(day, time)
    if wall.is_nonexistent:
        raise NonexistentTime(
            _("Čas %(time)s dne %(day)s neexistuje: v noci se posunují hodiny z 2:00 na 3:00 (letní čas).")
            % {"time": f"{time:%-H:%M}", "day": f"{day:%-d. %-m. %Y}"}
        )
    if wall.is_ambiguous:
        if fold is None:
            raise AmbiguousTime(
                _(
                    "Čas %(time)s dne %(day)s nastal dvakrát: v noci se vracejí hodiny z 3:00 na 2:00 (konec letního "
                    "času). Vyberte, který z nich myslíte."
                )
                % {"time": f"{time:%-H:%M}", "day": f"{day:%-d. %-m. %Y}"},
                wall.instants,
            )
        return wall.instants[fold]
    return wall.instants[0]


def occurrence(moment: datetime.datetime) -> int | None:
    """FIRST or SECOND when the moment's local wall time happens twice that night, else None."""
    local = timezone.localtime(moment)
    wall = wall_time(local.date(), local.time())
    if not wall.is_ambiguous:
        return None
    return wall.instants.index(moment.astimezone(UTC))


def zone_label(moment: datetime.datetime) -> str:
    """The Czech name of the moment's zone time, SELČ (summer) or SEČ (standard), to tell the fold's hours apart."""
    local = timezone.localtime(moment)
    return _("SELČ") if local.dst() else _("SEČ")


def clock_label(moment: datetime.datetime | None, *, with_date: bool = False) -> str:
    """The local time of a moment as people read it ("8:05"); in the autumn fold with the zone ("2:30 SELČ")."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    text = f"{local:%H:%M}"
    if with_date:
        text = f"{date_format(local.date(), 'j. n. Y')} {text}"
    if occurrence(moment) is not None:
        text = f"{text} {zone_label(moment)}"
    return text


def minutes_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole minutes from `start` to `end`, measured between the UTC instants (never on the wall clock)."""
    return int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() // 60)


def later(moment: datetime.datetime, delta: datetime.timedelta) -> datetime.datetime:
    """The instant `delta` after `moment`, in real elapsed time (a local datetime + timedelta moves the wall clock)."""
    return moment.astimezone(UTC) + delta


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def day_start(day: datetime.date) -> datetime.datetime:
    """The instant the local day begins.

    Europe/Prague changes its clocks at 02:00, so its midnight always exists; in a zone whose midnight falls into
    a gap, fold=0 maps it to the moment the clocks jump, which is when that day begins.
    """
    naive = datetime.datetime.combine(day, datetime.time.min)
    return naive.replace(tzinfo=zone(), fold=FIRST).astimezone(UTC)
