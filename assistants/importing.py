"""Import of historical APK shifts and their field records from CSV / XLSX files (docs/import-shifts.md).

One row is one field record with its shift; rows with the same date, start, end and assistants form one
shift. Imported shifts are created approved (`imported=True`) by the importing user, with the hours
worked computed by the one rule for hours (`services.worked_minutes`: end − start − breaks between UTC
instants; a shift over midnight counts on its start date). Times become instants through core/clock.py: a time in
the spring gap is an error at its cell, and one in the autumn fold too unless the cell says which (`2:30 SELČ`,
`2:30 SEČ`). Field records get deterministic client tokens (uuid5 of the organisation and the row's values), so
importing the same file again creates nothing and reports those rows as already imported.

Rows are checked by the same service functions as the shifts and records entered in the UI (the team, the
project's period, a shift's span, a record's rules; assistants/services.py) and saved in bulk, so a file of
thousands of rows takes a fixed number of queries. Bulk inserts are not seen by the audit signals: the rows'
`create` events (and the assistants link, as the UI writes it) are written with `audit.record_created_many`, and
one `import` event sums the file up.

All or nothing: any invalid row, or `dry_run`, saves nothing (no audit rows either); the summary says what would
happen. The web views (views/imports.py) and the `import_shifts` command both call `shift_import`.
"""

import datetime
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import Role
from accounts.models import Organisation, User
from assistants import services
from assistants.choices import Outcome, ShiftKind, ShiftStatus
from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift, ShiftBreak, ShiftStatusChange
from audit import services as audit
from audit.choices import AuditAction
from core import clock
from core.tabular import RowError, UploadStore, canonical_headers, is_blank
from core.text import fold
from core.validators import validate_no_control_characters, validate_no_control_characters_multiline
from locations.models import Locality

# The file format is Czech and stable whatever the interface language: plain constants, not translatable.
DATE, START, END, BREAKS = "Datum", "Začátek", "Konec", "Přestávky (min)"
ASSISTANTS, MENTOR, PROJECT, KIND = "Asistent", "Mentor", "Projekt", "Druh směny"
RECORD_TIME, LOCALITY, PLACE, CATEGORY = "Čas záznamu", "Lokalita", "Místo", "Kategorie"
DESCRIPTION, PERSONS, OUTCOME, HANDED_OVER = "Popis", "Počet osob", "Výsledek", "Předáno komu"
FOLLOW_UP, SYRINGES = "Další řešení", "Počet stříkaček"

SHIFT_COLUMNS = (DATE, START, END, BREAKS, ASSISTANTS, MENTOR, PROJECT, KIND)
RECORD_COLUMNS = (
    RECORD_TIME,
    LOCALITY,
    PLACE,
    CATEGORY,
    DESCRIPTION,
    PERSONS,
    OUTCOME,
    HANDED_OVER,
    FOLLOW_UP,
    SYRINGES,
)
COLUMNS = SHIFT_COLUMNS + RECORD_COLUMNS
REQUIRED_COLUMNS = (DATE, START, END, ASSISTANTS, MENTOR, PROJECT)


@dataclass(frozen=True)
class ColumnHelp:
    header: str
    meaning: str
    values: str
    example: str
    required: bool = False


