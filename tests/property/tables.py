"""Random import files: tables of plausible and junk cells, written as CSV (both encodings, any delimiter) or XLSX."""

import csv
import datetime
import io
import string

from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from assistants.choices import Outcome, ShiftKind
from locations.choices import HousingType, Region
from tests.property.fuzz import PLAIN, junk

DELIMITERS = (";", ",", "\t")
# Czech Excel writes "CSV UTF-8" with a BOM and "CSV (oddělený středníkem)" in windows-1250.
ENCODINGS = ("utf-8", "utf-8-sig", "cp1250")


def words(min_size=1, max_size=30) -> st.SearchStrategy:
    return st.text(PLAIN, min_size=min_size, max_size=max_size).filter(str.strip)


def typed_cell(plausible: st.SearchStrategy) -> st.SearchStrategy:
    """A cell as openpyxl reads it from XLSX: None, text, a number, a boolean, a date or a time."""
    return st.one_of(
        plausible,
        st.none(),
        junk(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
        st.datetimes(datetime.datetime(1900, 1, 1), datetime.datetime(2100, 12, 31)),
        st.times(),
    )


def text_cell(plausible: st.SearchStrategy) -> st.SearchStrategy:
    """A cell of a CSV file: always text."""
    return st.one_of(plausible, st.just(""), junk())


@st.composite
def table(draw, columns: dict[str, st.SearchStrategy], *, typed: bool, max_rows: int = 5):
    """(headers, rows): every column with plausible cells (sometimes one cell anything), or some of the columns
    in any order (sometimes an unknown one too) with cells of any kind."""
    names = draw(st.permutations(list(columns)))
    cell = typed_cell if typed else text_cell
    if draw(st.booleans(), label="plausible file"):
        headers, strategies = names, [columns[name] for name in names]
    else:
        headers = names[: draw(st.integers(0, len(names)), label="columns")] if draw(st.booleans()) else names
        if draw(st.booleans(), label="unknown column"):
            headers = [*headers, draw(words(max_size=12))]
        strategies = [cell(columns.get(header, junk())) for header in headers]
    rows = draw(st.lists(st.tuples(*strategies).map(list), max_size=max_rows), label="rows")
    if rows and headers and draw(st.booleans(), label="one odd cell"):
        row, column = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(headers) - 1))
        rows[row][column] = draw(cell(junk()), label="odd cell")
    return list(headers), rows


@st.composite
def csv_bytes(draw, headers, rows) -> bytes:
    delimiter = draw(st.sampled_from(DELIMITERS), label="delimiter")
    encoding = draw(st.sampled_from(ENCODINGS), label="encoding")
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter).writerows([headers, *rows])
    return text.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in [headers, *rows]:
        sheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)  # XLSX has no NaN or infinity
    return value


@st.composite
def upload(draw, columns: dict[str, st.SearchStrategy]) -> tuple[str, bytes]:
    """(file name, content) of an upload: a CSV or XLSX of the columns, or any bytes under any name."""
    kind = draw(st.sampled_from(["csv", "xlsx", "bytes"]), label="file kind")
    if kind == "bytes":
        name = draw(st.sampled_from(["data.csv", "data.xlsx", "data.CSV", "data.txt", "data", ".xlsx"]))
        return name, draw(st.binary(max_size=300))
    headers, rows = draw(table(columns, typed=kind == "xlsx"))
    content = draw(csv_bytes(headers, rows)) if kind == "csv" else xlsx_bytes(headers, rows)
    return f"import.{kind}", content


def czech_date(day: datetime.date) -> str:
    return f"{day.day}. {day.month}. {day.year}"


TIME_TEXT = st.times().map(lambda moment: f"{moment.hour}:{moment.minute:02d}")
YES_NO = st.sampled_from(["ano", "ne", "", "Ano", "1", "0"])
DIGITS = st.text(string.digits, min_size=1, max_size=8)


def labels(choices) -> st.SearchStrategy:
    """A choice as a file names it: its Czech label or its code (str() of the lazy label, when drawn)."""
    return st.sampled_from([*choices.labels, *choices.values]).map(str)


# Plausible cells of each column of a locality import file (docs/import-localities.md).
LOCALITY_COLUMNS = {
    "Název": words(),
    "Obec": words(),
    "Kód obce": st.one_of(st.sampled_from(["554804", "554791", "554 804"]), DIGITS),
    "ORP": words(),
    "Kraj": st.one_of(labels(Region), st.sampled_from(["Praha", "ustecky"])),
    "Typ bydlení": labels(HousingType),
    "Odhad počtu obyvatel": st.one_of(st.integers(0, 10**6).map(str), st.just("1 800")),
    "Zeměpisná šířka": st.floats(48.5, 51.1).map(lambda x: f"{x:.4f}".replace(".", ",")),
    "Zeměpisná délka": st.floats(12.0, 18.9).map(lambda x: f"{x:.4f}"),
    "Popis": words(max_size=80),
    "Aktivní": YES_NO,
    "Zdroj": words(),
    "Rok": st.integers(1980, 2110).map(str),
}


def shift_columns(*, assistants, mentors, projects, localities, categories, day: datetime.date) -> dict:
    """Plausible cells of each column of a shift import file (docs/import-shifts.md), naming the given rows
    (the APKs, mentors, projects, localities and categories without a syringe count of the organisation)."""
    days = st.dates(day - datetime.timedelta(days=3), day + datetime.timedelta(days=3))
    return {
        "Datum": st.one_of(days.map(czech_date), days.map(datetime.date.isoformat)),
        "Začátek": st.sampled_from(["8:00", "08:00", "22:00"]),
        "Konec": st.sampled_from(["16:00", "6:00"]),
        "Přestávky (min)": st.sampled_from(["", "0", "30"]),
        "Asistent": st.lists(st.sampled_from(assistants), min_size=1, max_size=2, unique=True).map(", ".join),
        "Mentor": st.sampled_from(mentors),
        "Projekt": st.sampled_from(projects),
        "Druh směny": labels(ShiftKind),
        "Čas záznamu": st.sampled_from(["", "10:30"]),
        "Lokalita": st.sampled_from(["", *localities]),
        "Místo": st.one_of(st.just(""), words()),
        "Kategorie": st.sampled_from(categories),
        "Popis": words(max_size=80),
        "Počet osob": st.one_of(st.just(""), st.integers(0, 50).map(str)),
        "Výsledek": labels(Outcome),
        "Předáno komu": st.one_of(st.just(""), words()),
        "Další řešení": YES_NO,
        "Počet stříkaček": st.just(""),
    }
