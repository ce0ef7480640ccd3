"""Import of localities from CSV / XLSX files: the import service of the one import flow (core/importing/).

The web views and the `import_localities` command both call `locality_import`; the rows are read by the
django-import-export resource (locations/resources.py). Every row is saved through the locality services, so each
has its own audit event (the signals); a saved file adds one `import` event with its counts, as the shift import
does.
"""

import logging
from dataclasses import dataclass

import tablib
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from accounts.models import Organisation
from audit import services as audit
from audit.choices import AuditAction
from core.importing.columns import canonical_headers
from core.importing.rows import ImportRow, ImportSummary, RowError, RowStatus, in_column_order
from locations.resources import COLUMNS, REQUIRED_COLUMNS, LocalityResource

logger = logging.getLogger(__name__)


@dataclass(kw_only=True)
class LocalityImportRow(ImportRow):
    """A row of the preview: the locality it creates or updates."""

    name: str
    municipality: str

    # The row's status says what happens to the locality ("nová lokalita").
    status_labels = {
        RowStatus.NEW: gettext_lazy("nová"),
        RowStatus.UPDATED: gettext_lazy("změněná"),
        RowStatus.UNCHANGED: gettext_lazy("beze změny"),
        RowStatus.INVALID: gettext_lazy("chybná"),
    }


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
    dataset, file_errors = canonical_headers(dataset, COLUMNS, REQUIRED_COLUMNS)
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
            LocalityImportRow(
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


def _row_errors(resource: LocalityResource, number: int, row_result: RowResult) -> list[RowError]:
    errors = []
    if row_result.validation_error is not None:
        for field_name, messages in row_result.validation_error.message_dict.items():
            column = resource.error_column(field_name)
            errors.extend(RowError(row=number, column=column, message=message) for message in messages)
        errors = in_column_order(errors, COLUMNS)
    for error in row_result.errors:
        logger.warning("Locality import: row %s failed", number, exc_info=error.error)
        errors.append(RowError(row=number, column="", message=_("Řádek se nepodařilo uložit; zkuste import znovu.")))
    return errors


def _file_error_message(error: Exception) -> str:
    logger.warning("Locality import failed", exc_info=error)
    return _("Soubor se nepodařilo zpracovat; zkuste import znovu.")
