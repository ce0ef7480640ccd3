"""Shared parts of the grant reports: the period, the table structure every report is built from, and
the XLSX writer.

A report is computed once into a `Report` (sections of tables and charts); the HTML page, the PDF and
the XLSX all render that same object, so their numbers cannot differ.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from svl import clock
from svl.spreadsheets import XlsxWriter


@dataclass(frozen=True)
class Period:
    """A report period; both ends included, dates in Europe/Prague."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("period end before start")

    @property
    def label(self) -> str:
        return f"{self.start:%-d. %-m. %Y} – {self.end:%-d. %-m. %Y}"

    @property
    def slug(self) -> str:
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"

    def aware_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start 00:00, day after end 00:00) in the current time zone, for datetime columns."""
        return clock.day_range(self.start, self.end)

    def months(self) -> list[datetime.date]:
        """First days of the months the period touches."""
        months, current = [], self.start.replace(day=1)
        while current <= self.end:
            months.append(current)
            current = clock.next_month(current)
        return months

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_shortcut(kind: str, year: int, number: int = 1) -> Period:
    """month (1–12), quarter (1–4), half (1–2) or year of a given year."""
    if kind == "month":
        return Period(datetime.date(year, number, 1), datetime.date(year, number, calendar.monthrange(year, number)[1]))
    if kind == "quarter":
        first = 3 * (number - 1) + 1
        return Period(datetime.date(year, first, 1), period_shortcut("month", year, first + 2).end)
    if kind == "half":
        first = 6 * (number - 1) + 1
        return Period(datetime.date(year, first, 1), period_shortcut("month", year, first + 5).end)
    if kind == "year":
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    raise ValueError(kind)


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
    # The version of that narrative (0: none written yet), carried by its edit form (svl/versioning.py).
    narrative_version: int = 0

    def table(self, title: str) -> Table:
        return next(t for t in self.tables if t.title == title)


def report_xlsx(report: Report) -> bytes:
    """One sheet: header facts, then every table with its title and totals (the same numbers as HTML/PDF).

    Written by the shared XLSX writer (svl/spreadsheets.py), so names that look like formulas stay text and
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


# --- the report page: period form, shortcuts and the three output formats ----------------------------


def period_shortcuts(today: datetime.date) -> list[tuple[str, Period]]:
    """Links offered above every report: months, quarters, half-years and years around today."""
    quarter = (today.month - 1) // 3 + 1
    half = 1 if today.month <= 6 else 2
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    last_quarter = (quarter - 2) % 4 + 1
    last_quarter_year = today.year if quarter > 1 else today.year - 1
    return [
        (_("tento měsíc"), period_shortcut("month", today.year, today.month)),
        (_("minulý měsíc"), period_shortcut("month", last_month.year, last_month.month)),
        (_("toto čtvrtletí"), period_shortcut("quarter", today.year, quarter)),
        (_("minulé čtvrtletí"), period_shortcut("quarter", last_quarter_year, last_quarter)),
        (_("toto pololetí"), period_shortcut("half", today.year, half)),
        (_("tento rok"), period_shortcut("year", today.year)),
        (_("minulý rok"), period_shortcut("year", today.year - 1)),
    ]


def render_report(request, report: Report, *, template: str, pdf_template: str, filename: str, context: dict):
    """The report as HTML (default), PDF (?format=pdf) or XLSX (?format=xlsx), from the same Report object."""
    from django.shortcuts import render

    from core.responses import attachment_response
    from svl.choices import AuditAction
    from svl.pdf import PDF_CONTENT_TYPE, render_pdf

    output = request.GET.get("format", "html")
    if output == "pdf":
        pdf_context = {
            "report": report,
            "title": report.title,
            "organisation": report.organisation,
            "header_lines": [
                line for line in (report.subtitle, _("Období: %(period)s") % {"period": report.period.label}) if line
            ],
            "generated_by": request.user,
        }
        content = render_pdf(pdf_template, pdf_context, request=request)
        return attachment_response(
            content,
            filename=f"{filename}-{report.period.slug}.pdf",
            content_type=PDF_CONTENT_TYPE,
            request=request,
            action=AuditAction.PDF,
        )
    if output == "xlsx":
        return attachment_response(
            report_xlsx(report),
            filename=f"{filename}-{report.period.slug}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            request=request,
            action=AuditAction.EXPORT,
        )
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, template, {**context, "report": report, "query_string": query.urlencode()})
