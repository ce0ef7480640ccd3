"""The import service: all rows or none, updates by natural key, only inside the importing organisation."""

from decimal import Decimal

from core.tabular import read_dataset
from locations import importing
from locations.choices import HousingType, Region
from locations.models import Locality
from locations.resources import locality_export_file
from tests.locations.factories import LocalityFactory
from tests.locations.locality_import_helpers import csv_bytes, dataset_of, locality_row


def test_file_with_one_bad_row_saves_nothing_and_reports_row_column_reason(organisation):
    rows = [
        locality_row(Název="Předlice"),
        locality_row(Název="Mojžíř", Kód_obce="12345"),
        locality_row(Název="Krásné Březno"),
    ]

    summary = importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=False)

    assert not Locality.objects.exists()
    assert (summary.is_valid, summary.saved, summary.new, summary.invalid) == (False, False, 2, 1)
    assert [(row.number, row.status, row.name) for row in summary.rows] == [
        (2, "new", "Předlice"),
        (3, "invalid", "Mojžíř"),
        (4, "new", "Krásné Březno"),
    ]
    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (3, "Kód obce", "Kód obce musí mít 6 číslic a začínat číslicí 5 (číselník obcí ČSÚ), např. 554791.")
    ]


def test_bad_row_also_rolls_back_updates_of_earlier_rows(organisation):
    locality = LocalityFactory(organisation=organisation, name="Předlice", municipality_code="554804", orp="staré")
    rows = [locality_row(Název="Předlice", ORP="nové"), locality_row(Název="Mojžíř", Kraj="Sudety")]

    summary = importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=False)

    assert (summary.updated, summary.invalid, summary.saved) == (1, 1, False)
    locality.refresh_from_db()
    assert locality.orp == "staré"


def test_dry_run_reports_what_would_happen_and_saves_nothing(organisation):
    LocalityFactory(organisation=organisation, name="Předlice", municipality_code="554804", orp="staré")
    rows = [locality_row(Název="Předlice"), locality_row(Název="Mojžíř")]

    summary = importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=True)

    assert (summary.is_valid, summary.saved, summary.new, summary.updated) == (True, False, 1, 1)
    assert list(Locality.objects.values_list("name", "orp")) == [("Předlice", "staré")]


def test_reimport_of_exported_file_updates_and_counts_unchanged_without_duplicating(organisation):
    kept = LocalityFactory(organisation=organisation, name="Chanov", municipality_code="567027")
    edited = LocalityFactory(
        organisation=organisation,
        name="Předlice",
        municipality_code="554804",
        region=Region.USTECKY,
        housing_type=HousingType.APARTMENT_BLOCKS,
        latitude=Decimal("50.670600"),
        longitude=Decimal("14.020300"),
    )
    exported = locality_export_file(Locality.objects.filter(organisation=organisation), file_format="csv")
    dataset = read_dataset(exported, extension=".csv")
    row = dataset.headers.index("Odhad počtu obyvatel")
    dataset = _with_cell(dataset, name="Předlice", column=row, value="2000")

    summary = importing.locality_import(organisation=organisation, dataset=dataset, dry_run=False)

    assert (summary.is_valid, summary.new, summary.updated, summary.unchanged) == (True, 0, 1, 1)
    assert Locality.objects.count() == 2
    edited.refresh_from_db()
    kept_before = kept.updated_at
    kept.refresh_from_db()
    assert edited.estimated_population == 2000
    assert (edited.latitude, edited.longitude) == (Decimal("50.670600"), Decimal("14.020300"))
    assert kept.updated_at == kept_before


def test_reimport_of_exported_xlsx_is_all_unchanged(organisation):
    LocalityFactory.create_batch(3, organisation=organisation, description="řádek 1\nřádek 2", is_active=False)
    exported = locality_export_file(Locality.objects.all(), file_format="xlsx")

    summary = importing.locality_import(
        organisation=organisation, dataset=read_dataset(exported, extension=".xlsx"), dry_run=False
    )

    assert (summary.is_valid, summary.new, summary.updated, summary.unchanged) == (True, 0, 0, 3)


def test_import_never_touches_another_organisations_locality_with_the_same_key(organisation, other_organisation):
    theirs = LocalityFactory(organisation=other_organisation, name="Předlice", municipality_code="554804", orp="cizí")

    summary = importing.locality_import(
        organisation=organisation, dataset=dataset_of([locality_row(Název="Předlice", ORP="naše")]), dry_run=False
    )

    assert (summary.new, summary.updated) == (1, 0)
    theirs.refresh_from_db()
    assert theirs.orp == "cizí"
    ours = Locality.objects.get(organisation=organisation)
    assert (ours.name, ours.municipality_code, ours.orp) == ("Předlice", "554804", "naše")


def test_same_locality_twice_in_the_file_is_an_error_naming_the_first_row(organisation):
    rows = [locality_row(Název="Předlice"), locality_row(Název="Mojžíř"), locality_row(Název="Předlice")]

    summary = importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=False)

    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (4, "Název", "Lokalita s tímto názvem a kódem obce už je v souboru na řádku 2.")
    ]
    assert not Locality.objects.exists()


def test_leading_apostrophe_that_neutralises_a_formula_is_stripped(organisation):
    summary = importing.locality_import(
        organisation=organisation, dataset=dataset_of([locality_row(Popis="'=1+1")]), dry_run=False
    )

    assert summary.is_valid
    assert Locality.objects.get().description == "=1+1"


def _with_cell(dataset, *, name: str, column: int, value: str):
    rows = [list(row) for row in dataset]
    for row in rows:
        if row[0] == name:
            row[column] = value
    return type(dataset)(*rows, headers=dataset.headers)


def test_columns_left_out_of_the_file_keep_their_values_on_update(organisation):
    locality = LocalityFactory(
        organisation=organisation, name="Předlice", municipality_code="554804", orp="Ústí", is_active=False
    )
    headers = ["Název", "Obec", "Kód obce", "Kraj", "Typ bydlení"]
    row = locality_row(Název="Předlice", Obec="Ústí nad Labem")
    dataset = read_dataset(csv_bytes([row], headers=headers), extension=".csv")

    summary = importing.locality_import(organisation=organisation, dataset=dataset, dry_run=False)

    assert (summary.updated, summary.saved) == (1, True)
    locality.refresh_from_db()
    assert (locality.municipality_name, locality.orp, locality.is_active) == ("Ústí nad Labem", "Ústí", False)
