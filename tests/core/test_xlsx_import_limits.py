"""The XLSX reader of every import (core/tabular.py) checks the archive before openpyxl opens it, and reads the
first sheet as it is, not as the file claims it to be."""

import datetime
import os

import pytest

from core import tabular
from tests.core.xlsx_files import (
    inline_cell,
    members,
    rezipped,
    row_xml,
    sheet_xml,
    with_parts,
    with_sheet,
    workbook_bytes,
)

VALID = workbook_bytes([["Název", "Obec"], ["Předlice", "Ústí nad Labem"]])


def _refusal(content: bytes) -> str:
    with pytest.raises(tabular.ImportFileError) as raised:
        tabular.read_dataset(content, extension=".xlsx")
    return raised.value.message


def test_a_workbook_of_more_than_a_thousand_parts_is_refused():
    parts = {**members(VALID), **{f"xl/media/image{n}.png": b"\x89PNG" for n in range(1000)}}

    assert _refusal(rezipped(parts)) == (
        "Soubor XLSX má příliš mnoho částí (1009, nejvýše 1000); zkopírujte tabulku do nového sešitu."
    )


def test_a_part_other_than_sheets_and_shared_strings_may_unpack_to_2_mb_at_most():
    # openpyxl parses such parts (styles, workbook, relationships) whole, so their size is their memory.
    styles = os.urandom(1_100_000).hex().encode()  # 2.2 MB that compress only about twice

    assert _refusal(with_parts(VALID, replace={"xl/styles.xml": styles})) == (
        "Soubor XLSX je po rozbalení příliš velký (2,1\xa0MB, nejvýše 2,0\xa0MB). "
        "Zkopírujte tabulku do nového sešitu, nebo ji uložte jako CSV."
    )


def test_a_value_right_of_the_hundredth_column_is_refused_naming_row_and_column():
    rows = row_xml(1, [inline_cell("A1", "Název")]) + row_xml(2, [inline_cell("A2", "x"), inline_cell("CX2", "y")])

    assert _refusal(with_sheet(VALID, rows)) == (
        "Řádek 2 má vyplněnou buňku ve sloupci 102; import čte nejvýše 100 sloupců. "
        "Smažte obsah buněk vpravo od tabulky."
    )


def test_a_row_of_more_cells_than_excel_has_columns_is_refused():
    # Without references every <c> is the next column; openpyxl would keep all of them of one row in memory.
    rows = row_xml(1, [inline_cell("A1", "Název")]) + row_xml(2, [b"<c/>"] * 16_385)

    assert _refusal(with_sheet(VALID, rows)) == (
        "Řádek 2 souboru XLSX má víc než 16384 buněk; zkopírujte tabulku do nového sešitu."
    )


def test_empty_formatted_cells_right_of_the_table_are_no_error():
    rows = row_xml(1, [inline_cell("A1", "Název"), b'<c r="XFD1" s="0"/>']) + row_xml(2, [inline_cell("A2", "x")])

    dataset = tabular.read_dataset(with_sheet(VALID, rows), extension=".xlsx")

    assert (dataset.headers, list(dataset)) == (["Název"], [("x",)])


def test_rows_are_read_as_they_are_even_where_the_sheet_claims_a_smaller_size():
    # openpyxl's streaming mode trusts <dimension>; a file from another program claiming A1:B1 lost its rows.
    sheet = members(VALID)["xl/worksheets/sheet1.xml"]
    assert b'<dimension ref="A1:B2" />' in sheet

    content = with_parts(VALID, replace={"xl/worksheets/sheet1.xml": sheet.replace(b"A1:B2", b"A1:B1")})

    assert list(tabular.read_dataset(content, extension=".xlsx")) == [("Předlice", "Ústí nad Labem")]


def test_streaming_keeps_dates_times_and_numbers_typed():
    content = workbook_bytes(
        [["Datum", "Začátek", "Počet", "Šířka"], [datetime.date(2026, 11, 3), datetime.time(8, 30), 4, 50.6706]]
    )

    dataset = tabular.read_dataset(content, extension=".xlsx")

    assert list(dataset) == [(datetime.datetime(2026, 11, 3, 0, 0), datetime.time(8, 30), 4, 50.6706)]


def test_a_sheet_in_utf16_is_checked_like_any_other():
    rows = row_xml(1, [inline_cell("A1", "Název")]) + row_xml(2, [inline_cell("A2", "x"), inline_cell("CX2", "y")])
    utf16 = sheet_xml(rows).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    assert _refusal(with_parts(VALID, replace={"xl/worksheets/sheet1.xml": utf16})) == (
        "Řádek 2 má vyplněnou buňku ve sloupci 102; import čte nejvýše 100 sloupců. "
        "Smažte obsah buněk vpravo od tabulky."
    )


def test_a_utf16_sheet_within_the_limits_is_read():
    rows = row_xml(1, [inline_cell("A1", "Název")]) + row_xml(2, [inline_cell("A2", "Předlice")])
    utf16 = sheet_xml(rows).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    dataset = tabular.read_dataset(with_parts(VALID, replace={"xl/worksheets/sheet1.xml": utf16}), extension=".xlsx")

    assert (dataset.headers, list(dataset)) == (["Název"], [("Předlice",)])
