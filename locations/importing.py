"""Import of localities from CSV / XLSX files: reading the file, the import service, and keeping an
uploaded file on the server between the preview and the confirmation.

The web views and the `import_localities` command both call `read_dataset` and `locality_import`; reading
files and keeping uploads are shared with other imports in core/tabular.py. Every row is saved through the
locality services, so each has its own audit event (the signals); a saved file adds one `import` event with its
counts, as the shift import does.
"""

import logging
from dataclasses import dataclass, field

import tablib
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from accounts.models import Organisation, User
from audit import services as audit
from audit.choices import AuditAction
from core.tabular import (  # noqa: F401 - re-exported: the locality views, forms, command and tests use them
    ACCEPTED_EXTENSIONS,
    MAX_ROWS,
    UPLOAD_MAX_AGE_SECONDS,
    ImportFileError,
    RowError,
    UploadStore,
    canonical_headers,
    file_extension,
    read_dataset,
)
from locations.resources import COLUMNS, REQUIRED_COLUMNS, LocalityResource

logger = logging.getLogger(__name__)


# --- The import service ---------------------------------------------------------------------------


class RowStatus(models.TextChoices):
    NEW = "new", gettext_lazy("nová")
    UPDATED = "updated", gettext_lazy("změněná")
    UNCHANGED = "unchanged", gettext_lazy("beze změny")
    INVALID = "invalid", gettext_lazy("chybná")


@dataclass(frozen=True)
class ImportRow:
    number: int  # the spreadsheet row number; the header is row 1
    status: str
    name: str
    municipality: str
    errors: list[RowError] = field(default_factory=list)

    def get_status_display(self) -> str:
        return RowStatus(self.status).label


@dataclass
class ImportSummary:
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    saved: bool = False

    def _count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new(self) -> int:
        return self._count(RowStatus.NEW)

    @property
    def updated(self) -> int:
        return self._count(RowStatus.UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(RowStatus.UNCHANGED)

    @property
    def invalid(self) -> int:
        return self._count(RowStatus.INVALID)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not self.invalid

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.updated)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]


_STATUS_BY_IMPORT_TYPE = {
    RowResult.IMPORT_TYPE_NEW: RowStatus.NEW,
    RowResult.IMPORT_TYPE_UPDATE: RowStatus.UPDATED,
    RowResult.IMPORT_TYPE_SKIP: RowStatus.UNCHANGED,
}


def locality_import(*, organisation: Organisation, dataset: tablib.Dataset, dry_run: bool) -> ImportSummary:
    """Create or update the organisation's localities from `dataset`: every row, or none.

    Rows are matched to existing localities by (Kód obce, Název) within `organisation` only. Any invalid
    row, or `dry_run`, rolls the whole import back; the summary then says what would have happened.
    """
    dataset, file_errors = _with_canonical_headers(dataset)
    if file_errors:
        return ImportSummary(file_errors=file_errors)
    resource = LocalityResource(organisation=organisation)
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
        )
        summary = _summary(resource, dataset, result, dry_run=dry_run)
        if summary.saved and summary.has_changes:
            audit.record(
                AuditAction.IMPORT,
                organisation_id=organisation.pk,
                extra=IMPORT_AUDIT_EXTRA % {"new": summary.new, "updated": summary.updated},
            )
    return summary


# The import's audit event: counts only (audit/services.py).
IMPORT_AUDIT_EXTRA = "lokality nové: %(new)s, změněné: %(updated)s"


def _summary(resource: LocalityResource, dataset: tablib.Dataset, result, *, dry_run: bool) -> ImportSummary:
    summary = ImportSummary(file_errors=[_file_error_message(error.error) for error in result.base_errors])
    for index, (values, row_result) in enumerate(zip(dataset.dict, result.rows, strict=True)):
        if row_result.is_blank:
            continue
        number = index + 2
        errors = _row_errors(resource, number, row_result)
        summary.rows.append(
            ImportRow(
                number=number,
                status=RowStatus.INVALID if errors else _STATUS_BY_IMPORT_TYPE[row_result.import_type],
                name=resource.fields["name"].clean(values),
                municipality=resource.fields["municipality_name"].clean(values),
                errors=errors,
            )
        )
    if not summary.rows and not summary.file_errors:
        summary.file_errors.append(_("Soubor neobsahuje žádné řádky s lokalitami."))
    summary.saved = not dry_run and summary.is_valid
    return summary


def _with_canonical_headers(dataset: tablib.Dataset) -> tuple[tablib.Dataset, list[str]]:
    """Match headers case- and diacritics-insensitively ('nazev' is 'Název'); report missing and repeated ones."""
    return canonical_headers(dataset, COLUMNS, REQUIRED_COLUMNS)


_COLUMN_ORDER = {column: index for index, column in enumerate(COLUMNS)}


def _row_errors(resource: LocalityResource, number: int, row_result: RowResult) -> list[RowError]:
    errors = []
    if row_result.validation_error is not None:
        for field_name, messages in row_result.validation_error.message_dict.items():
            column = resource.error_column(field_name)
            errors.extend(RowError(row=number, column=column, message=message) for message in messages)
        # In the order of the file's columns; errors of the whole row last.
        errors.sort(key=lambda error: _COLUMN_ORDER.get(error.column, len(_COLUMN_ORDER)))
    for error in row_result.errors:
        logger.warning("Locality import: row %s failed", number, exc_info=error.error)
        errors.append(RowError(row=number, column="", message=_("Řádek se nepodařilo uložit; zkuste import znovu.")))
    return errors


def _file_error_message(error: Exception) -> str:
    logger.warning("Locality import failed", exc_info=error)
    return _("Soubor se nepodařilo zpracovat; zkuste import znovu.")


# --- Uploads kept between the preview and the confirmation ----------------------------------------

_uploads = UploadStore()


def pending_upload_save(*, user: User, content: bytes, extension: str) -> str:
    """Keep an uploaded file for the confirmation step; returns its token."""
    return _uploads.save(user=user, content=content, extension=extension)


def pending_upload_read(*, user: User, token: str) -> tuple[bytes, str] | None:
    """The file kept under `token` for this very user and organisation, as (content, extension), or None."""
    return _uploads.read(user=user, token=token)


def pending_upload_delete(*, user: User, token: str) -> None:
    _uploads.delete(user=user, token=token)