# Shown on the import page (docs/import-shifts.md has the same table, with more detail).
IMPORT_COLUMNS_HELP = [
    ColumnHelp(DATE, gettext_lazy("datum začátku směny"), gettext_lazy("den. měsíc. rok"), "15. 11. 2025", True),
    ColumnHelp(
        START,
        gettext_lazy("začátek směny"),
        gettext_lazy("hodiny:minuty; čas mezi 2:00 a 2:59 v noci konce letního času s SELČ, nebo SEČ"),
        "8:00",
        True,
    ),
    ColumnHelp(
        END,
        gettext_lazy("konec směny"),
        gettext_lazy("dřívější než začátek = přes půlnoc; SELČ / SEČ jako u začátku"),
        "16:00",
        True,
    ),
    ColumnHelp(BREAKS, gettext_lazy("přestávky celkem"), gettext_lazy("minuty, prázdné = 0"), "30"),
    ColumnHelp(
        ASSISTANTS, gettext_lazy("uživatelská jména asistentů"), gettext_lazy("1 až 3, oddělená čárkou"), "novak", True
    ),
    ColumnHelp(MENTOR, gettext_lazy("uživatelské jméno mentora"), gettext_lazy("text"), "svoboda", True),
    ColumnHelp(PROJECT, gettext_lazy("projekt"), gettext_lazy("registrační číslo nebo název"), "MV-2025-042", True),
    ColumnHelp(KIND, gettext_lazy("druh směny"), gettext_lazy("např. pochůzka; prázdné = pochůzka"), "pochůzka"),
    ColumnHelp(
        RECORD_TIME,
        gettext_lazy("čas záznamu"),
        gettext_lazy("v době směny; prázdné = začátek; SELČ / SEČ jako u začátku"),
        "10:30",
    ),
    ColumnHelp(LOCALITY, gettext_lazy("lokalita z registru"), gettext_lazy("název lokality"), "Předlice"),
    ColumnHelp(PLACE, gettext_lazy("jiné místo"), gettext_lazy("text, když není lokalita"), "zastávka MHD"),
    ColumnHelp(CATEGORY, gettext_lazy("kategorie záznamu"), gettext_lazy("název z číselníku"), "záškoláctví"),
    ColumnHelp(DESCRIPTION, gettext_lazy("popis bez jmen obyvatel"), gettext_lazy("text"), "Doprovod dětí do školy."),
    ColumnHelp(PERSONS, gettext_lazy("počet osob"), gettext_lazy("celé číslo, prázdné = 0"), "3"),
    ColumnHelp(OUTCOME, gettext_lazy("výsledek"), gettext_lazy("např. pouze monitoring"), "pouze monitoring"),
    ColumnHelp(HANDED_OVER, gettext_lazy("komu bylo předáno"), gettext_lazy("text"), "OSPOD"),
    ColumnHelp(FOLLOW_UP, gettext_lazy("nutné další řešení"), gettext_lazy("ano / ne, prázdné = ne"), "ne"),
    ColumnHelp(SYRINGES, gettext_lazy("počet stříkaček"), gettext_lazy("jen u sběru stříkaček"), "12"),
]

# Stored in the shift's status history (data, so in the language of the records, not the interface).
IMPORT_COMMENT = "Import historických dat"
# The import's audit event: counts only, never a value of the file (audit/services.py).
IMPORT_AUDIT_EXTRA = "směny: %(shifts)s, záznamy: %(records)s"
# The namespace of the records' deterministic client tokens; never change it, or re-imports would duplicate.
TOKEN_NAMESPACE = uuid.UUID("6f1b8c2e-54a7-4d0e-9b8e-3c2f0a9d7e15")
MAX_ASSISTANTS = services.MAX_ASSISTANTS

uploads = UploadStore("shifts")


class RowStatus(models.TextChoices):
    NEW = "new", gettext_lazy("nový")
    DUPLICATE = "duplicate", gettext_lazy("už importováno")
    INVALID = "invalid", gettext_lazy("chybný")


@dataclass
class ImportRow:
    number: int  # the spreadsheet row number; the header is row 1
    status: str
    date: datetime.date | None
    times: str  # "08:00–16:00"
    assistants: str
    category: str
    errors: list[RowError] = field(default_factory=list)

    def get_status_display(self) -> str:
        return RowStatus(self.status).label


@dataclass
class ShiftImportSummary:
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    new_shifts: int = 0
    new_records: int = 0
    saved: bool = False

    def _count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new(self) -> int:
        return self._count(RowStatus.NEW)

    @property
    def duplicate(self) -> int:
        return self._count(RowStatus.DUPLICATE)

    @property
    def invalid(self) -> int:
        return self._count(RowStatus.INVALID)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not self.invalid

    @property
    def has_changes(self) -> bool:
        return bool(self.new)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]


# --- Cell values ----------------------------------------------------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f\t")
_DATE_CZ = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
# A time, optionally with the zone time it is in: SELČ (summer, UTC+2) or SEČ (standard, UTC+1), also CEST / CET
# or +02:00 / +01:00. Matched on the folded text (core.text.fold: "SELČ" -> "selc").
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*(?:(selc|sec|cest|cet)|\+0?([12])(?::?00)?))?$")
_ZONE_OFFSETS = {"selc": 120, "cest": 120, "sec": 60, "cet": 60}


class CellError(ValueError):
    """A cell's value is not valid; the message is for the user."""


def _text(value) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    try:
        if match := _DATE_CZ.match(text):
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        if match := _DATE_ISO.match(text):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise CellError(_("„%(value)s“ není datum; zadejte např. 15. 11. 2026.") % {"value": text})


@dataclass(frozen=True)
class CellTime:
    """A time of day as a cell gives it, with the UTC offset (minutes) its SELČ / SEČ suffix names, if any."""

    time: datetime.time
    utc_offset: int | None = None


