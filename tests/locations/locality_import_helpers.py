"""Import files built in memory for the locality import and export tests."""

import csv
import io

import openpyxl
import tablib

from core.tabular import read_dataset

HEADERS = [
    "Název",
    "Obec",
    "Kód obce",
    "ORP",
    "Kraj",
    "Typ bydlení",
    "Odhad počtu obyvatel",
    "Zeměpisná šířka",
    "Zeměpisná délka",
    "Popis",
    "Aktivní",
    "Zdroj",
    "Rok",
]


def locality_row(**overrides) -> dict:
    """One valid row keyed by Czech header; `overrides` use the same headers (Python names: spaces -> _)."""
    row = {
        "Název": "Předlice",
        "Obec": "Ústí nad Labem",
        "Kód obce": "554804",
        "ORP": "Ústí nad Labem",
        "Kraj": "Ústecký kraj",
        "Typ bydlení": "bytové domy",
        "Odhad počtu obyvatel": "1800",
        "Zeměpisná šířka": "50,6706",
        "Zeměpisná délka": "14,0203",
        "Popis": "Bývalá dělnická čtvrť.",
        "Aktivní": "ano",
        "Zdroj": "terénní šetření",
        "Rok": "2025",
    }
    for key, value in overrides.items():
        header = key.replace("_", " ")
        assert header in row, f"unknown column {header}"
        row[header] = value
    return row


def csv_bytes(rows: list[dict], *, delimiter: str = ";", encoding: str = "utf-8", headers=None) -> bytes:
    headers = headers or HEADERS
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return stream.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], *, headers=None) -> bytes:
    """`rows` are lists of cell values (typed: numbers stay numbers, as Excel stores them)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def dataset_of(rows: list[dict]) -> tablib.Dataset:
    return read_dataset(csv_bytes(rows), extension=".csv")
