"""Reading a report back from each of its three outputs, and writing expected numbers for each.

Expected values are written in the tests as Python values (int, Decimal, str); `html_value` and
`xlsx_value` give the form each output shows them in: a decimal comma on the page and in the PDF,
numbers in the XLSX.
"""

import io
from decimal import Decimal
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader


def html_value(value) -> str:
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return None if value == "" else value


def html_rows(rows: list[list]) -> list[list[str]]:
    return [[html_value(value) for value in row] for row in rows]


def xlsx_rows(rows: list[list]) -> list[list]:
    return [[xlsx_value(value) for value in row] for row in rows]


# --- HTML ----------------------------------------------------------------------------------------------


class _ReportPage(HTMLParser):
    """Collects the facts (dt/dd with data-fact), the tables (by their h2 title) and the SVG charts."""

    def __init__(self):
        super().__init__()
        self.facts: list[tuple[str, str]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.svgs: list[str] = []  # the title of each chart
        self.bars: list[list[str]] = []  # the titles of each chart's bars ("Hodiny – 3/2026: 15,5")
        self.errors: list[str] = []
        self._text: list[str] | None = None
        self._capture = None
        self._heading = None
        self._row: list[str] | None = None
        self._label = None
        self._svg_depth = 0
        self._svg_title: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self._svg_depth += 1
            if self._svg_depth == 1:
                self.svgs.append("")
                self.bars.append([])
        if self._svg_depth:
            if tag == "title":
                self._svg_title = []
            return
        if tag == "dt" or tag == "h2" or (tag == "dd" and "data-fact" in attrs):
            self._capture, self._text = tag, []
        elif tag in ("th", "td") and self._row is not None:
            self._capture, self._text = tag, []
        elif tag == "tr" and self._heading is not None:
            self._row = []
        elif tag == "div" and "invalid-feedback" in (attrs.get("class") or ""):
            self._capture, self._text = "error", []

    def handle_endtag(self, tag):
        if self._svg_depth:
            if tag == "title" and self._svg_title is not None:
                title = "".join(self._svg_title)
                if self.svgs[-1] == "":
                    self.svgs[-1] = title
                else:
                    self.bars[-1].append(title)
                self._svg_title = None
            if tag == "svg":
                self._svg_depth -= 1
            return
        if self._capture and (tag == self._capture or (self._capture == "error" and tag == "div")):
            text = " ".join("".join(self._text).split())
            if tag == "dt":
                self._label = text
            elif tag == "dd":
                self.facts.append((self._label, text))
            elif tag == "h2":
                self._heading = text
                self.tables.setdefault(text, [])
            elif self._capture == "error":
                self.errors.append(text)
            else:
                self._row.append(text)
            self._capture, self._text = None, None
        elif tag == "tr" and self._row is not None:
            self.tables[self._heading].append(self._row)
            self._row = None
        elif tag == "table":
            self._heading = None

    def handle_data(self, data):
        if self._svg_depth:
            if self._svg_title is not None:
                self._svg_title.append(data)
            return
        if self._text is not None:
            self._text.append(data)


def parse_page(response) -> _ReportPage:
    page = _ReportPage()
    page.feed(response.content.decode())
    page.close()
    return page


def chart_bars(page: _ReportPage, chart: int = 0) -> dict[str, Decimal]:
    """The bars of a chart as {"series – label": value}, read from their <title>s."""
    bars = {}
    for title in page.bars[chart]:
        name, value = title.rsplit(": ", 1)
        bars[name] = Decimal(value.replace(",", "."))
    return bars


def html_table(page: _ReportPage, title: str) -> list[list[str]]:
    """The body and total rows of a table (the header row is left out)."""
    return page.tables[title][1:]


# --- XLSX ----------------------------------------------------------------------------------------------


def xlsx_sheet_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows


def xlsx_facts(rows: list[list]) -> list[tuple]:
    """The label/value rows between the period and the first table."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Období") + 1
    end = next(i for i in range(start, len(rows)) if not rows[i])
    return [tuple(row) for row in rows[start:end]]


def xlsx_table(rows: list[list], title: str) -> list[list]:
    """The body and total rows of a table: after its title and header row, up to the next blank row."""
    start = rows.index([title]) + 2
    end = next((i for i in range(start, len(rows)) if not rows[i]), len(rows))
    return rows[start:end]


# --- PDF -----------------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The text of every page with all whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_line(row: list) -> str:
    """A table row as the PDF text shows it: its cells separated by single spaces."""
    return " ".join(html_value(value) for value in row if value != "")


# --- queries -------------------------------------------------------------------------------------------


def count_queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)
