"""Saving a checked file of historical shifts: `shift_import`, every row or none, in a fixed number of queries.

The rows were checked by the service functions of the UI (assistants/services.py) while parsing; they are saved
in bulk, and the audit rows the signals would have written are written with them (audit.record_created_many).
"""

import tablib
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from assistants.choices import ShiftStatus
from assistants.importing.checks import ShiftGroup, check_file
from assistants.importing.columns import COLUMNS, REQUIRED_COLUMNS
from assistants.importing.rows import ShiftImportSummary
from assistants.models import FieldRecord, Shift, ShiftBreak, ShiftStatusChange
from audit import services as audit
from audit.choices import AuditAction
from core.importing.columns import canonical_headers
from core.importing.rows import RowStatus

# Stored in the shift's status history (data, so in the language of the records, not the interface).
IMPORT_COMMENT = "Import historických dat"
# The import's audit event: counts only, never a value of the file (audit/services.py).
IMPORT_AUDIT_EXTRA = "směny: %(shifts)s, záznamy: %(records)s"


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
            summary, groups = check_file(organisation, dataset)
            if summary.is_valid and summary.has_changes and not dry_run:
                _save(organisation, groups, by)
                summary.saved = True
    except IntegrityError:
        return ShiftImportSummary(file_errors=[_("Soubor se nepodařilo uložit; zkuste import znovu.")])
    return summary


_SHIFT_RELATIONS = ["organisation", "project", "mentor", "approved_by"]


def _save(organisation: Organisation, groups: list[ShiftGroup], by: User) -> None:
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
