"""Reading the CSV / XLSX files of every import into a dataset whose first row is the header.

The import flow around it (columns, rows, the preview and the confirmation) is core/importing/.
"""

import csv
import io
import itertools
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import tablib
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import archives

logger = logging.getLogger(__name__)

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
    """The first worksheet's rows, read in openpyxl's streaming mode after the archive passed `_check_xlsx`."""
    import openpyxl

    _check_xlsx(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception:
        # Whatever openpyxl raises on a damaged or hostile file (BadZipFile, KeyError for a missing part,
        # ParseError for broken XML, ValueError, OSError, ...), the file is unreadable; never a 500.
        logger.info("Unreadable XLSX upload", exc_info=True)
        raise ImportFileError(UNREADABLE_XLSX) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("Sešit XLSX neobsahuje žádný list s tabulkou."))
        sheet = workbook.worksheets[0]
        # The rows present, not the size the file claims (<dimension> can be wrong or huge), and at most
        # MAX_COLUMNS cells each: `_check_xlsx` has made sure no value stands further right.
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    except ImportFileError:
        raise
    except Exception:
        logger.info("Unreadable XLSX upload", exc_info=True)
        raise ImportFileError(UNREADABLE_XLSX) from None
    finally:
        workbook.close()


# --- XLSX: checking the archive before openpyxl opens it -------------------------------------------

# An XLSX file is a zip of XML parts. A small upload can expand to hundreds of megabytes (a "zip bomb":
# 1.24 MB became 436 MB, 28 s and +476 MB in one request), so the archive's own directory is checked first:
# how many parts, how big each is unpacked (ZipInfo.file_size; zipfile never unpacks more than that), and
# how strongly compressed. openpyxl then streams the worksheets and the shared-strings table but parses every
# other part whole, so only those two may be large; their standard names are the only ones allowed to be.
XLSX_MAX_OTHER_PART_BYTES = 2 * 1024 * 1024  # styles, workbook, relationships, images: a few kB in an import
XLSX_MAX_CELLS_PER_ROW = 16_384  # Excel's own number of columns (A–XFD)
# The first worksheet is read no further right than this (the shift import has 18 columns).
MAX_COLUMNS = 100
_WORKSHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_STREAMED_PART = re.compile(rf"{_WORKSHEET_PART.pattern}|xl/sharedStrings\.xml")
_STREAMED_TYPES = ("worksheet", "sharedStrings")  # the last part of their relationship / content type
_MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"\x00<")  # XML that expat and openpyxl read as UTF-16

UNREADABLE_XLSX = gettext_lazy("Soubor XLSX se nepodařilo přečíst; uložte ho v Excelu znovu jako sešit XLSX.")


def xlsx_max_unpacked_bytes() -> int:
    """Everything an XLSX upload may unpack to: ten times the upload limit (50 MB by default).

    10,000 rows of a shift import unpack to about 10 MB, so a real file fits with room to spare.
    """
    return 10 * settings.IMPORT_MAX_BYTES


