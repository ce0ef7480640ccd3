"""Cells of every exported spreadsheet (XLSX and CSV), and the one XLSX writer the exports use.

Two dangers of exported text, handled in one place for every export (reports, the locality registry, the audit
log):
- Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with = + - @, a tab or a
  carriage return as a formula, so a locality named `=HYPERLINK(...)` would become a live link in the
  coordinator's Excel. Such text is written with a leading apostrophe. In a CSV file the apostrophe is what
  Excel itself uses to mark "text, not a formula"; in an XLSX cell the text is stored as a string anyway, and
  the apostrophe keeps it safe once the sheet is saved again as CSV or the cell is edited. The locality import
  removes the apostrophe again (`unguarded_text`), so an exported file imports unchanged.
- Control characters: text saved before the input validators (core/validators.py) may still hold them, and
  openpyxl refuses most of them (IllegalCharacterError, a 500 for the whole export). They are dropped; tab and
  line breaks stay.
Numbers, dates and booleans are written as they are, so they stay numbers in the sheet.
"""

import io

from django.utils.functional import Promise

from core.text import without_control_characters

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def spreadsheet_text(text: str) -> str:
    """Text as an exported cell holds it: no control characters, and no way to start a formula.

    Applying it twice changes nothing (guarded text starts with the apostrophe), so a column already guarded by
    its import-export widget can go through the XLSX writer too.
    """
    text = without_control_characters(text)
    return FORMULA_GUARD + text if text.startswith(FORMULA_PREFIXES) else text


def spreadsheet_cell(value):
    """Any exported cell value: text made safe (`spreadsheet_text`), everything else unchanged."""
    if isinstance(value, Promise):  # a lazily translated label
        value = str(value)
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value


def unguarded_text(text: str) -> str:
    """The text an exported cell was made from: the guarding apostrophe removed (for re-imports)."""
    if text.startswith(FORMULA_GUARD) and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


class XlsxWriter:
    """One-sheet XLSX file; every value goes through `spreadsheet_cell`."""

    def __init__(self, title: str):
        from openpyxl import Workbook

        self.workbook = Workbook()
        self.sheet = self.workbook.active
        self.sheet.title = title[:31]  # Excel's limit; titles are the exports' own literals

    def append(self, values, *, font=None) -> None:
        self.sheet.append([spreadsheet_cell(value) for value in values])
        if font is not None:
            for cell in self.sheet[self.sheet.max_row]:
                cell.font = font

    def content(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def dataset_xlsx(dataset, *, title: str) -> bytes:
    """A tablib dataset as XLSX, laid out as tablib lays it out: a bold header row that stays in view when
    scrolling, multi-line text wrapped, each column as wide as its longest value."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    writer = XlsxWriter(title)
    writer.append(dataset.headers, font=Font(bold=True))
    writer.sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True)
    for row in dataset:
        writer.append(row)
        for cell in writer.sheet[writer.sheet.max_row]:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = wrap
    widths = {}
    for row in writer.sheet.iter_rows(values_only=True):
        for index, value in enumerate(row, start=1):
            widths[index] = max(widths.get(index, 0), len(str(value if value is not None else "")))
    for index, width in widths.items():
        writer.sheet.column_dimensions[get_column_letter(index)].width = width
    return writer.content()
