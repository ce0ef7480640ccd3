"""Checks across the rows of a file of historical shifts: rows of one shift agree, no assistant works two
overlapping shifts (in the file or saved), and rows imported before are recognised as duplicates.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

import tablib
from django.utils.translation import gettext as _

from accounts.models import Organisation
from assistants import services
from assistants.importing.columns import ASSISTANTS, BREAKS, KIND, MENTOR, PROJECT
from assistants.importing.rows import Lookups, ParsedRow, ShiftImportSummary, parse_row, record_token, summary_row
from assistants.models import FieldRecord, Shift
from core import clock
from core.importing.rows import RowStatus
from core.tabular import is_blank


@dataclass
class ShiftGroup:
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


def group_rows(rows: list[ParsedRow]) -> list[ShiftGroup]:
    groups: dict[tuple, ShiftGroup] = {}
    for row in rows:
        if row.errors:
            continue
        group = groups.get(row.shift_key)
        if group is None:
            groups[row.shift_key] = ShiftGroup(rows=[row])
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


def check_overlaps(organisation: Organisation, groups: list[ShiftGroup]) -> None:
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


def check_file(organisation: Organisation, dataset: tablib.Dataset) -> tuple[ShiftImportSummary, list[ShiftGroup]]:
    """Parse every row and check the rows against each other and the saved shifts and records.

    Returns the summary and the groups with something new to save.
    """
    lookups = Lookups(organisation)
    rows = []
    for index, values in enumerate(dataset.dict):
        if all(is_blank(value) for value in values.values()):
            continue  # spreadsheets often carry empty lines
        rows.append(parse_row(index + 2, values, lookups))
    groups = group_rows(rows)
    check_overlaps(organisation, groups)

    occurrences = defaultdict(int)
    for row in rows:
        if row.record is not None and not row.errors:
            key = record_token(organisation, row, 0)
            occurrences[key] += 1
            row.token = record_token(organisation, row, occurrences[key])
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
        summary.rows.append(summary_row(row))
    if not summary.rows:
        summary.file_errors.append(_("Soubor neobsahuje žádné řádky se směnami."))
    return summary, valid_groups
