"""Tabular import files shared by every app's import: reading CSV / XLSX uploads into a dataset, matching
Czech column headers, row errors, and keeping an uploaded file on the server between preview and confirmation.

Used by the locality import (locations/importing.py) and the import of historical shifts
(assistants/importing.py); each app keeps its own columns, row parsing and summary.
"""

import csv
import io
import re
import secrets
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import tablib
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from svl.documents import private_directory, write_private_file
from svl.text import fold

ACCEPTED_EXTENSIONS = (".csv", ".xlsx")
# A generous cap for any import file (the national map of 2015 listed 606 localities).
MAX_ROWS = 10_000


class ImportFileError(Exception):
    """The file cannot be read as a table; the message is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def file_extension(filename: str) -> str:
    return Path(filename or "").suffix.lower()


# --- Reading files --------------------------------------------------------------------------------


def read_dataset(content: bytes, *, extension: str) -> tablib.Dataset:
    """Read an uploaded CSV or XLSX file into a dataset: the first row is the header.

    CSV: UTF-8 (with or without BOM) or windows-1250, separated by ';', ',' or a tab (guessed from the header).
    XLSX: the first sheet; cells keep their types (numbers, dates, times).
    """
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


@dataclass(frozen=True)
class UploadedTable:
    content: bytes
    extension: str
    dataset: tablib.Dataset


def read_upload(upload) -> UploadedTable:
    """Check an uploaded file (extension, size) and read it; a form's `clean_<file>` calls this.

    Raises `forms.ValidationError` with a Czech message for the file field.
    """
    extension = file_extension(upload.name)
    if extension not in ACCEPTED_EXTENSIONS:
        raise forms.ValidationError(_("Nahrajte soubor s příponou .csv nebo .xlsx."), code="extension")
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise forms.ValidationError(
            _("Soubor je příliš velký (%(size)s); nahrajte nejvýše %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.IMPORT_MAX_BYTES)},
            code="size",
        )
    content = upload.read()
    try:
        dataset = read_dataset(content, extension=extension)
    except ImportFileError as error:
        raise forms.ValidationError(error.message, code="unreadable") from None
    return UploadedTable(content=content, extension=extension, dataset=dataset)


# --- Headers and row errors -----------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row number; the header is row 1
    column: str  # "" when the error concerns the whole row
    message: str


def canonical_headers(dataset: tablib.Dataset, columns, required) -> tuple[tablib.Dataset, list[str]]:
    """Match headers to `columns` case- and diacritics-insensitively ('nazev' is 'Název').

    Returns the dataset with canonical headers (unknown headers kept as they are) and Czech messages
    about missing `required` columns and columns given twice.
    """
    canonical = {fold(column): column for column in columns}
    headers = [canonical.get(fold(" ".join(str(header or "").split())), header) for header in dataset.headers or []]
    errors = []
    missing = [column for column in required if column not in headers]
    if missing:
        errors.append(
            _("V záhlaví souboru chybí povinné sloupce: %(columns)s. Povinné jsou: %(required)s.")
            % {"columns": ", ".join(missing), "required": ", ".join(required)}
        )
    repeated = sorted({header for header in headers if header in columns and headers.count(header) > 1})
    if repeated:
        errors.append(_("Sloupce jsou v záhlaví víckrát: %(columns)s.") % {"columns": ", ".join(repeated)})
    return tablib.Dataset(*dataset, headers=headers), errors


# --- Uploads kept between the preview and the confirmation ----------------------------------------

# The confirmation never trusts data sent back by the browser: the preview keeps the uploaded file here,
# named by a random token bound to the user and the organisation, and the confirmation reads it again.
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{32,64}$"
_TOKEN_RE = re.compile(TOKEN_PATTERN)
UPLOAD_MAX_AGE_SECONDS = 24 * 60 * 60


class UploadStore:
    """Files waiting for an import's confirmation, in VAR_DIR/imports; `prefix` keeps each import's files apart.

    The directory is 0700 and each file 0600 from its creation: they are whole uploaded tables (shifts, names).
    """

    def __init__(self, prefix: str = ""):
        self.prefix = f"{prefix}-" if prefix else ""

    @staticmethod
    def directory() -> Path:
        return Path(settings.VAR_DIR) / "imports"

    def _path(self, user, token: str, extension: str) -> Path:
        return self.directory() / f"{self.prefix}{user.organisation_id}-{user.pk}-{token}{extension}"

    def save(self, *, user, content: bytes, extension: str) -> str:
        """Keep an uploaded file for the confirmation step; returns its token."""
        if extension not in ACCEPTED_EXTENSIONS:
            raise ValueError(f"Unsupported extension: {extension}")
        directory = private_directory(self.directory())
        _purge_stale_uploads(directory)
        token = secrets.token_urlsafe(32)
        write_private_file(self._path(user, token, extension), content)
        return token

    def read(self, *, user, token: str) -> tuple[bytes, str] | None:
        """The file kept under `token` for this very user and organisation, as (content, extension), or None."""
        if not _TOKEN_RE.match(token or "") or user.organisation_id is None:
            return None
        for extension in ACCEPTED_EXTENSIONS:
            path = self._path(user, token, extension)
            if path.is_file():
                return path.read_bytes(), extension
        return None

    def delete(self, *, user, token: str) -> None:
        if not _TOKEN_RE.match(token or ""):
            return
        for extension in ACCEPTED_EXTENSIONS:
            self._path(user, token, extension).unlink(missing_ok=True)


def _purge_stale_uploads(directory: Path) -> None:
    """Previews never confirmed leave their file behind; drop those older than a day."""
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            pass
