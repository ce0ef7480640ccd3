"""Reading import files: CSV in UTF-8 (with or without BOM) and windows-1250, ';' or ',', and XLSX."""

from decimal import Decimal

import pytest

from core.tabular import ImportFileError, read_dataset
from locations import importing
from locations.choices import HousingType, Region
from locations.models import Locality
from locations.resources import IMPORT_COLUMNS_HELP, REQUIRED_COLUMNS
from tests.locations.locality_import_helpers import HEADERS, csv_bytes, locality_row, xlsx_bytes


def _import(content: bytes, extension: str, organisation) -> importing.ImportSummary:
    dataset = read_dataset(content, extension=extension)
    return importing.locality_import(organisation=organisation, dataset=dataset, dry_run=False)


def _assert_predlice_imported(organisation):
    locality = Locality.objects.get()
    assert locality.organisation == organisation
    assert (locality.name, locality.municipality_name, locality.municipality_code, locality.orp) == (
        "Předlice",
        "Ústí nad Labem",
        "554804",
        "Ústí nad Labem",
    )
    assert (locality.region, locality.housing_type) == (Region.USTECKY, HousingType.APARTMENT_BLOCKS)
    assert (locality.latitude, locality.longitude) == (Decimal("50.670600"), Decimal("14.020300"))
    assert (locality.estimated_population, locality.is_active, locality.source, locality.source_year) == (
        1800,
        True,
        "terénní šetření",
        2025,
    )
    assert locality.description == "Bývalá dělnická čtvrť."


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ";"), ("utf-8-sig", ";"), ("cp1250", ";"), ("utf-8", ","), ("cp1250", ",")],
    ids=["utf8-semicolon", "utf8-bom-semicolon", "cp1250-semicolon", "utf8-comma", "cp1250-comma"],
)
def test_csv_import_creates_locality_with_czech_text_intact(organisation, encoding, delimiter):
    content = csv_bytes([locality_row()], encoding=encoding, delimiter=delimiter)

    summary = _import(content, ".csv", organisation)

    assert (summary.is_valid, summary.saved, summary.new, summary.updated, summary.unchanged) == (
        True,
        True,
        1,
        0,
        0,
    )
    _assert_predlice_imported(organisation)


def test_utf8_bom_does_not_stick_to_the_first_header(organisation):
    dataset = read_dataset(csv_bytes([locality_row()], encoding="utf-8-sig"), extension=".csv")

    assert dataset.headers[0] == "Název"


def test_windows_1250_file_is_detected_by_its_bytes(organisation):
    content = csv_bytes([locality_row()], encoding="cp1250")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")

    dataset = read_dataset(content, extension=".csv")

    assert dataset.dict[0]["Název"] == "Předlice"
    assert dataset.dict[0]["Kraj"] == "Ústecký kraj"


def test_xlsx_import_accepts_numbers_typed_as_excel_stores_them(organisation):
    row = locality_row()
    cells = [row[header] for header in HEADERS]
    cells[HEADERS.index("Kód obce")] = 554804
    cells[HEADERS.index("Odhad počtu obyvatel")] = 1800
    cells[HEADERS.index("Zeměpisná šířka")] = 50.6706
    cells[HEADERS.index("Zeměpisná délka")] = 14.0203
    cells[HEADERS.index("Rok")] = 2025

    summary = _import(xlsx_bytes([cells]), ".xlsx", organisation)

    assert (summary.is_valid, summary.new) == (True, 1)
    _assert_predlice_imported(organisation)


def test_xlsx_import_accepts_text_cells_with_decimal_comma(organisation):
    row = locality_row()

    summary = _import(xlsx_bytes([[row[header] for header in HEADERS]]), ".xlsx", organisation)

    assert (summary.is_valid, summary.new) == (True, 1)
    _assert_predlice_imported(organisation)


