"""Files of historical shifts built in memory for the shift import tests."""

import csv
import io

import openpyxl
import pytest

from assistants.importing.columns import COLUMNS
from tests.assistants.factories import ProjectFactory, category
from tests.locations.factories import LocalityFactory

HEADERS = list(COLUMNS)


def shift_row(**overrides) -> dict:
    """One valid row (a record on an 8:00–16:00 shift with a 30-minute break), keyed by Czech header.

    `overrides` use the headers with spaces as underscores and without the brackets: Přestávky_min, Čas_záznamu.
    """
    row = {
        "Datum": "3. 11. 2026",
        "Začátek": "8:00",
        "Konec": "16:00",
        "Přestávky (min)": "30",
        "Asistent": "apk",
        "Mentor": "mentor",
        "Projekt": "MV-2026-042",
        "Druh směny": "pochůzka",
        "Čas záznamu": "10:15",
        "Lokalita": "Předlice",
        "Místo": "",
        "Kategorie": "monitoring ubytoven a rizikových míst",
        "Popis": "Kontrola ubytovny, klid.",
        "Počet osob": "4",
        "Výsledek": "pouze monitoring",
        "Předáno komu": "",
        "Další řešení": "ne",
        "Počet stříkaček": "",
    }
    headers = {header.replace("(", "").replace(")", "").replace(" ", "_"): header for header in row}
    for key, value in overrides.items():
        assert key in headers, f"unknown column {key}"
        row[headers[key]] = value
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
    """`rows` are lists of typed cell values, as Excel stores them (dates, times, numbers)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


@pytest.fixture(name="cast")
def cast_fixture(organisation, apk, colleague, mentor, coordinator):
    """The organisation's project, locality and default categories the rows refer to."""
    project = ProjectFactory(
        organisation=organisation, name="APK Předlice", registration_number="MV-2026-042", assistants=[apk, colleague]
    )
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    category("hostels")
    return {"project": project, "locality": locality}
