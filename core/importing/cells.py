"""Czech cell parsers for imports: what a cell of a CSV or XLSX file means, or a Czech message why it means nothing.

A cell comes typed from XLSX (numbers, dates, times, booleans) and as text from CSV; the parsers take both. Each
raises `CellError` with a message quoting the value it was given, so an import that wants the cell's trimmed text
quoted passes `text(value)`.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import clock
from core.tabular import is_blank
from core.text import fold


class CellError(ValueError):
    """A cell's value is not valid; the message is for the user."""


# Ordinary, no-break and narrow no-break space, and tab: Czech Excel writes "1 800".
_SPACES = str.maketrans("", "", " \u00a0\u202f\t")


def text(value) -> str:
    """The cell as trimmed text; numbers from XLSX cells become their text ('12', not '12.0')."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def without_spaces(text: str) -> str:
    """'554 791' -> '554791'."""
    return text.translate(_SPACES)


def number_text(value) -> str:
    """'1 800', '50,0755' or 50.0755 -> '1800', '50.0755', '50.0755'."""
    if isinstance(value, float):
        return repr(value)
    return without_spaces(str(value)).replace(",", ".")


# --- Numbers --------------------------------------------------------------------------------------


def whole_number(value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number, with a decimal comma or point and spaces as Czech Excel writes them ('1 800', '1800,0')."""
    try:
        number = Decimal(number_text(value))
        if (
            number.is_finite()
            and number.adjusted() < 18
            and number == number.to_integral_value()
            and (minimum is None or number >= minimum)
            and (maximum is None or number <= maximum)
        ):
            return int(number)
    except InvalidOperation:
        pass
    if minimum is None or maximum is None:
        raise CellError(_("„%(value)s“ není celé číslo.") % {"value": value})
    message = _("„%(value)s“ není celé číslo od %(min)s do %(max)s.")
    raise CellError(message % {"value": value, "min": minimum, "max": maximum})


def decimal(value, *, decimal_places: int) -> Decimal:
    """A decimal number with a decimal comma or point, rounded to `decimal_places`."""
    try:
        number = Decimal(number_text(value))
        if number.is_finite() and number.adjusted() < 18:
            return number.quantize(Decimal(1).scaleb(-decimal_places))
    except InvalidOperation:
        pass
    raise CellError(_("„%(value)s“ není číslo; zadejte např. 50,0755.") % {"value": value})


# --- Yes / no and choices -------------------------------------------------------------------------

TRUE_WORDS = {"ano", "a", "1", "true", "pravda", "yes"}
FALSE_WORDS = {"ne", "n", "0", "false", "nepravda", "no"}


def yes_no(value, *, blank: bool) -> bool:
    """ano / ne (also a / n, 1 / 0, true / false); an empty cell means `blank`."""
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return blank
    word = fold(number_text(value) if isinstance(value, int | float) else str(value).strip())
    if word in {"1.0", "0.0"}:
        word = word[0]
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("„%(value)s“ není platná hodnota; zadejte ano, nebo ne.") % {"value": value})


def label_key(label) -> str:
    """Labels match case-, diacritics- and whitespace-insensitively."""
    return " ".join(fold("" if label is None else str(label)).split())