def _check_xlsx(content: bytes) -> None:
    """Refuse, with a Czech message, an XLSX file that is not one, or would take too long or too much memory."""
    if content.startswith(archives.OLE_SIGNATURE):  # .xls, or a password-protected .xlsx
        raise ImportFileError(
            _(
                "Soubor není sešit XLSX: je to starý formát XLS, nebo je sešit chráněný heslem. "
                "Uložte ho v Excelu jako „Sešit Excelu (*.xlsx)“ bez hesla."
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportFileError(UNREADABLE_XLSX) from None
    with archive:
        _check_members(members)
        if "[Content_Types].xml" not in archive.namelist():
            raise ImportFileError(
                _("Soubor není sešit XLSX, ale jiný archiv ZIP. Nahrajte tabulku uloženou v Excelu jako sešit XLSX.")
            )
        try:
            for member in members:
                _scan_part(archive, member)
            _check_part_roles(archive)
        except ImportFileError:
            raise
        except Exception:
            logger.info("Unreadable XLSX upload", exc_info=True)
            raise ImportFileError(UNREADABLE_XLSX) from None


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    """The archive's limits (core/archives.py; 10,000 rows of a shift import compress 17 times), in Czech."""
    total_limit = xlsx_max_unpacked_bytes()
    try:
        archives.check_members(
            members,
            total_limit=total_limit,
            part_limit=lambda name: total_limit if _STREAMED_PART.fullmatch(name) else XLSX_MAX_OTHER_PART_BYTES,
        )
    except archives.ArchiveTooLarge as error:
        raise ImportFileError(_archive_message(error)) from None


def _archive_message(error: archives.ArchiveTooLarge) -> str:
    if error.reason == "members":
        return _(
            "Soubor XLSX má příliš mnoho částí (%(count)s, nejvýše %(max)s); zkopírujte tabulku do nového sešitu."
        ) % {"count": error.value, "max": error.limit}
    if error.reason == "encrypted":
        return _("Soubor XLSX je zašifrovaný; uložte ho v Excelu znovu bez hesla.")
    if error.reason == "ratio":
        return _(
            "Soubor XLSX je podezřele silně zkomprimovaný (%(ratio)s:1, nejvýše %(max)s:1). "
            "Zkopírujte tabulku do nového sešitu, nebo ji uložte jako CSV."
        ) % {"ratio": int(error.value), "max": error.limit}
    return _(
        "Soubor XLSX je po rozbalení příliš velký (%(size)s, nejvýše %(max)s). "
        "Zkopírujte tabulku do nového sešitu, nebo ji uložte jako CSV."
    ) % {"size": filesizeformat(error.value), "max": filesizeformat(error.limit)}


class _SheetShape:
    """Counts a worksheet's cells row by row while expat reads it (openpyxl keeps a whole row in memory)."""

    def __init__(self):
        self.row = 0
        self.cells = 0
        self.column = 0

    def start(self, name: str, attributes: dict) -> None:
        namespace, _separator, tag = name.rpartition(" ")
        if namespace != _MAIN_NAMESPACE:
            return
        if tag == "row":
            self.row = _positive_int(attributes.get("r"), default=self.row + 1)
            self.cells = self.column = 0
        elif tag == "c":
            self.cells += 1
            if self.cells > XLSX_MAX_CELLS_PER_ROW:
                raise ImportFileError(
                    _("Řádek %(row)s souboru XLSX má víc než %(max)s buněk; zkopírujte tabulku do nového sešitu.")
                    % {"row": self.row, "max": XLSX_MAX_CELLS_PER_ROW}
                )
            reference = attributes.get("r")
            self.column = _column_number(reference) if reference else self.column + 1
        elif tag in ("v", "is") and self.column > MAX_COLUMNS:
            raise ImportFileError(
                _(
                    "Řádek %(row)s má vyplněnou buňku ve sloupci %(column)s; import čte nejvýše %(max)s sloupců. "
                    "Smažte obsah buněk vpravo od tabulky."
                )
                % {"row": self.row, "column": self.column, "max": MAX_COLUMNS}
            )


def _positive_int(text, *, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _column_number(reference: str) -> int:
    """'C7' -> 3; a reference without letters counts as beyond every column."""
    number = 0
    for character in reference:
        if not "A" <= character <= "Z":
            break
        number = number * 26 + ord(character) - ord("A") + 1
    return number or XLSX_MAX_CELLS_PER_ROW + 1


def _scan_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Read an XML part once with expat: well-formed, no DTD (core/archives.py), and worksheets within the row width
    limits. A DTD in an upload could only be an entity-expansion or external-entity attack on openpyxl's parsers."""
    with archive.open(member) as stream:
        head = stream.read(64 * 1024)
        looks_like_xml = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or head.startswith(_UTF16_STARTS)
        if not looks_like_xml and not _STREAMED_PART.fullmatch(member.filename):
            return  # not XML (an image, a printer setting); openpyxl does not parse it in streaming mode
        shape = _SheetShape().start if _WORKSHEET_PART.fullmatch(member.filename) else None
        archives.parse_xml(itertools.chain([head], iter(lambda: stream.read(1024 * 1024), b"")), on_element=shape)


def _check_part_roles(archive: zipfile.ZipFile) -> None:
    """The large parts allowed by name are only ever read as worksheets or shared strings.

    openpyxl finds its parts through [Content_Types].xml and the relationship files; a file that declared
    xl/worksheets/sheet1.xml as, say, the workbook or a chart would have openpyxl parse it whole.
    """
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.packaging.relationship import get_dependents
    from openpyxl.xml.functions import fromstring

    manifest = Manifest.from_tree(fromstring(archive.read("[Content_Types].xml")))
    for override in manifest.Override:
        if _STREAMED_PART.fullmatch(override.PartName.lstrip("/")) and not _is_streamed_type(override.ContentType):
            raise ImportFileError(UNREADABLE_XLSX)
    for name in archive.namelist():
        if name.endswith(".rels"):
            for relationship in get_dependents(archive, name):
                if relationship.TargetMode == "External":
                    continue
                if _STREAMED_PART.fullmatch(relationship.target) and not _is_streamed_type(relationship.Type):
                    raise ImportFileError(UNREADABLE_XLSX)


def _is_streamed_type(content_type: str) -> bool:
    """'…/relationships/worksheet' or '…spreadsheetml.worksheet+xml' (likewise sharedStrings)."""
    kind = re.split(r"[/.]", (content_type or "").removesuffix("+xml"))[-1]
    return kind in _STREAMED_TYPES


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
