"""Localities saved with control characters before names were validated still export: the characters are dropped
from the XLSX and CSV files (before: openpyxl's IllegalCharacterError, a 500 for the whole export)."""

import csv
import io

import openpyxl
from django.urls import reverse

from locations.models import Locality
from tests.locations.factories import LocalityFactory

EXPORT_URL = reverse("localities:export")


def _saved_before_validation(organisation) -> Locality:
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    # A queryset update skips the validators, as the rows written before them did.
    Locality.objects.filter(pk=locality.pk).update(name="Před\x07lice\x1b", description="řádek 1\nřádek\x0c2")
    return locality


def test_xlsx_export_of_a_name_with_control_characters_drops_them(login, apk, organisation):
    _saved_before_validation(organisation)

    response = login(apk).get(EXPORT_URL, {"format": "xlsx"})

    assert response.status_code == 200
    row = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[1]
    assert (row[0], row[9]) == ("Předlice", "řádek 1\nřádek2")


def test_csv_export_of_a_name_with_control_characters_drops_them(login, apk, organisation):
    _saved_before_validation(organisation)

    response = login(apk).get(EXPORT_URL, {"format": "csv"})

    assert response.status_code == 200
    row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1]
    assert (row[0], row[9]) == ("Předlice", "řádek 1\nřádek2")
