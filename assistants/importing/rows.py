"""Parsing one row of a file of historical shifts: its cells, the people, project and record it names, and the
rules of a shift and a record entered in the UI (assistants/services.py), each error at its column.
"""

import datetime
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Organisation, User
from assistants import services
from assistants.choices import Outcome, ShiftKind
from assistants.importing.columns import (
    ASSISTANTS,
    BREAKS,
    CATEGORY,
    COLUMNS,
    DATE,
    DESCRIPTION,
    END,
    FIELD_COLUMNS,
    FOLLOW_UP,
    HANDED_OVER,
    KIND,
    LOCALITY,
    MENTOR,
    OUTCOME,
    PERSONS,
    PLACE,
    PROJECT,
    RECORD_COLUMNS,
    RECORD_TIME,
    START,
    SYRINGES,
)
from assistants.models import FieldRecord, FieldRecordCategory, Project
from core import clock
from core.importing import cells
from core.importing.rows import ImportRow, ImportSummary, RowError, RowStatus, in_column_order
from core.tabular import is_blank
from core.validators import validate_no_control_characters, validate_no_control_characters_multiline
from locations.models import Locality

# The namespace of the records' deterministic client tokens; never change it, or re-imports would duplicate.
TOKEN_NAMESPACE = uuid.UUID("6f1b8c2e-54a7-4d0e-9b8e-3c2f0a9d7e15")
MAX_ASSISTANTS = services.MAX_ASSISTANTS


@dataclass(kw_only=True)
class ShiftImportRow(ImportRow):
    """A row of the preview: the shift's date, times and assistants, and the record's category."""

    date: datetime.date | None
    times: str  # "08:00–16:00"
    assistants: str
    category: str


@dataclass
class ShiftImportSummary(ImportSummary):
    new_shifts: int = 0
    new_records: int = 0


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


class Lookups:
    """The organisation's users, projects, localities and categories, read once per import."""

    def __init__(self, organisation: Organisation):
        self.organisation_id = organisation.pk
        self.users = {}
        for user in User.objects.filter(organisation=organisation):
            self.users.setdefault(user.username.casefold(), user)
        self.projects = defaultdict(list)
        for project in Project.objects.filter(organisation=organisation).order_by("pk"):
            if project.registration_number:
                self.projects[cells.label_key(project.registration_number)].append(project)
            if cells.label_key(project.name) != cells.label_key(project.registration_number):
                self.projects[cells.label_key(project.name)].append(project)
        self.localities = defaultdict(list)
        for locality in Locality.objects.filter(organisation=organisation).order_by("pk"):
            self.localities[cells.label_key(locality.name)].append(locality)
        self.categories = {}
        categories = FieldRecordCategory.objects.available_to(organisation.pk).filter(is_active=True)
        # The organisation's own categories win over the default code list.
        for category in categories.order_by(F("organisation_id").asc(nulls_last=True), "position"):
            self.categories.setdefault(cells.label_key(category.name), category)
            self.categories.setdefault(cells.label_key(category.code), category)
        for category in categories.order_by(F("organisation_id").asc(nulls_last=True), "position"):
            # "dohled u škol" for "dohled u škol (přechody, příchod a odchod dětí)"
            self.categories.setdefault(cells.label_key(category.name.split(" (")[0]), category)
        self.kinds = cells.choice_lookup(ShiftKind)
        self.outcomes = cells.choice_lookup(Outcome)


def _refuse_control_characters(row: ParsedRow) -> None:
    """Every text cell through the validator of every text field (core/validators.py), reported at its cell."""
    for column in COLUMNS:
        text = cells.text(row.values.get(column))
        multiline = column == DESCRIPTION  # FieldRecord.description is the only multi-line text
        validator = validate_no_control_characters_multiline if multiline else validate_no_control_characters
        try:
            validator(text)
        except ValidationError as error:
            row.error(column, error.messages[0])
            row.refused_columns.add(column)


def parse_row(number: int, values: dict, lookups: Lookups) -> ParsedRow:
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
        except cells.CellError as error:
            row.error(column, str(error))
            return None

    row.date = parse(DATE, cells.date, required=True)
    start_cell = parse(START, cells.time, required=True)
    end_cell = parse(END, cells.time, required=True)
    breaks = parse(BREAKS, lambda v: cells.whole_number(cells.text(v), minimum=0, maximum=24 * 60))
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
    kind = cells.text(cell(KIND))
    if kind:
        row.kind = lookups.kinds.get(cells.label_key(kind))
        if row.kind is None:
            row.error(
                KIND,
                _("Neznámý druh směny „%(value)s“; povolené hodnoty: %(allowed)s.")
                % {"value": kind, "allowed": cells.choice_labels(ShiftKind)},
            )
    if any(not is_blank(cell(column)) for column in RECORD_COLUMNS):
        _parse_record(row, lookups, parse)
    return row


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
            column = FIELD_COLUMNS.get(name, "")
            if column and column in reported:
                continue
            for message in messages:
                row.error(column, message)


