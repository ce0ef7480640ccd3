"""Export of the locality list to XLSX and CSV: the list's filters, the organisation scope, the import format."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from locations.choices import HousingType, Region
from tests.locations.factories import LocalityFactory, ObservationFactory
from tests.locations.locality_import_helpers import HEADERS

EXPORT_URL = reverse("localities:export")


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(response) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def predlice(organisation):
    return LocalityFactory(
        organisation=organisation,
        name="Předlice",
        municipality_name="Ústí nad Labem",
        municipality_code="554804",
        orp="Ústí nad Labem",
        region=Region.USTECKY,
        housing_type=HousingType.APARTMENT_BLOCKS,
        estimated_population=1800,
        latitude=Decimal("50.670600"),
        longitude=Decimal("14.020300"),
        description="Bývalá dělnická čtvrť.",
        is_active=True,
        source="terénní šetření",
        source_year=2025,
    )


def test_csv_export_is_utf8_with_bom_semicolons_czech_headers_and_labels(login, apk, predlice):
    response = login(apk).get(EXPORT_URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbfN\xc3\xa1zev;Obec;")
    assert _csv_rows(response) == [
        HEADERS,
        [
            "Předlice",
            "Ústí nad Labem",
            "554804",
            "Ústí nad Labem",
            "Ústecký kraj",
            "bytové domy",
            "1800",
            "50,6706",
            "14,0203",
            "Bývalá dělnická čtvrť.",
            "ano",
            "terénní šetření",
            "2025",
        ],
    ]


def test_xlsx_export_has_czech_headers_labels_and_numeric_cells(login, apk, predlice):
    response = login(apk).get(EXPORT_URL, {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert _xlsx_rows(response) == [
        tuple(HEADERS),
        (
            "Předlice",
            "Ústí nad Labem",
            "554804",
            "Ústí nad Labem",
            "Ústecký kraj",
            "bytové domy",
            1800,
            50.6706,
            14.0203,
            "Bývalá dělnická čtvrť.",
            "ano",
            "terénní šetření",
            2025,
        ),
    ]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_filename_carries_the_date(login, apk, file_format, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 22))

    response = login(apk).get(EXPORT_URL, {"format": file_format})

    assert response["Content-Disposition"] == f'attachment; filename="lokality-2026-11-22.{file_format}"'


def test_export_defaults_to_xlsx(login, apk):
    response = login(apk).get(EXPORT_URL)

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_unknown_export_format_is_400(login, apk):
    assert login(apk).get(EXPORT_URL, {"format": "pdf"}).status_code == 400


def test_export_honours_the_region_filter(login, apk, organisation):
    LocalityFactory(organisation=organisation, name="Předlice", region=Region.USTECKY)
    LocalityFactory(organisation=organisation, name="Plzeň – Zátiší", region=Region.PLZENSKY)

    response = login(apk).get(EXPORT_URL, {"format": "csv", "region": Region.USTECKY})

    assert [row[0] for row in _csv_rows(response)[1:]] == ["Předlice"]


def test_export_honours_search_and_active_filters(login, apk, organisation):
    LocalityFactory(organisation=organisation, name="Předlice", is_active=True)
    LocalityFactory(organisation=organisation, name="Předlice – staré", is_active=False)
    LocalityFactory(organisation=organisation, name="Chanov", is_active=True)

    response = login(apk).get(EXPORT_URL, {"format": "csv", "q": "predlice", "is_active": "true"})

    assert [row[0] for row in _csv_rows(response)[1:]] == ["Předlice"]


def test_export_is_ordered_like_the_list_active_first(login, apk, organisation):
    LocalityFactory(organisation=organisation, name="Alfa", is_active=False)
    LocalityFactory(organisation=organisation, name="Beta", is_active=True)

    response = login(apk).get(EXPORT_URL, {"format": "csv"})

    assert [(row[0], row[10]) for row in _csv_rows(response)[1:]] == [("Beta", "ano"), ("Alfa", "ne")]


def test_outsiders_export_never_contains_another_organisations_rows(login, outsider, organisation, other_organisation):
    LocalityFactory(organisation=organisation, name="Předlice")
    LocalityFactory(organisation=other_organisation, name="Janov")

    response = login(outsider).get(EXPORT_URL, {"format": "csv"})

    assert _csv_rows(response)[1:] and [row[0] for row in _csv_rows(response)[1:]] == ["Janov"]


def test_text_that_excel_would_run_as_a_formula_is_neutralised(login, apk, organisation):
    LocalityFactory(organisation=organisation, name='=HYPERLINK("http://example.com")', description="@SUM(A1)")

    csv_row = _csv_rows(login(apk).get(EXPORT_URL, {"format": "csv"}))[1]
    xlsx_row = _xlsx_rows(login(apk).get(EXPORT_URL, {"format": "xlsx"}))[1]

    assert (csv_row[0], csv_row[9]) == ('\'=HYPERLINK("http://example.com")', "'@SUM(A1)")
    assert (xlsx_row[0], xlsx_row[9]) == ('\'=HYPERLINK("http://example.com")', "'@SUM(A1)")


def test_export_requires_login(client):
    response = client.get(EXPORT_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={EXPORT_URL}"


def test_export_post_is_405(login, apk):
    assert login(apk).post(EXPORT_URL).status_code == 405


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_query_count_does_not_depend_on_row_count(
    login, apk, organisation, file_format, django_assert_max_num_queries
):
    for locality in LocalityFactory.create_batch(30, organisation=organisation):
        ObservationFactory(locality=locality, author=apk)
    client = login(apk)

    # Session, user, OTP device, the request's savepoint pair (ATOMIC_REQUESTS inside the test's transaction),
    # the localities with their latest score in one query, and the audit row of the export.
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = client.get(EXPORT_URL, {"format": file_format})

    assert response.status_code == 200
