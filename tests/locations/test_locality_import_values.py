"""Values as Czech spreadsheets write them: region and housing labels, decimal comma, ano/ne."""

from decimal import Decimal

import pytest

from locations import importing
from locations.choices import HousingType, Region
from locations.models import Locality
from tests.locations.locality_import_helpers import dataset_of, locality_row


def _import_one(organisation, **overrides) -> importing.ImportSummary:
    return importing.locality_import(
        organisation=organisation, dataset=dataset_of([locality_row(**overrides)]), dry_run=False
    )


@pytest.mark.parametrize(
    ("written", "region"),
    [
        ("Ústecký kraj", Region.USTECKY),
        ("ústecký kraj", Region.USTECKY),
        ("Ustecky kraj", Region.USTECKY),
        ("Ústecký", Region.USTECKY),
        ("  ÚSTECKÝ  ", Region.USTECKY),
        ("CZ042", Region.USTECKY),
        ("Kraj Vysočina", Region.VYSOCINA),
        ("Vysočina", Region.VYSOCINA),
        ("Hlavní město Praha", Region.PRAHA),
        ("Praha", Region.PRAHA),
        ("Moravskoslezský", Region.MORAVSKOSLEZSKY),
    ],
)
def test_region_accepts_label_without_diacritics_or_kraj_and_code(organisation, written, region):
    summary = _import_one(organisation, Kraj=written)

    assert summary.is_valid
    assert Locality.objects.get().region == region


@pytest.mark.parametrize(
    ("written", "housing_type"),
    [
        ("ubytovna", HousingType.HOSTEL),
        ("Ubytovna", HousingType.HOSTEL),
        ("bytove domy", HousingType.APARTMENT_BLOCKS),
        ("Rodinné domy", HousingType.FAMILY_HOUSES),
        ("SMÍŠENÁ ZÁSTAVBA", HousingType.MIXED),
        ("jiné", HousingType.OTHER),
        ("mixed", HousingType.MIXED),
    ],
)
def test_housing_type_accepts_label_in_any_case_and_code(organisation, written, housing_type):
    summary = _import_one(organisation, Typ_bydlení=written)

    assert summary.is_valid
    assert Locality.objects.get().housing_type == housing_type


def test_unknown_region_is_reported_at_its_column(organisation):
    summary = _import_one(organisation, Kraj="Sudety")

    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (2, "Kraj", "Neznámý kraj „Sudety“; použijte název kraje, např. Ústecký kraj.")
    ]


def test_unknown_housing_type_lists_the_allowed_values(organisation):
    summary = _import_one(organisation, Typ_bydlení="chatová osada")

    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (
            2,
            "Typ bydlení",
            "Neznámý typ bydlení „chatová osada“; povolené hodnoty: "
            "ubytovna, bytové domy, rodinné domy, smíšená zástavba, jiné.",
        )
    ]


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        ("50,6706", "14,0203", (Decimal("50.670600"), Decimal("14.020300"))),
        ("50.6706", "14.0203", (Decimal("50.670600"), Decimal("14.020300"))),
        (" 50,67061234 ", "14,02", (Decimal("50.670612"), Decimal("14.020000"))),
        ("", "", (None, None)),
    ],
)
def test_coordinates_accept_decimal_comma_or_point(organisation, latitude, longitude, expected):
    summary = _import_one(organisation, Zeměpisná_šířka=latitude, Zeměpisná_délka=longitude)

    assert summary.is_valid
    locality = Locality.objects.get()
    assert (locality.latitude, locality.longitude) == expected


@pytest.mark.parametrize(("written", "expected"), [("1 800", 1800), ("1\u00a0800", 1800), ("1800,0", 1800), ("", None)])
def test_population_accepts_spaces_and_decimal_comma(organisation, written, expected):
    summary = _import_one(organisation, Odhad_počtu_obyvatel=written)

    assert summary.is_valid
    assert Locality.objects.get().estimated_population == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ano", True),
        ("ANO", True),
        ("1", True),
        ("true", True),
        ("", True),
        ("ne", False),
        ("0", False),
        ("False", False),
    ],
)
def test_active_accepts_ano_ne_1_0_true_false_and_empty_means_ano(organisation, written, expected):
    summary = _import_one(organisation, Aktivní=written)

    assert summary.is_valid
    assert Locality.objects.get().is_active is expected


@pytest.mark.parametrize(
    ("column", "written", "message"),
    [
        ("Zeměpisná šířka", "padesát", "„padesát“ není číslo; zadejte např. 50,0755."),
        ("Zeměpisná šířka", "40,1", "Zeměpisná šířka 40.100000 leží mimo Českou republiku (48.55–51.06)."),
        ("Odhad počtu obyvatel", "12,5", "„12,5“ není celé číslo."),
        ("Aktivní", "možná", "„možná“ není platná hodnota; zadejte ano, nebo ne."),
        ("Kód obce", "123", "Kód obce musí mít 6 číslic a začínat číslicí 5 (číselník obcí ČSÚ), např. 554791."),
        ("Název", "", "Pole nemůže být prázdné."),
    ],
)
def test_invalid_value_is_reported_with_row_column_and_reason(organisation, column, written, message):
    overrides = {column.replace(" ", "_"): written}
    if column == "Zeměpisná šířka":
        overrides["Zeměpisná_délka"] = "14,0203"

    summary = _import_one(organisation, **overrides)

    assert [(e.row, e.column, e.message) for e in summary.errors] == [(2, column, message)]
    assert (summary.is_valid, summary.saved) == (False, False)
    assert not Locality.objects.exists()


def test_one_coordinate_without_the_other_is_reported_at_the_missing_column(organisation):
    summary = _import_one(organisation, Zeměpisná_šířka="50,6706", Zeměpisná_délka="")

    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (2, "Zeměpisná délka", "Zadejte zeměpisnou šířku i délku, nebo ani jednu.")
    ]