def _parse_shift_times(row: ParsedRow, start_cell: cells.CellTime, end_cell: cells.CellTime) -> None:
    """The shift's instants (UTC): the start on its date, the end on the same or the next day (past midnight)."""
    try:
        start = cells.instant(row.date, start_cell)
    except cells.CellError as error:
        row.error(START, str(error))
        start = None
    try:
        end = cells.instant(services.planned_end_date(row.date, start_cell.time, end_cell.time), end_cell)
    except cells.CellError as error:
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


def _parse_people(row: ParsedRow, lookups: Lookups) -> None:
    names = [name.strip() for name in re.split(r"[,;]", cells.text(row.values.get(ASSISTANTS))) if name.strip()]
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
    mentor = cells.text(row.values.get(MENTOR))
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


def _parse_project(row: ParsedRow, lookups: Lookups) -> None:
    text = cells.text(row.values.get(PROJECT))
    if not text:
        row.error(PROJECT, _("Vyplňte registrační číslo nebo název projektu."))
        return
    projects = lookups.projects.get(cells.label_key(text), [])
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


def _parse_record(row: ParsedRow, lookups: Lookups, parse) -> None:
    cell = row.values.get
    record = {}
    record_cell = parse(RECORD_TIME, cells.time)
    if row.start is not None:
        if record_cell is None:
            record["recorded_at"] = row.start
        else:
            try:
                record["recorded_at"] = _record_instant(row, record_cell)
            except cells.CellError as error:
                row.error(RECORD_TIME, str(error))

    locality_name, place = cells.text(cell(LOCALITY)), cells.text(cell(PLACE))
    record["locality"], record["place"] = None, place
    if locality_name:
        localities = lookups.localities.get(cells.label_key(locality_name), [])
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

    category_text = cells.text(cell(CATEGORY))
    category = lookups.categories.get(cells.label_key(category_text)) if category_text else None
    if not category_text:
        row.error(CATEGORY, _("Vyplňte kategorii záznamu."))
    elif category is None:
        row.error(
            CATEGORY,
            _("Neznámá kategorie „%(value)s“; použijte název z číselníku kategorií.") % {"value": category_text},
        )
    record["category"] = category

    record["description"] = cells.text(cell(DESCRIPTION))
    if not record["description"]:
        row.error(DESCRIPTION, _("Vyplňte popis záznamu."))
    record["persons_involved"] = (
        parse(PERSONS, lambda v: cells.whole_number(cells.text(v), minimum=0, maximum=999)) or 0
    )

    outcome = cells.text(cell(OUTCOME))
    record["outcome"] = lookups.outcomes.get(cells.label_key(outcome)) if outcome else None
    if not outcome:
        row.error(OUTCOME, _("Vyplňte výsledek."))
    elif record["outcome"] is None:
        row.error(
            OUTCOME,
            _("Neznámý výsledek „%(value)s“; povolené hodnoty: %(allowed)s.")
            % {"value": outcome, "allowed": cells.choice_labels(Outcome)},
        )

    record["handed_over_to"] = cells.text(cell(HANDED_OVER))
    if len(record["handed_over_to"]) > 200:
        row.error(HANDED_OVER, _("Předáno komu může mít nejvýše 200 znaků."))
    record["follow_up"] = bool(parse(FOLLOW_UP, lambda v: cells.yes_no(cells.text(v), blank=False)))

    record["syringe_count"] = parse(SYRINGES, lambda v: cells.whole_number(cells.text(v), minimum=1, maximum=10000))
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


def _record_instant(row: ParsedRow, cell: cells.CellTime) -> datetime.datetime:
    """The instant a record's time of day names during the row's shift.

    A time before the shift's start time (on the clock) is after midnight, on the next day. In the autumn fold a
    time without SELČ / SEČ is taken when only one of its two instants lies within the shift (what the user meant).
    """
    start_time = timezone.localtime(row.start).time()
    day = row.date if cell.time >= start_time else row.date + datetime.timedelta(days=1)
    within = [moment for moment in cells.instants(day, cell) if row.start <= moment <= row.end]
    if len(within) > 1:
        raise cells.CellError(cells.local_time_error(day, cell.time))
    if not within:
        raise cells.CellError(
            _("Čas záznamu musí být v době směny (%(start)s–%(end)s).")
            % {"start": clock.clock_label(row.start), "end": clock.clock_label(row.end)}
        )
    return within[0]


def record_token(organisation: Organisation, row: ParsedRow, occurrence: int) -> uuid.UUID:
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


def summary_row(row: ParsedRow) -> ShiftImportRow:
    """What the preview shows of a parsed row."""
    times = ""
    if row.start and row.end:
        times = f"{clock.clock_label(row.start)}–{clock.clock_label(row.end)}"
    category = row.record["category"] if row.record else None
    return ShiftImportRow(
        number=row.number,
        status=row.status,
        date=row.date,
        times=times,
        assistants=cells.text(row.values.get(ASSISTANTS)),
        category=category.name if category else "",
        errors=in_column_order(row.errors, COLUMNS),
    )
