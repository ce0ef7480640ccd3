"""Every exported spreadsheet cell goes through one guard (core/spreadsheets.py): text that a spreadsheet would run
as a formula is written as text, control characters saved before input was validated cannot break the file, and
numbers stay numbers."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils.translation import gettext_lazy

from core.dates import Period
from core.reporting import Report, Table, report_xlsx
from core.spreadsheets import XlsxWriter, spreadsheet_cell, spreadsheet_text, unguarded_text
from tests.accounts.factories import OrganisationFactory


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://example.com","klikni")', '\'=HYPERLINK("http://example.com","klikni")'),
        ("+420 777 123 456", "'+420 777 123 456"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Předlice", "Předlice"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text, written):
    assert spreadsheet_text(text) == written


def test_control_characters_are_dropped_but_tab_and_line_breaks_kept():
    assert spreadsheet_text("Před\x00li\x07ce\x1b \x7f\x85\x9f") == "Předlice "
    assert spreadsheet_text("první řádek\r\ndruhý\třádek") == "první řádek\r\ndruhý\třádek"


def test_a_formula_hidden_behind_a_control_character_is_still_caught():
    assert spreadsheet_text("\x01=HYPERLINK(1)") == "'=HYPERLINK(1)"


@pytest.mark.parametrize("value", [-5, 0, 12.5, Decimal("-1.25"), datetime.date(2026, 3, 1), True, None])
def test_numbers_dates_and_empty_cells_are_written_as_they_are(value):
    assert spreadsheet_cell(value) is value


def test_a_lazily_translated_label_is_written_as_its_text():
    assert spreadsheet_cell(gettext_lazy("Období")) == "Období"


@pytest.mark.parametrize("text", ["=1+1", "-5", "\t@x", "obyčejný text", "'obyčejný text"])
def test_the_import_gets_back_the_text_an_exported_cell_was_made_from(text):
    assert unguarded_text(spreadsheet_text(text)) == text


def test_guarding_twice_changes_nothing():
    assert spreadsheet_text(spreadsheet_text("=1+1")) == "'=1+1"


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_xlsx_writer_stores_formula_like_text_as_a_string_and_numbers_as_numbers():
    writer = XlsxWriter("List")
    writer.append(["=HYPERLINK(1)", -5, Decimal("2.50"), "Předlice"])

    row = next(_sheet(writer.content()).iter_rows())

    assert [(cell.value, cell.data_type) for cell in row] == [
        ("'=HYPERLINK(1)", "s"),
        (-5, "n"),
        (2.5, "n"),
        ("Předlice", "s"),
    ]


def _report(organisation, *, rows):
    period = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    return Report(
        title="Výkaz",
        organisation=organisation,
        period=period,
        tables=[Table(title="Podle lokalit", columns=["Lokalita", "Záznamy", "Hodiny"], rows=rows)],
    )


@pytest.mark.django_db
def test_report_xlsx_writes_a_formula_named_locality_as_text():
    organisation = OrganisationFactory(name='=HYPERLINK("http://example.com")')
    report = _report(organisation, rows=[['=HYPERLINK("http://example.com","Předlice")', 3, Decimal("-1.50")]])

    sheet = _sheet(report_xlsx(report))

    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert cells['\'=HYPERLINK("http://example.com","Předlice")'] == "s"
    assert cells['\'=HYPERLINK("http://example.com")'] == "s"
    assert (cells[3], cells[-1.5]) == ("n", "n")
    assert not [value for value, data_type in cells.items() if data_type == "f"]


@pytest.mark.django_db
def test_report_xlsx_of_names_saved_with_control_characters_is_written_without_them():
    report = _report(OrganisationFactory(name="Město\x07 Ústí"), rows=[["Před\x00lice\x1b", 3, Decimal("2.00")]])

    rows = list(_sheet(report_xlsx(report)).iter_rows(values_only=True))

    assert rows[1][0] == "Město Ústí"
    assert rows[-1][:3] == ("Předlice", 3, 2)
