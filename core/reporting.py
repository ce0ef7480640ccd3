"""Shared parts of the grant reports: the table structure every report is built from, and the XLSX writer (the
period is core.dates.Period).

A report is computed once into a `Report` (sections of tables and charts); the HTML page, the PDF and
the XLSX all render that same object, so their numbers cannot differ.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from core.dates import Period
from core.spreadsheets import XlsxWriter


def hours(minutes) -> Decimal:
    """Minutes as hours with two decimals (half up), the unit every report shows."""
    return (Decimal(minutes or 0) / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    note: str = ""


@dataclass
class Chart:
    title: str
    svg: str


@dataclass
class Report:
    title: str
    organisation: object
    period: Period
    subtitle: str = ""
    facts: list[tuple[str, object]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    narrative: str = ""
    # The version of that narrative (0: none written yet), carried by its edit form (core/versioning.py).
    narrative_version: int = 0

    def table(self, title: str) -> Table:
        return next(t for t in self.tables if t.title == title)


def report_xlsx(report: Report) -> bytes:
    """One sheet: header facts, then every table with its title and totals (the same numbers as HTML/PDF).

    Written by the shared XLSX writer (core/spreadsheets.py), so names that look like formulas stay text and
    control characters saved before input was validated cannot break the file.
    """
    from openpyxl.styles import Font

    writer = XlsxWriter(_("Výkaz"))
    sheet = writer.sheet
    bold = Font(bold=True)
    writer.append([report.title], font=Font(bold=True, size=14))
    writer.append([report.organisation.name, f"IČO {report.organisation.ico}"])
    if report.subtitle:
        writer.append([report.subtitle])
    writer.append([_("Období"), report.period.label])
    for label, value in report.facts:
        writer.append([label, _cell(value)])
    for table in report.tables:
        writer.append([])
        writer.append([table.title], font=bold)
        writer.append(table.columns, font=bold)
        for row in table.rows:
            writer.append([_cell(value) for value in row])
        if table.total is not None:
            writer.append([_cell(value) for value in table.total], font=bold)
    sheet.column_dimensions["A"].width = 48
    for column in "BCDEFGH":
        sheet.column_dimensions[column].width = 16
    return writer.content()


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return value
