"""Import of localities from CSV / XLSX files: reading the file, the import service, and keeping an
uploaded file on the server between the preview and the confirmation.

The web views and the `import_localities` command both call `read_dataset` and `locality_import`.
"""

import csv
import io
import logging
import re
import secrets
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from locations.resources import COLUMNS, REQUIRED_COLUMNS, LocalityResource, is_blank
from svl.models import Organisation, User
from svl.text import fold

logger = logging.getLogger(__name__)

ACCEPTED_EXTENSIONS = (".csv", ".xlsx")
# A generous cap: the national map of 2015 listed 606 localities.
MAX_ROWS = 10_000


class ImportFileError(Exception):
    """The file cannot be read as a table of localities; the message is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Reading files --------------------------------------------------------------------------------


def file_extension(filename: str) -> str:
    return Path(filename or "").suffix.lower()


def read_dataset(content: bytes, *, extension: str) -> tablib.Dataset:
    """Read an uploaded CSV or XLSX file into a dataset: the first row is the header."""
    if extension == ".csv":
        rows = _read_csv(content)
    elif extension == ".xlsx":
        rows = _read_xlsx(content)
    else:
        raise ImportFileError(_("Nahrajte soubor CSV nebo XLSX."))
    return _to_dataset(rows)


def _read_csv(content: bytes) -> list[list]:
    # Czech Excel saves "CSV (oddělený středníkem)" in windows-1250, "CSV UTF-8" with a BOM.
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1250")
        except UnicodeDecodeError:
            raise ImportFileError(_("Soubor CSV není v kódování UTF-8 ani windows-1250.")) from None
    header_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=header_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise ImportFileError(_("Soubor CSV se nepodařilo přečíst; zkontrolujte uvozovky v buňkách.")) from None


def _read_xlsx(content: bytes) -> list[list]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        message = _("Soubor XLSX se nepodařilo přečíst; uložte ho v Excelu znovu jako sešit XLSX.")
        raise ImportFileError(message) from None
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _to_dataset(rows: list[list]) -> tablib.Dataset:
    while rows and all(is_blank(value) for value in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError(_("Soubor je prázdný."))
    headers = ["" if is_blank(value) else str(value).strip() for value in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError(_("První řádek souboru musí obsahovat názvy sloupců."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("Soubor má víc než %(max)s řádků; rozdělte ho.") % {"max": MAX_ROWS})
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for number, row in enumerate(rows[1:], start=2):
        if any(not is_blank(value) for value in row[width:]):
            # Typically a ','-separated file with unquoted decimal commas.
            raise ImportFileError(
                _("Řádek %(row)s má víc buněk než záhlaví; zkontrolujte oddělovač sloupců a desetinné čárky.")
                % {"row": number}
            )
        dataset.append((list(row) + [""] * width)[:width])
    return dataset


# --- The import service ---------------------------------------------------------------------------


class RowStatus(models.TextChoices):
    NEW = "new", gettext_lazy("nová")
    UPDATED = "updated", gettext_lazy("změněná")
    UNCHANGED = "unchanged", gettext_lazy("beze změny")
    INVALID = "invalid", gettext_lazy("chybná")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # "" when the error concerns the whole row
    message: str


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
    canonical = {fold(column): column for column in COLUMNS}
    headers = [canonical.get(fold(" ".join(str(header or "").split())), header) for header in dataset.headers or []]
    errors = []
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        errors.append(
            _("V záhlaví souboru chybí povinné sloupce: %(columns)s. Povinné jsou: %(required)s.")
            % {"columns": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
        )
    repeated = sorted({header for header in headers if header in COLUMNS and headers.count(header) > 1})
    if repeated:
        errors.append(_("Sloupce jsou v záhlaví víckrát: %(columns)s.") % {"columns": ", ".join(repeated)})
    return tablib.Dataset(*dataset, headers=headers), errors


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

# The confirmation never trusts data sent back by the browser: the preview keeps the uploaded file here,
# named by a random token bound to the user and the organisation, and the confirmation reads it again.
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
UPLOAD_MAX_AGE_SECONDS = 24 * 60 * 60


def _uploads_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def _upload_path(user: User, token: str, extension: str) -> Path:
    return _uploads_dir() / f"{user.organisation_id}-{user.pk}-{token}{extension}"


def pending_upload_save(*, user: User, content: bytes, extension: str) -> str:
    """Keep an uploaded file for the confirmation step; returns its token."""
    if extension not in ACCEPTED_EXTENSIONS:
        raise ValueError(f"Unsupported extension: {extension}")
    directory = _uploads_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _purge_stale_uploads(directory)
    token = secrets.token_urlsafe(32)
    _upload_path(user, token, extension).write_bytes(content)
    return token


def pending_upload_read(*, user: User, token: str) -> tuple[bytes, str] | None:
    """The file kept under `token` for this very user and organisation, as (content, extension), or None."""
    if not _TOKEN_RE.match(token or "") or user.organisation_id is None:
        return None
    for extension in ACCEPTED_EXTENSIONS:
        path = _upload_path(user, token, extension)
        if path.is_file():
            return path.read_bytes(), extension
    return None


def pending_upload_delete(*, user: User, token: str) -> None:
    if not _TOKEN_RE.match(token or ""):
        return
    for extension in ACCEPTED_EXTENSIONS:
        _upload_path(user, token, extension).unlink(missing_ok=True)


def _purge_stale_uploads(directory: Path) -> None:
    """Previews never confirmed leave their file behind; drop those older than a day."""
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            pass