def test_blank_lines_are_skipped_and_row_numbers_still_match_the_spreadsheet(organisation):
    content = csv_bytes([locality_row(), {}, locality_row(Název="Mojžíř", Kód_obce="1")], delimiter=";")

    summary = _import(content, ".csv", organisation)

    assert [(row.number, row.status) for row in summary.rows] == [(2, "new"), (4, "invalid")]
    assert [(error.row, error.column) for error in summary.errors] == [(4, "Kód obce")]


def test_headers_match_without_diacritics_and_case(organisation):
    headers = [header.upper() for header in HEADERS]
    headers[0] = "nazev"
    row = locality_row()
    content = csv_bytes(
        [{header: row[original] for header, original in zip(headers, HEADERS, strict=True)}], headers=headers
    )

    summary = _import(content, ".csv", organisation)

    assert (summary.is_valid, summary.new) == (True, 1)
    _assert_predlice_imported(organisation)


def test_missing_required_headers_give_one_error_naming_them(organisation):
    headers = [header for header in HEADERS if header not in ("Kód obce", "Typ bydlení")]

    summary = _import(csv_bytes([locality_row()], headers=headers), ".csv", organisation)

    assert summary.file_errors == [
        "V záhlaví souboru chybí povinné sloupce: Kód obce, Typ bydlení. "
        "Povinné jsou: Název, Obec, Kód obce, Kraj, Typ bydlení."
    ]
    assert (summary.is_valid, summary.saved, summary.rows) == (False, False, [])
    assert not Locality.objects.exists()


def test_optional_columns_may_be_left_out(organisation):
    headers = ["Název", "Obec", "Kód obce", "Kraj", "Typ bydlení"]

    summary = _import(csv_bytes([locality_row()], headers=headers), ".csv", organisation)

    assert (summary.is_valid, summary.new) == (True, 1)
    locality = Locality.objects.get()
    assert (locality.orp, locality.latitude, locality.estimated_population, locality.is_active) == (
        "",
        None,
        None,
        True,
    )


def test_file_with_only_a_header_is_refused(organisation):
    summary = _import(csv_bytes([]), ".csv", organisation)

    assert summary.file_errors == ["Soubor neobsahuje žádné řádky s lokalitami."]
    assert not summary.is_valid


@pytest.mark.parametrize(
    ("content", "extension", "message"),
    [
        (b"", ".csv", "Soubor je prázdný."),
        (b"N\x81zev;Obec\n", ".csv", "Soubor CSV není v kódování UTF-8 ani windows-1250."),
        (b"not a zip", ".xlsx", "Soubor XLSX se nepodařilo přečíst; uložte ho v Excelu znovu jako sešit XLSX."),
        (b"x", ".xls", "Nahrajte soubor CSV nebo XLSX."),
    ],
    ids=["empty", "unknown-encoding", "broken-xlsx", "xls"],
)
def test_unreadable_file_is_refused_with_a_czech_message(content, extension, message):
    with pytest.raises(ImportFileError) as raised:
        read_dataset(content, extension=extension)

    assert raised.value.message == message


def test_comma_separated_file_with_unquoted_decimal_comma_is_refused_naming_the_row():
    content = "Název,Obec,Kód obce,Kraj,Typ bydlení,Zeměpisná šířka,Zeměpisná délka\n".encode()
    content += "Předlice,Ústí nad Labem,554804,Ústecký kraj,bytové domy,50,6706,14,0203\n".encode()

    with pytest.raises(ImportFileError) as raised:
        read_dataset(content, extension=".csv")

    assert raised.value.message == (
        "Řádek 2 má víc buněk než záhlaví; zkontrolujte oddělovač sloupců a desetinné čárky."
    )


def test_column_help_on_the_import_page_lists_every_column_in_file_order():
    assert [column.header for column in IMPORT_COLUMNS_HELP] == HEADERS
    assert [column.header for column in IMPORT_COLUMNS_HELP if column.required] == list(REQUIRED_COLUMNS)