def _time(value) -> CellTime:
    if isinstance(value, datetime.datetime):
        return CellTime(value.time().replace(second=0, microsecond=0))
    if isinstance(value, datetime.time):
        return CellTime(value.replace(second=0, microsecond=0, tzinfo=None))
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        # Excel stores a time as a fraction of a day.
        minutes = round(value * 24 * 60)
        return CellTime(datetime.time(minutes // 60 % 24, minutes % 60))
    text = _text(value)
    match = _TIME.match(" ".join(fold(text).split()))
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        if match[4]:
            offset = _ZONE_OFFSETS[match[4]]
        else:
            offset = 60 * int(match[5]) if match[5] else None
        return CellTime(datetime.time(int(match[1]), int(match[2])), offset)
    raise CellError(_("„%(value)s“ není čas; zadejte např. 8:00.") % {"value": text})


def _zone_name(utc_offset: int) -> str:
    return _("SELČ") if utc_offset == 120 else _("SEČ")


def _local_time_error(day: datetime.date, time: datetime.time) -> str:
    """core.clock's message for a wall time in the gap or the fold; for the fold, how to say which one in a file."""
    try:
        clock.instant(day, time)
    except clock.AmbiguousTime as error:
        hint = _("Napište za čas SELČ (první, ještě letní čas), nebo SEČ (o hodinu později), např. „%(example)s“.")
        return f"{error} {hint % {'example': f'{time:%-H:%M} SEČ'}}"
    except clock.NonexistentTime as error:
        return str(error)
    return ""


def _instants(day: datetime.date, cell: CellTime) -> tuple[datetime.datetime, ...]:
    """The instants (UTC) a time cell can mean on `day`: one, or two in the autumn fold without a suffix.

    A time in the spring gap, or one whose suffix is not the zone time of that day and hour, is a CellError.
    """
    wall = clock.wall_time(day, cell.time)
    if wall.is_nonexistent:
        raise CellError(_local_time_error(day, cell.time))
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


def _instant(day: datetime.date, cell: CellTime) -> datetime.datetime:
    """The one instant a time cell names on `day`; CellError in the gap, or in the fold without SELČ / SEČ."""
    instants = _instants(day, cell)
    if len(instants) > 1:
        raise CellError(_local_time_error(day, cell.time))
    return instants[0]


def _whole_number(value, *, minimum: int, maximum: int) -> int:
    text = _text(value).translate(_SPACES).replace(",", ".")
    try:
        number = Decimal(text)
        if number.is_finite() and number == number.to_integral_value() and minimum <= number <= maximum:
            return int(number)
    except InvalidOperation:
        pass
    message = _("„%(value)s“ není celé číslo od %(min)s do %(max)s.")
    raise CellError(message % {"value": _text(value), "min": minimum, "max": maximum})


_TRUE_WORDS = {"ano", "a", "1", "true", "pravda", "yes"}
_FALSE_WORDS = {"ne", "n", "0", "false", "nepravda", "no"}


def _yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    word = fold(_text(value))
    if word in {"", *_FALSE_WORDS}:
        return False
    if word in _TRUE_WORDS:
        return True
    raise CellError(_("„%(value)s“ není platná hodnota; zadejte ano, nebo ne.") % {"value": _text(value)})


def _key(text: str) -> str:
    """Labels match case-, diacritics- and whitespace-insensitively."""
    return " ".join(fold(text).split())


def _choice_lookup(choices) -> dict[str, str]:
    with translation.override("cs"):
        lookup = {_key(str(label)): code for code, label in choices.choices}
    lookup.update({_key(code): code for code in choices.values})
    return lookup


def _labels(choices) -> str:
    with translation.override("cs"):
        return ", ".join(str(label) for label in choices.labels)


# --- Parsing rows ---------------------------------------------------------------------------------


@dataclass
class ParsedRow:
    number: int
    values: dict
    errors: list[RowError] = field(default_factory=list)
    date: datetime.date | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    break_minutes: int = 0
    assistants: list[User] = field(default_factory=list)
    mentor: User | None = None
    project: Project | None = None
    kind: str = ShiftKind.PATROL
    record: dict | None = None  # FieldRecord field values, None for a row with the shift only
    token: uuid.UUID | None = None
    status: str = RowStatus.NEW
    refused_columns: set[str] = field(default_factory=set)  # cells with control characters

    def error(self, column: str, message: str) -> None:
        if column in self.refused_columns:
            return  # the cell's control character is its error; what it then fails to match says nothing more
        self.errors.append(RowError(row=self.number, column=column, message=message))

    @property
    def shift_key(self) -> tuple:
        return (self.start, self.end, tuple(sorted(a.pk for a in self.assistants)))


class _Lookups:
    """The organisation's users, projects, localities and categories, read once per import."""

    def __init__(self, organisation: Organisation):
        self.organisation_id = organisation.pk
        self.users = {}
        for user in User.objects.filter(organisation=organisation):
            self.users.setdefault(user.username.casefold(), user)
        self.projects = defaultdict(list)
        for project in Project.objects.filter(organisation=organisation).order_by("pk"):
            if project.registration_number:
                self.projects[_key(project.registration_number)].append(project)
            if _key(project.name) != _key(project.registration_number):
                self.projects[_key(project.name)].append(project)
        self.localities = defaultdict(list)
        for locality in Locality.objects.filter(organisation=organisation).order_by("pk"):
            self.localities[_key(locality.name)].append(locality)
        self.categories = {}
        categories = FieldRecordCategory.objects.available_to(organisation.pk).filter(is_active=True)
        # The organisation's own categories win over the default code list.
        for category in categories.order_by(F("organisation_id").asc(nulls_last=True), "position"):
            self.categories.setdefault(_key(category.name), category)
            self.categories.setdefault(_key(category.code), category)
        for category in categories.order_by(F("organisation_id").asc(nulls_last=True), "position"):
            # "dohled u škol" for "dohled u škol (přechody, příchod a odchod dětí)"
            self.categories.setdefault(_key(category.name.split(" (")[0]), category)
        self.kinds = _choice_lookup(ShiftKind)
        self.outcomes = _choice_lookup(Outcome)


def _refuse_control_characters(row: ParsedRow) -> None:
    """Every text cell through the validator of every text field (core/validators.py), reported at its cell."""
    for column in COLUMNS:
        text = _text(row.values.get(column))
        multiline = column == DESCRIPTION  # FieldRecord.description is the only multi-line text
        validator = validate_no_control_characters_multiline if multiline else validate_no_control_characters
        try:
            validator(text)
        except ValidationError as error:
            row.error(column, error.messages[0])
            row.refused_columns.add(column)


def _parse_row(number: int, values: dict, lookups: _Lookups) -> ParsedRow:
    row = ParsedRow(number=number, values=values)
    cell = values.get
    _refuse_control_characters(row)

    def parse(column, parser, *, required=False, required_message=None):
        if is_blank(cell(column)):
            if required:
                row.error(column, required_message or _("Vyplňte tento sloupec."))
            return None
        try:
            return parser(cell(column))
        except CellError as error:
            row.error(column, str(error))
            return None

    row.date = parse(DATE, _date, required=True)
    start_cell = parse(START, _time, required=True)
    end_cell = parse(END, _time, required=True)
    breaks = parse(BREAKS, lambda v: _whole_number(v, minimum=0, maximum=24 * 60))
    row.break_minutes = breaks or 0
    if row.date and start_cell is not None and end_cell is not None:
        if start_cell.time == end_cell.time:
            row.error(END, _("Konec směny musí být jiný než začátek."))
        else:
            _parse_shift_times(row, start_cell, end_cell)

    _parse_people(row, lookups)
    _parse_project(row, lookups)
    if row.project is not None and row.mentor is not None and row.assistants:
        # The team rules of a shift planned in the UI; historical shifts may name assistants who have left since.
        _validate_with(
            row,
            lambda: services.validate_shift_team(
                project=row.project, mentor=row.mentor, assistants=row.assistants, active_only=False
            ),
        )
    kind = _text(cell(KIND))
    if kind:
        row.kind = lookups.kinds.get(_key(kind))
        if row.kind is None:
            row.error(
                KIND,
                _("Neznámý druh směny „%(value)s“; povolené hodnoty: %(allowed)s.")
                % {"value": kind, "allowed": _labels(ShiftKind)},
            )
    if any(not is_blank(cell(column)) for column in RECORD_COLUMNS):
        _parse_record(row, lookups, parse)
    return row


# Service field -> file column, for the services' validation errors.
_FIELD_COLUMNS = {
    "date": DATE,
    "actual_end": END,
    "assistants": ASSISTANTS,
    "mentor": MENTOR,
    "recorded_at": RECORD_TIME,
    "locality": LOCALITY,
    "place": PLACE,
    "category": CATEGORY,
    "description": DESCRIPTION,
    "persons_involved": PERSONS,
    "outcome": OUTCOME,
    "handed_over_to": HANDED_OVER,
    "follow_up": FOLLOW_UP,
    "syringe_count": SYRINGES,
}


def _validate_with(row: ParsedRow, validate, *, unknown=()) -> None:
    """Run a service's validation; its errors go to their columns, except to cells that already have an error.

    `unknown`: columns whose value could not be worked out for a reason reported elsewhere (a record's time when
    the shift's times are wrong); the service's complaint about them says nothing more.
    """
    try:
        validate()
    except ValidationError as error:
        reported = {e.column for e in row.errors} | set(unknown)
        items = error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
        for name, messages in items:
            column = _FIELD_COLUMNS.get(name, "")
            if column and column in reported:
                continue
            for message in messages:
                row.error(column, message)


def _parse_shift_times(row: ParsedRow, start_cell: CellTime, end_cell: CellTime) -> None:
    """The shift's instants (UTC): the start on its date, the end on the same or the next day (past midnight)."""
    try:
        start = _instant(row.date, start_cell)
    except CellError as error:
        row.error(START, str(error))
        start = None
    try:
        end = _instant(services.planned_end_date(row.date, start_cell.time, end_cell.time), end_cell)
    except CellError as error:
        row.error(END, str(error))
        end = None
    if start is None or end is None:
        return
    before = len(row.errors)
    _validate_with(row, lambda: services.validate_shift_span(start=start, end=end))
    if len(row.errors) > before:
        return
    row.start, row.end = start, end
    # Elapsed minutes between the instants: across the spring change 22:00–6:00 is 7 hours, in autumn 9.
    if row.break_minutes >= clock.minutes_between(start, end):
        row.error(BREAKS, _("Přestávky jsou stejně dlouhé jako směna, nebo delší."))


def _parse_people(row: ParsedRow, lookups: _Lookups) -> None:
    names = [name.strip() for name in re.split(r"[,;]", _text(row.values.get(ASSISTANTS))) if name.strip()]
    names = list(dict.fromkeys(names))
    if not names:
        row.error(ASSISTANTS, _("Vyplňte uživatelské jméno asistenta."))
    elif len(names) > MAX_ASSISTANTS:
        row.error(ASSISTANTS, _("Směnu slouží 1 až 3 asistenti."))
        names = []
    for name in names:
        user = lookups.users.get(name.casefold())
        if user is None:
            row.error(ASSISTANTS, _("Uživatel „%(value)s“ v organizaci není.") % {"value": name})
        elif not user.has_role(Role.APK):
            row.error(ASSISTANTS, _("Uživatel „%(value)s“ není asistent prevence kriminality.") % {"value": name})
        else:
            row.assistants.append(user)
    mentor = _text(row.values.get(MENTOR))
    if not mentor:
        row.error(MENTOR, _("Vyplňte uživatelské jméno mentora."))
        return
    user = lookups.users.get(mentor.casefold())
    if user is None:
        row.error(MENTOR, _("Uživatel „%(value)s“ v organizaci není.") % {"value": mentor})
    elif not user.has_role(Role.MENTOR):
        row.error(MENTOR, _("Uživatel „%(value)s“ není mentor.") % {"value": mentor})
    else:
        row.mentor = user


def _parse_project(row: ParsedRow, lookups: _Lookups) -> None:
    text = _text(row.values.get(PROJECT))
    if not text:
        row.error(PROJECT, _("Vyplňte registrační číslo nebo název projektu."))
        return
    projects = lookups.projects.get(_key(text), [])
    if not projects:
        row.error(PROJECT, _("Projekt „%(value)s“ v organizaci není.") % {"value": text})
    elif len(projects) > 1:
        row.error(
            PROJECT, _("Projektů „%(value)s“ je v organizaci víc; uveďte jeho registrační číslo.") % {"value": text}
        )
    else:
        row.project = projects[0]
        if row.date:
            _validate_with(row, lambda: services.validate_shift_date(project=row.project, date=row.date))


def _parse_record(row: ParsedRow, lookups: _Lookups, parse) -> None:
    cell = row.values.get
    record = {}
    record_cell = parse(RECORD_TIME, _time)
    if row.start is not None:
        if record_cell is None:
            record["recorded_at"] = row.start
        else:
            try:
                record["recorded_at"] = _record_instant(row, record_cell)
            except CellError as error:
                row.error(RECORD_TIME, str(error))

    locality_name, place = _text(cell(LOCALITY)), _text(cell(PLACE))
    record["locality"], record["place"] = None, place
    if locality_name:
        localities = lookups.localities.get(_key(locality_name), [])
        if not localities:
            row.error(
                LOCALITY,
                _("Lokalita „%(value)s“ v registru organizace není; jiné místo zapište do sloupce Místo.")
                % {"value": locality_name},
            )
        elif len(localities) > 1:
            row.error(
                LOCALITY,
                _("Lokalit „%(value)s“ je v registru víc; zapište místo do sloupce Místo.") % {"value": locality_name},
            )
        else:
            record["locality"] = localities[0]
    elif not place:
        row.error(LOCALITY, _("Vyplňte lokalitu, nebo jiné místo ve sloupci Místo."))
    if len(place) > 200:
        row.error(PLACE, _("Místo může mít nejvýše 200 znaků."))

    category_text = _text(cell(CATEGORY))
    category = lookups.categories.get(_key(category_text)) if category_text else None
    if not category_text:
        row.error(CATEGORY, _("Vyplňte kategorii záznamu."))
    elif category is None:
        row.error(
            CATEGORY,
            _("Neznámá kategorie „%(value)s“; použijte název z číselníku kategorií.") % {"value": category_text},
        )
    record["category"] = category

    record["description"] = _text(cell(DESCRIPTION))
    if not record["description"]:
        row.error(DESCRIPTION, _("Vyplňte popis záznamu."))
    record["persons_involved"] = parse(PERSONS, lambda v: _whole_number(v, minimum=0, maximum=999)) or 0

    outcome = _text(cell(OUTCOME))
    record["outcome"] = lookups.outcomes.get(_key(outcome)) if outcome else None
    if not outcome:
        row.error(OUTCOME, _("Vyplňte výsledek."))
    elif record["outcome"] is None:
        row.error(
            OUTCOME,
            _("Neznámý výsledek „%(value)s“; povolené hodnoty: %(allowed)s.")
            % {"value": outcome, "allowed": _labels(Outcome)},
        )

    record["handed_over_to"] = _text(cell(HANDED_OVER))
    if len(record["handed_over_to"]) > 200:
        row.error(HANDED_OVER, _("Předáno komu může mít nejvýše 200 znaků."))
    record["follow_up"] = bool(parse(FOLLOW_UP, _yes_no))

    record["syringe_count"] = parse(SYRINGES, lambda v: _whole_number(v, minimum=1, maximum=10000))
    if category is not None:
        # The rules of a record saved on the tablet (services.validate_record); the related rows were looked up in
        # the organisation above, so they are not queried again per row.
        _validate_with(
            row,
            lambda: services.validate_record(
                FieldRecord(organisation_id=lookups.organisation_id, **record),
                organisation_id=lookups.organisation_id,
                relations_checked=True,
            ),
            unknown=() if "recorded_at" in record else (RECORD_TIME,),
        )
    row.record = record


def _record_instant(row: ParsedRow, cell: CellTime) -> datetime.datetime:
    """The instant a record's time of day names during the row's shift.

    A time before the shift's start time (on the clock) is after midnight, on the next day. In the autumn fold a
    time without SELČ / SEČ is taken when only one of its two instants lies within the shift (what the user meant).
    """
    start_time = timezone.localtime(row.start).time()
    day = row.date if cell.time >= start_time else row.date + datetime.timedelta(days=1)
    within = [moment for moment in _instants(day, cell) if row.start <= moment <= row.end]
    if len(within) > 1:
        raise CellError(_local_time_error(day, cell.time))
    if not within:
        raise CellError(
            _("Čas záznamu musí být v době směny (%(start)s–%(end)s).")
            % {"start": clock.clock_label(row.start), "end": clock.clock_label(row.end)}
        )
    return within[0]


def _record_token(organisation: Organisation, row: ParsedRow, occurrence: int) -> uuid.UUID:
    """The same organisation and row values (and the n-th identical row of a file) give the same token."""
    record = row.record

    def instant(value: datetime.datetime) -> str:
        return value.astimezone(datetime.UTC).isoformat()  # whatever the server's time zone

    parts = [
        str(organisation.pk),
        instant(row.start),
        instant(row.end),
        ",".join(sorted(a.username.casefold() for a in row.assistants)),
        instant(record["recorded_at"]),
        str(record["locality"].pk if record["locality"] else ""),
        record["place"],
        str(record["category"].pk),
        record["description"],
        str(record["persons_involved"]),
        record["outcome"],
        record["handed_over_to"],
        str(record["follow_up"]),
        str(record["syringe_count"] or ""),
        str(occurrence),
    ]
    return uuid.uuid5(TOKEN_NAMESPACE, "\x1f".join(parts))


# --- Checks across rows ---------------------------------------------------------------------------


@dataclass
class _ShiftGroup:
    rows: list[ParsedRow]
    existing: Shift | None = None

    @property
    def first(self) -> ParsedRow:
        return self.rows[0]

    @property
    def breaks(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The file gives only the breaks' total: one break in the middle of the shift, placed in elapsed time.

        Stored as a break, so the hours stay the same when a mentor reopens the shift and they are computed again.
        """
        first = self.first
        if not first.break_minutes:
            return []
        offset = (clock.minutes_between(first.start, first.end) - first.break_minutes) // 2
        started_at = clock.later(first.start, datetime.timedelta(minutes=offset))
        return [(started_at, clock.later(started_at, datetime.timedelta(minutes=first.break_minutes)))]

    @property
    def worked_minutes(self) -> int:
        """By the one rule for hours (services.worked_minutes), from the UTC instants and the break."""
        return services.worked_minutes(start=self.first.start, end=self.first.end, breaks=self.breaks)


def _group_rows(rows: list[ParsedRow]) -> list[_ShiftGroup]:
    groups: dict[tuple, _ShiftGroup] = {}
    for row in rows:
        if row.errors:
            continue
        group = groups.get(row.shift_key)
        if group is None:
            groups[row.shift_key] = _ShiftGroup(rows=[row])
            continue
        first = group.first
        for column, mine, theirs in (
            (MENTOR, row.mentor, first.mentor),
            (PROJECT, row.project, first.project),
            (KIND, row.kind, first.kind),
            (BREAKS, row.break_minutes, first.break_minutes),
        ):
            if mine != theirs:
                row.error(
                    column,
                    _("Řádek patří ke stejné směně jako řádek %(row)s, ale sloupec %(column)s se liší.")
                    % {"row": first.number, "column": column},
                )
        if not row.errors:
            group.rows.append(row)
    return list(groups.values())


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _check_overlaps(organisation: Organisation, groups: list[_ShiftGroup]) -> None:
    """An APK cannot work two overlapping shifts: neither two of the file, nor one of the file and one saved.

    A saved imported shift with the same times and assistants is the same shift (a re-import): it is reused.
    """
    if not groups:
        return
    assistant_ids = {a.pk for group in groups for a in group.first.assistants}
    saved = list(
        Shift.objects.filter(
            organisation=organisation,
            assistants__in=assistant_ids,
            planned_start__lt=max(group.first.end for group in groups),
            planned_end__gt=min(group.first.start for group in groups),
        )
        .distinct()
        .prefetch_related("assistants")
    )
    by_assistant = defaultdict(list)
    for shift in saved:
        for assistant in shift.assistants.all():
            by_assistant[assistant.pk].append(shift)
    in_file = defaultdict(list)
    for group in sorted(groups, key=lambda g: g.first.number):
        first = group.first
        problems = []
        for assistant in first.assistants:
            for shift in by_assistant[assistant.pk]:
                if not _overlaps(first.start, first.end, shift.planned_start, shift.planned_end):
                    continue
                same_team = {a.pk for a in shift.assistants.all()} == {a.pk for a in first.assistants}
                same_times = (shift.planned_start, shift.planned_end) == (first.start, first.end)
                if shift.imported and same_team and same_times:
                    group.existing = shift
                    continue
                problems.append(services.shift_clash_message(names=assistant.username, other=shift))
            for other in in_file[assistant.pk]:
                if _overlaps(first.start, first.end, other.first.start, other.first.end):
                    problems.append(
                        _("%(name)s má v souboru ve stejné době jinou směnu (řádek %(row)s).")
                        % {"name": assistant.username, "row": other.first.number}
                    )
            in_file[assistant.pk].append(group)
        existing = group.existing
        if existing is not None and not problems:
            differs = (
                existing.project_id != first.project.pk
                or existing.mentor_id != first.mentor.pk
                or existing.kind != first.kind
                or existing.worked_minutes != group.worked_minutes
            )
            if differs:
                problems.append(
                    _("Tato směna už byla importována s jiným projektem, mentorem, druhem nebo přestávkami.")
                )
        for message in dict.fromkeys(problems):
            for row in group.rows:
                row.error(ASSISTANTS, message)


# --- The import service ---------------------------------------------------------------------------


def shift_import(*, organisation: Organisation, dataset: tablib.Dataset, by: User, dry_run: bool) -> ShiftImportSummary:
    """Create the file's shifts (approved, imported) and field records in `organisation`: every row, or none.

    Rows already imported (same organisation and values) are reported as duplicates and skipped.
    """
    if by.organisation_id != organisation.pk:
        raise ValueError("The importing user must belong to the organisation.")
    dataset, file_errors = canonical_headers(dataset, COLUMNS, REQUIRED_COLUMNS)
    if file_errors:
        return ShiftImportSummary(file_errors=file_errors)
    try:
        with transaction.atomic():
            if not dry_run:
                # Serialise imports of one organisation, so two confirmations of one file cannot both save it.
                Organisation.objects.select_for_update().filter(pk=organisation.pk).exists()
            summary, groups = _check(organisation, dataset)
            if summary.is_valid and summary.has_changes and not dry_run:
                _save(organisation, groups, by)
                summary.saved = True
    except IntegrityError:
        return ShiftImportSummary(file_errors=[_("Soubor se nepodařilo uložit; zkuste import znovu.")])
    return summary


def _check(organisation: Organisation, dataset: tablib.Dataset) -> tuple[ShiftImportSummary, list[_ShiftGroup]]:
    lookups = _Lookups(organisation)
    rows = []
    for index, values in enumerate(dataset.dict):
        if all(is_blank(value) for value in values.values()):
            continue  # spreadsheets often carry empty lines
        rows.append(_parse_row(index + 2, values, lookups))
    groups = _group_rows(rows)
    _check_overlaps(organisation, groups)

    occurrences = defaultdict(int)
    for row in rows:
        if row.record is not None and not row.errors:
            key = _record_token(organisation, row, 0)
            occurrences[key] += 1
            row.token = _record_token(organisation, row, occurrences[key])
    tokens = [row.token for row in rows if row.token is not None]
    saved_tokens = set(FieldRecord.objects.filter(client_token__in=tokens).values_list("client_token", flat=True))

    summary = ShiftImportSummary()
    valid_groups = []
    for group in groups:
        if any(row.errors for row in group.rows):
            continue
        for row in group.rows:
            if row.record is None:
                row.status = RowStatus.DUPLICATE if group.existing else RowStatus.NEW
            else:
                row.status = RowStatus.DUPLICATE if row.token in saved_tokens else RowStatus.NEW
        if any(row.status == RowStatus.NEW for row in group.rows):
            valid_groups.append(group)
            summary.new_shifts += group.existing is None
            summary.new_records += sum(1 for row in group.rows if row.record and row.status == RowStatus.NEW)
    for row in rows:
        if row.errors:
            row.status = RowStatus.INVALID
        summary.rows.append(_summary_row(row))
    if not summary.rows:
        summary.file_errors.append(_("Soubor neobsahuje žádné řádky se směnami."))
    return summary, valid_groups


_COLUMN_ORDER = {column: index for index, column in enumerate(COLUMNS)}


def _summary_row(row: ParsedRow) -> ImportRow:
    times = ""
    if row.start and row.end:
        times = f"{clock.clock_label(row.start)}–{clock.clock_label(row.end)}"
    category = row.record["category"] if row.record else None
    return ImportRow(
        number=row.number,
        status=row.status,
        date=row.date,
        times=times,
        assistants=_text(row.values.get(ASSISTANTS)),
        category=category.name if category else "",
        errors=sorted(row.errors, key=lambda error: _COLUMN_ORDER.get(error.column, len(_COLUMN_ORDER))),
    )


_SHIFT_RELATIONS = ["organisation", "project", "mentor", "approved_by"]


def _save(organisation: Organisation, groups: list[_ShiftGroup], by: User) -> None:
    """Write the checked groups and their audit rows in a fixed number of queries (bulk inserts)."""
    now = timezone.now()
    new_groups = [group for group in groups if group.existing is None]
    shifts = []
    for group in new_groups:
        first = group.first
        shift = Shift(
            organisation=organisation,
            project=first.project,
            mentor=first.mentor,
            date=first.date,
            planned_start=first.start,
            planned_end=first.end,
            actual_start=first.start,
            actual_end=first.end,
            worked_minutes=group.worked_minutes,
            kind=first.kind,
            status=ShiftStatus.APPROVED,
            approved_at=now,
            approved_by=by,
            imported=True,
        )
        # Foreign keys and constraints were checked against the organisation's rows while parsing.
        shift.full_clean(exclude=_SHIFT_RELATIONS, validate_unique=False, validate_constraints=False)
        shifts.append(shift)
    Shift.objects.bulk_create(shifts)
    for group, shift in zip(new_groups, shifts, strict=True):
        group.existing = shift

    Shift.assistants.through.objects.bulk_create(
        [
            Shift.assistants.through(shift_id=shift.pk, user_id=assistant.pk)
            for group, shift in zip(new_groups, shifts, strict=True)
            for assistant in group.first.assistants
        ]
    )
    breaks = [
        ShiftBreak(shift=shift, started_at=started_at, ended_at=ended_at)
        for group, shift in zip(new_groups, shifts, strict=True)
        for started_at, ended_at in group.breaks
    ]
    ShiftBreak.objects.bulk_create(breaks)
    ShiftStatusChange.objects.bulk_create(
        [
            ShiftStatusChange(
                shift=shift, changed_by=by, from_status="", to_status=ShiftStatus.APPROVED, comment=IMPORT_COMMENT
            )
            for shift in shifts
        ]
    )

    records = []
    for group in groups:
        for row in group.rows:
            if row.record is None or row.status != RowStatus.NEW:
                continue
            # Validated while checking the file (services.validate_record); the first assistant is the author.
            records.append(
                FieldRecord(
                    organisation=organisation,
                    shift=group.existing,
                    author=row.assistants[0],
                    client_token=row.token,
                    **row.record,
                )
            )
    FieldRecord.objects.bulk_create(records)

    # What the signals would have written had each row been saved through the UI: a `create` per shift, break and
    # record, and the shift's assistants link (m2m_changed) as an `update` of its "assistants". The importing user
    # is named also when no request runs (the command).
    audit.record_created_many([*shifts, *breaks, *records], user=by)
    audit.record_many(AuditAction.UPDATE, shifts, changed_fields=["assistants"], user=by)
    audit.record(
        AuditAction.IMPORT,
        user=by,
        organisation_id=organisation.pk,
        extra=IMPORT_AUDIT_EXTRA % {"shifts": len(shifts), "records": len(records)},
    )
