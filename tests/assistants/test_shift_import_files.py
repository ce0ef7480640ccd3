"""The shift import reads the same files as the locality import: UTF-8 (BOM or not), windows-1250, XLSX."""

import datetime

import pytest

from assistants.importing.saving import shift_import
from assistants.models import FieldRecord, Shift
from core.tabular import read_dataset
from tests.assistants.factories import at
from tests.assistants.shift_import_helpers import HEADERS, cast_fixture, csv_bytes, shift_row, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("cast")


def _import(content: bytes, extension: str, organisation, by):
    dataset = read_dataset(content, extension=extension)
    return shift_import(organisation=organisation, dataset=dataset, by=by, dry_run=False)


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("cp1250", ";")]
)
def test_csv_in_czech_excel_encodings_and_separators(organisation, coordinator, encoding, delimiter):
    content = csv_bytes([shift_row(Popis="Žádost o pomoc, řešeno na místě.")], encoding=encoding, delimiter=delimiter)

    summary = _import(content, ".csv", organisation, coordinator)

    assert summary.saved
    record = FieldRecord.objects.get()
    assert record.description == "Žádost o pomoc, řešeno na místě."
    assert record.category.name == "monitoring ubytoven a rizikových míst"
    assert Shift.objects.get().worked_minutes == 450


def test_headers_without_diacritics_and_in_another_case_are_accepted(organisation, coordinator):
    headers = [
        "DATUM",
        "Zacatek",
        "konec",
        "Prestavky (min)",
        "asistent",
        "mentor",
        "projekt",
        "Kategorie",
        "Popis",
        "Vysledek",
        "Lokalita",
    ]
    row = shift_row()
    values = [
        row[h]
        for h in [
            "Datum",
            "Začátek",
            "Konec",
            "Přestávky (min)",
            "Asistent",
            "Mentor",
            "Projekt",
            "Kategorie",
            "Popis",
            "Výsledek",
            "Lokalita",
        ]
    ]
    content = csv_bytes([dict(zip(headers, values, strict=True))], headers=headers)

    summary = _import(content, ".csv", organisation, coordinator)

    assert summary.saved
    assert FieldRecord.objects.get().recorded_at == at(datetime.date(2026, 11, 3), "08:00")


def test_xlsx_with_typed_date_time_and_number_cells(organisation, coordinator):
    row = shift_row()
    typed = {
        "Datum": datetime.datetime(2026, 11, 3),
        "Začátek": datetime.time(8, 0),
        "Konec": datetime.time(16, 0),
        "Přestávky (min)": 30,
        "Čas záznamu": datetime.time(10, 15),
        "Počet osob": 4,
    }
    content = xlsx_bytes([[typed.get(header, row[header]) for header in HEADERS]])

    summary = _import(content, ".xlsx", organisation, coordinator)

    assert summary.saved
    shift = Shift.objects.get()
    assert (shift.date, shift.worked_minutes) == (datetime.date(2026, 11, 3), 450)
    record = FieldRecord.objects.get()
    assert (record.recorded_at, record.persons_involved) == (at(shift.date, "10:15"), 4)


def test_xlsx_and_csv_of_the_same_data_are_the_same_rows(organisation, coordinator):
    row = shift_row()
    _import(csv_bytes([row]), ".csv", organisation, coordinator)
    typed = {"Datum": datetime.date(2026, 11, 3), "Začátek": datetime.time(8), "Konec": datetime.time(16)}

    summary = _import(xlsx_bytes([[typed.get(h, row[h]) for h in HEADERS]]), ".xlsx", organisation, coordinator)

    assert (summary.new, summary.duplicate) == (0, 1)
    assert FieldRecord.objects.count() == 1


def test_blank_lines_are_skipped(organisation, coordinator):
    content = csv_bytes([shift_row(), {}, shift_row(Datum="4. 11. 2026")])

    summary = _import(content, ".csv", organisation, coordinator)

    assert [row.number for row in summary.rows] == [2, 4]
    assert Shift.objects.count() == 2


def test_iso_dates_and_times_with_seconds_are_accepted(organisation, coordinator):
    content = csv_bytes([shift_row(Datum="2026-11-03", Začátek="08:00:00", Konec="16:00:00")])

    _import(content, ".csv", organisation, coordinator)

    assert Shift.objects.get().planned_start == at(datetime.date(2026, 11, 3), "08:00")