def choice_lookup(choices, *, key=label_key, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Code by `key` of its Czech label, of the code itself, and of `aliases`; built when an import runs, since
    the labels are translated."""
    with translation.override("cs"):
        lookup = {key(label): code for code, label in choices.choices}
    lookup.update({key(code): code for code in choices.values})
    lookup.update({key(alias): code for alias, code in (aliases or {}).items()})
    return lookup


def choice_labels(choices) -> str:
    """The Czech labels, for a message listing the allowed values."""
    with translation.override("cs"):
        return ", ".join(str(label) for label in choices.labels)


# --- Dates and times ------------------------------------------------------------------------------

_DATE_CZ = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
# A time, optionally with the zone time it is in: SELČ (summer, UTC+2) or SEČ (standard, UTC+1), also CEST / CET
# or +02:00 / +01:00. Matched on the folded text (core.text.fold: "SELČ" -> "selc").
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*(?:(selc|sec|cest|cet)|\+0?([12])(?::?00)?))?$")
_ZONE_OFFSETS = {"selc": 120, "cest": 120, "sec": 60, "cet": 60}


def date(value) -> datetime.date:
    """15. 11. 2026, 2026-11-15, or a date cell."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    cell = text(value)
    try:
        if match := _DATE_CZ.match(cell):
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        if match := _DATE_ISO.match(cell):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise CellError(_("„%(value)s“ není datum; zadejte např. 15. 11. 2026.") % {"value": cell})


@dataclass(frozen=True)
class CellTime:
    """A time of day as a cell gives it, with the UTC offset (minutes) its SELČ / SEČ suffix names, if any."""

    time: datetime.time
    utc_offset: int | None = None


def time(value) -> CellTime:
    """8:00, 8.00, 2:30 SELČ, 2:30 SEČ (also CEST / CET, +02:00 / +01:00), or a time cell."""
    if isinstance(value, datetime.datetime):
        return CellTime(value.time().replace(second=0, microsecond=0))
    if isinstance(value, datetime.time):
        return CellTime(value.replace(second=0, microsecond=0, tzinfo=None))
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        # Excel stores a time as a fraction of a day.
        minutes = round(value * 24 * 60)
        return CellTime(datetime.time(minutes // 60 % 24, minutes % 60))
    cell = text(value)
    match = _TIME.match(" ".join(fold(cell).split()))
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        if match[4]:
            offset = _ZONE_OFFSETS[match[4]]
        else:
            offset = 60 * int(match[5]) if match[5] else None
        return CellTime(datetime.time(int(match[1]), int(match[2])), offset)
    raise CellError(_("„%(value)s“ není čas; zadejte např. 8:00.") % {"value": cell})


def _zone_name(utc_offset: int) -> str:
    return _("SELČ") if utc_offset == 120 else _("SEČ")


def local_time_error(day: datetime.date, time: datetime.time) -> str:
    """core.clock's message for a wall time in the gap or the fold; for the fold, how to say which one in a file."""
    try:
        clock.instant(day, time)
    except clock.AmbiguousTime as error:
        hint = _("Napište za čas SELČ (první, ještě letní čas), nebo SEČ (o hodinu později), např. „%(example)s“.")
        return f"{error} {hint % {'example': f'{time:%-H:%M} SEČ'}}"
    except clock.NonexistentTime as error:
        return str(error)
    return ""


def instants(day: datetime.date, cell: CellTime) -> tuple[datetime.datetime, ...]:
    """The instants (UTC) a time cell can mean on `day`: one, or two in the autumn fold without a suffix.

    A time in the spring gap, or one whose suffix is not the zone time of that day and hour, is a CellError.
    """
    wall = clock.wall_time(day, cell.time)
    if wall.is_nonexistent:
        raise CellError(local_time_error(day, cell.time))
    if cell.utc_offset is None:
        return wall.instants
    meant = tuple(
        moment
        for moment in wall.instants
        if timezone.localtime(moment).utcoffset() == datetime.timedelta(minutes=cell.utc_offset)
    )
    if not meant:
        raise CellError(
            _("V %(time)s dne %(day)s platí %(zone)s, ne %(given)s.")
            % {
                "time": f"{cell.time:%-H:%M}",
                "day": f"{day:%-d. %-m. %Y}",
                "zone": clock.zone_label(wall.instants[0]),
                "given": _zone_name(cell.utc_offset),
            }
        )
    return meant


def instant(day: datetime.date, cell: CellTime) -> datetime.datetime:
    """The one instant a time cell names on `day`; CellError in the gap, or in the fold without SELČ / SEČ."""
    moments = instants(day, cell)
    if len(moments) > 1:
        raise CellError(local_time_error(day, cell.time))
    return moments[0]
